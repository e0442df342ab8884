using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Loader;
#endif

namespace CommerceSync
{
    /// <summary>
    /// Runs when the module is imported, before any cmdlet. Third-party assemblies live in Dependencies/ and load
    /// through a private context (AssemblyResolve on Windows PowerShell), so another module's copies cannot clash with ours;
    /// the native e_sqlite3 is loaded from Dependencies/&lt;rid&gt;/ by our own resolver, since pwsh never reads a module's deps.json.
    /// </summary>
    public sealed class ModuleLoader : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(ModuleLoader).Assembly.Location);
        internal static readonly string DependencyFolder = Path.Combine(ModuleFolder, "Dependencies");
        internal static readonly List<string> TriedNativePaths = new List<string>();

        public void OnImport()
        {
#if NET8_0_OR_GREATER
            AssemblyLoadContext.Default.Resolving += ResolveFromPrivateContext;
#else
            AppDomain.CurrentDomain.AssemblyResolve += ResolveDesktop;
            PreloadNativeDesktop();
#endif
            CheckNativeSqlite();
        }

        public void OnRemove(PSModuleInfo module)
        {
#if NET8_0_OR_GREATER
            AssemblyLoadContext.Default.Resolving -= ResolveFromPrivateContext;
#else
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveDesktop;
#endif
        }

        /// <summary>Fails the import with one clear message instead of a DllNotFoundException at the first cmdlet.</summary>
        private static void CheckNativeSqlite()
        {
            try
            {
                Data.StoreDatabase.EnsureSqliteProvider();
                Data.StoreDatabase.CheckNativeLibrary();
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is BadImageFormatException || ex is EntryPointNotFoundException || ex is TypeInitializationException)
            {
                throw new CommerceSyncException(ErrorIds.NativeSqliteMissing, ErrorKind.NotSupported,
                    "CommerceSync could not load its SQLite engine (e_sqlite3) for runtime '" + RuntimeId + "'. Tried: " +
                    (TriedNativePaths.Count == 0 ? "(nothing)" : string.Join("; ", TriedNativePaths)) + ". Reinstall the module; " +
                    "its Dependencies folder must hold the folder for this platform. Details: " + ex.Message, RuntimeId, ex);
            }
        }

        /// <summary>Candidate RID folders for this process, most specific first.</summary>
        internal static IEnumerable<string> CandidateRids()
        {
            var arch = RuntimeInformation.ProcessArchitecture;
            var a = arch == Architecture.Arm64 ? "arm64" : arch == Architecture.X86 ? "x86" : arch == Architecture.Arm ? "arm" : "x64";
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                yield return "win-" + a;
            }
            else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                yield return "osx-" + a;
            }
            else
            {
                if (IsMusl()) yield return "linux-musl-" + a;
                yield return "linux-" + a;
            }
        }

        private static bool IsMusl()
        {
            try
            {
                return File.Exists("/etc/alpine-release") || Directory.GetFiles("/lib", "ld-musl-*").Length > 0;
            }
            catch (IOException) { return false; }
            catch (UnauthorizedAccessException) { return false; }
        }

        internal static string RuntimeId
        {
            get
            {
                foreach (var rid in CandidateRids()) return rid;
                return "unknown";
            }
        }

        internal static string NativeFileName =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "e_sqlite3.dll"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "e_sqlite3.dylib" : "e_sqlite3.so";

        internal static IEnumerable<string> NativeCandidates()
        {
            foreach (var rid in CandidateRids())
            {
                yield return Path.Combine(DependencyFolder, rid, NativeFileName);
            }
        }

#if NET8_0_OR_GREATER
        private static readonly Lazy<PrivateLoadContext> Context = new Lazy<PrivateLoadContext>(() => new PrivateLoadContext(DependencyFolder));

        private static Assembly ResolveFromPrivateContext(AssemblyLoadContext defaultContext, AssemblyName name)
        {
            var path = Path.Combine(DependencyFolder, name.Name + ".dll");
            return File.Exists(path) ? Context.Value.LoadFromAssemblyName(name) : null;
        }

        /// <summary>Holds Microsoft.Data.Sqlite and SQLitePCLRaw for this module only, and answers the native e_sqlite3 load.</summary>
        private sealed class PrivateLoadContext : AssemblyLoadContext
        {
            private readonly string folder;

            public PrivateLoadContext(string folder) : base("CommerceSync", isCollectible: false)
            {
                this.folder = folder;
            }

            protected override Assembly Load(AssemblyName assemblyName)
            {
                var path = Path.Combine(folder, assemblyName.Name + ".dll");
                return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
            }

            protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
            {
                if (unmanagedDllName.IndexOf("e_sqlite3", StringComparison.OrdinalIgnoreCase) < 0) return IntPtr.Zero;
                foreach (var candidate in NativeCandidates())
                {
                    lock (TriedNativePaths) TriedNativePaths.Add(candidate);
                    if (File.Exists(candidate)) return LoadUnmanagedDllFromPath(candidate);
                }
                return IntPtr.Zero;
            }
        }
#else
        private static Assembly ResolveDesktop(object sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name);
            var path = Path.Combine(DependencyFolder, name.Name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }

        [DllImport("kernel32", SetLastError = true, CharSet = CharSet.Unicode)]
        private static extern IntPtr LoadLibrary(string path);

        /// <summary>Windows PowerShell has no NativeLibrary: load e_sqlite3.dll by full path first, so the DllImport finds it loaded.</summary>
        private static void PreloadNativeDesktop()
        {
            foreach (var candidate in NativeCandidates())
            {
                TriedNativePaths.Add(candidate);
                if (File.Exists(candidate) && LoadLibrary(candidate) != IntPtr.Zero) return;
            }
        }
#endif
    }
}
