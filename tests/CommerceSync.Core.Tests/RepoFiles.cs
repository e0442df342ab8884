using System;
using System.IO;

namespace CommerceSync.Core.Tests
{
    /// <summary>The repository's own files, for tests that read the sources and docs beside the build.</summary>
    internal static class RepoFiles
    {
        public static string Root
        {
            get
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "CommerceSync.psd1"))) dir = dir.Parent;
                return dir?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
            }
        }
    }
}
