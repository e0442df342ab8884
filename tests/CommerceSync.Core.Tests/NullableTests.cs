using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>
    /// The core's null-state is checked in every file and a warning fails its build: a file that turned it off, or a project
    /// setting that lets warnings through, would let a possible null reach a user as a NullReferenceException.
    /// </summary>
    public class NullableTests
    {
        private static string CoreFolder => Path.Combine(RepoFiles.Root, "src", "CommerceSync.Core");

        [Fact]
        public void The_core_project_turns_nullable_on_with_warnings_as_errors()
        {
            var project = XDocument.Load(Path.Combine(CoreFolder, "CommerceSync.Core.csproj"));
            var groups = project.Root.Elements("PropertyGroup").ToList();
            var main = groups.Where(g => g.Attribute("Condition") == null).ToList();
            Assert.Contains(main, g => (string)g.Element("Nullable") == "enable");
            Assert.Contains(main, g => (string)g.Element("TreatWarningsAsErrors") == "true");
            // No target framework or configuration takes either back.
            foreach (var setting in groups.SelectMany(g => g.Elements()).Where(e => e.Name == "Nullable" || e.Name == "TreatWarningsAsErrors"))
            {
                Assert.Equal(setting.Name == "Nullable" ? "enable" : "true", setting.Value);
            }
        }

        [Fact]
        public void No_core_file_turns_nullable_off()
        {
            var off = new Regex(@"^\s*#nullable\s+disable", RegexOptions.Multiline);
            var sources = Directory.GetFiles(CoreFolder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !IsBuildOutput(Path.GetRelativePath(CoreFolder, f)))
                .ToList();
            Assert.NotEmpty(sources);
            var offenders = sources.Where(f => off.IsMatch(File.ReadAllText(f))).Select(f => Path.GetRelativePath(CoreFolder, f)).ToList();
            Assert.True(offenders.Count == 0, "These core files turn nullable off: " + string.Join(", ", offenders));
        }

        private static bool IsBuildOutput(string relative)
        {
            var first = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0];
            return string.Equals(first, "obj", StringComparison.OrdinalIgnoreCase) || string.Equals(first, "bin", StringComparison.OrdinalIgnoreCase);
        }
    }
}
