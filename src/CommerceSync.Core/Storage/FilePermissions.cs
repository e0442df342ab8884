using System.IO;

namespace CommerceSync.Storage
{
    /// <summary>Stores hold personal data: on Unix, folders are created 0700 and store files 0600.</summary>
    internal static class FilePermissions
    {
        public static void CreatePrivateDirectory(string path)
        {
            if (string.IsNullOrEmpty(path) || Directory.Exists(path)) return;
#if NET8_0_OR_GREATER
            if (!System.OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                return;
            }
#endif
            Directory.CreateDirectory(path);
        }

        public static void CreatePrivateFile(string path)
        {
            using (File.Create(path)) { }
#if NET8_0_OR_GREATER
            if (!System.OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
#endif
        }
    }
}
