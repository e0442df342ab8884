using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>
    /// Every error id is a promise to scripts that match on it: each one the product declares is documented in
    /// about_CommerceSync and raised by some code path; each one the page documents exists.
    /// </summary>
    public class ErrorIdTests
    {
        private static readonly string[] Declared = typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)).ToArray();

        [Fact]
        public void Every_declared_id_is_raised_somewhere()
        {
            var root = RepoFiles.Root;
            var code = string.Join("\n", Directory.GetFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.EndsWith("CommerceSyncException.cs", StringComparison.Ordinal))
                .Select(File.ReadAllText));
            Assert.True(Declared.Length > 20);
            var neverRaised = Declared.Where(id => !Regex.IsMatch(code, @"\bErrorIds\." + id + @"\b")).ToArray();
            Assert.True(neverRaised.Length == 0, "Declared and documented, never raised: " + string.Join(", ", neverRaised));
        }

        [Fact]
        public void Every_documented_id_is_declared()
        {
            var about = File.ReadAllText(Path.Combine(RepoFiles.Root, "docs", "about_CommerceSync.md"));
            // The error table: | `Id` | what it means |
            var documented = Regex.Matches(about, @"^\| `(\w+)` \|", RegexOptions.Multiline).Cast<Match>().Select(m => m.Groups[1].Value).ToArray();
            Assert.True(documented.Length > 20);
            Assert.Empty(documented.Except(Declared));
            Assert.Empty(Declared.Except(documented));
        }
    }
}
