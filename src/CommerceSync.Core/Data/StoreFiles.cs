using System;
using System.IO;

namespace CommerceSync.Data
{
    /// <summary>
    /// The files CommerceSync writes by name: stores, backups and exports hold personal data, so they are created owner-only
    /// (0600) in the same call that creates them, and folders 0700, so no other user ever has a moment to open them. The
    /// rules for a store's own files (opened only through SQLite) are the SQLite engine's: Data/Engines/Sqlite/SqliteFiles.cs.
    /// </summary>
    internal static class StoreFiles
    {
        public static void CreatePrivateDirectory(string? path)
        {
            if (string.IsNullOrEmpty(path) || Directory.Exists(path)) return;
#if NET8_0_OR_GREATER
            if (!OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                return;
            }
#endif
            Directory.CreateDirectory(path);
        }

        /// <summary>
        /// Creates a new file, owner-only from the start (open(2) with O_CREAT|O_EXCL and mode 0600), and its folder when
        /// missing. Fails if the file exists. The caller writes through the stream it returns.
        /// </summary>
        public static FileStream CreatePrivate(string path, int bufferSize = 4096)
        {
            CreatePrivateDirectory(Path.GetDirectoryName(Path.GetFullPath(path)));
#if NET8_0_OR_GREATER
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = bufferSize };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            return new FileStream(path, options);
#else
            return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize);
#endif
        }

        /// <summary>A new, empty owner-only file for SQLite to make a store in. Nothing in this process has it open yet.</summary>
        public static void CreatePrivateEmpty(string path)
        {
            using (CreatePrivate(path)) { }
        }

        /// <summary>
        /// An owner-only temporary file beside <paramref name="destination"/>, which <see cref="Publish"/> renames into place when
        /// it is whole: nobody ever sees a partial file under the destination's name.
        /// </summary>
        public static (string Path, FileStream Stream) CreateTemporaryBeside(string destination, int bufferSize)
        {
            // A file's full path always has a folder (only a root has none, and a root is no file).
            var folder = Path.GetDirectoryName(Path.GetFullPath(destination))!;
            var temp = Path.Combine(folder, "." + Path.GetFileName(destination) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".partial");
            return (temp, CreatePrivate(temp, bufferSize));
        }

        /// <summary>Moves a finished temporary file onto its destination in one step (rename(2)), replacing what was there.</summary>
        public static void Publish(string temp, string destination)
        {
#if NET8_0_OR_GREATER
            File.Move(temp, destination, overwrite: true);
#else
            if (File.Exists(destination)) File.Replace(temp, destination, null);
            else File.Move(temp, destination);
#endif
        }

        public static void DeleteQuietly(string? path)
        {
            try { if (path != null) File.Delete(path); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
