using System;
using System.Collections.Concurrent;
using System.IO;
using System.Runtime.InteropServices;

namespace CommerceSync.Data.Engines.Sqlite
{
    /// <summary>
    /// A store's files (the database, -wal, -shm, -journal) are opened, replaced and removed only through SQLite. On POSIX,
    /// closing any descriptor of a file drops every lock the process holds on it, so a stray open-and-close of a live store
    /// lets another SQLite client delete its WAL under a running job. This class knows a store's files by name (and which
    /// stores this process opened) without opening any of them.
    /// </summary>
    internal static class SqliteFiles
    {
        /// <summary>The files SQLite keeps beside a store.</summary>
        public static readonly string[] Sidecars = { "-wal", "-shm", "-journal" };

        // The stores this process has opened (canonical paths). A pooled connection may still hold one open, so nothing but
        // SQLite may write over any of them.
        private static readonly ConcurrentDictionary<string, bool> Opened = new ConcurrentDictionary<string, bool>(PathComparer);

        private static StringComparer PathComparer =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

        public static void RememberOpened(string storePath) => Opened[Canonical(storePath)] = true;

        /// <summary>
        /// The store (or the file of a store this process has opened) that <paramref name="destination"/> names, after links and
        /// relative parts are resolved; null when it names none of them.
        /// </summary>
        public static string? StoreAt(string destination, string? currentStore, bool anyOpenedStore)
        {
            var target = Canonical(destination);
            foreach (var store in anyOpenedStore ? (System.Collections.Generic.IEnumerable<string>)Opened.Keys : Array.Empty<string>())
            {
                if (IsStoreFile(target, store)) return store;
            }
            if (currentStore != null && IsStoreFile(target, Canonical(currentStore))) return currentStore;
            return null;
        }

        private static bool IsStoreFile(string target, string store)
        {
            if (PathComparer.Equals(target, store)) return true;
            foreach (var suffix in Sidecars)
            {
                if (PathComparer.Equals(target, store + suffix)) return true;
            }
            return false;
        }

        /// <summary>A full path with every link in it resolved (as far as the path exists), so two names of one file compare equal.</summary>
        public static string Canonical(string path) => Resolve(Path.GetFullPath(path), 0);

        private static string Resolve(string full, int depth)
        {
#if NET8_0_OR_GREATER
            if (depth > 40) return full; // a loop of links: compare as given
            var root = Path.GetPathRoot(full) ?? "";
            var parts = full.Substring(root.Length).Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries);
            var current = root;
            for (var i = 0; i < parts.Length; i++)
            {
                var next = Path.Combine(current, parts[i]);
                string? link;
                try { link = (Directory.Exists(next) ? (FileSystemInfo)new DirectoryInfo(next) : new FileInfo(next)).LinkTarget; }
                catch (IOException) { link = null; }
                catch (UnauthorizedAccessException) { link = null; }
                if (link != null)
                {
                    var target = Path.IsPathRooted(link) ? link : Path.Combine(current, link);
                    var remaining = string.Join(Path.DirectorySeparatorChar.ToString(), parts, i + 1, parts.Length - i - 1);
                    return Resolve(Path.GetFullPath(remaining.Length == 0 ? target : Path.Combine(target, remaining)), depth + 1);
                }
                current = next;
            }
            return current;
#else
            return full;
#endif
        }

        /// <summary>The target of a symbolic link that points at nothing (null for anything else). .NET counts such a link as an existing file.</summary>
        public static string? DanglingLinkTarget(string path)
        {
#if NET8_0_OR_GREATER
            try
            {
                var info = new FileInfo(path);
                if (info.LinkTarget == null) return null;
                var final = info.ResolveLinkTarget(returnFinalTarget: true);
                return final == null || !final.Exists ? info.LinkTarget : null;
            }
            catch (IOException)
            {
                return null; // a loop of links: SQLite's open says what is wrong
            }
#else
            return null;
#endif
        }

    }
}
