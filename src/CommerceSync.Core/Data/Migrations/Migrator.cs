using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace CommerceSync.Data.Migrations
{
    /// <summary>
    /// The store's forward-only migrations: one embedded <c>NNNN-name.sql</c> file per schema version, applied in order
    /// by <see cref="CommerceSync.Data.StoreDatabase"/>. File N brings a store from version N-1 to N. Never edit a
    /// shipped file (a test pins their checksums): add the next one.
    /// Table prefixes: ch_ = a channel database (rows keyed by channel), off_ = an offline database,
    /// hq_ and plain names = headquarters.
    /// </summary>
    internal static class Migrator
    {
        private static readonly Regex FileName = new Regex(@"\.(?<version>\d{4})-(?<name>[a-z0-9-]+)\.sql$", RegexOptions.CultureInvariant);
        private static readonly Lazy<IReadOnlyList<Migration>> All = new Lazy<IReadOnlyList<Migration>>(Load);

        public static IReadOnlyList<Migration> Scripts => All.Value;

        public static int LatestVersion => All.Value.Count;

        private static IReadOnlyList<Migration> Load()
        {
            var assembly = typeof(Migrator).GetTypeInfo().Assembly;
            var found = new List<Migration>();
            foreach (var resource in assembly.GetManifestResourceNames())
            {
                var match = FileName.Match(resource);
                if (!match.Success) continue;
                using (var stream = assembly.GetManifestResourceStream(resource)!) // a name the assembly just listed
                using (var reader = new StreamReader(stream, Encoding.UTF8))
                {
                    found.Add(new Migration(int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
                        match.Groups["name"].Value, reader.ReadToEnd()));
                }
            }
            found.Sort((a, b) => a.Version.CompareTo(b.Version));
            // A gap or a twice-used number would migrate stores differently from release to release.
            for (var i = 0; i < found.Count; i++)
            {
                if (found[i].Version != i + 1)
                    throw new InvalidOperationException("Migration " + (i + 1) + " is missing or numbered twice: " + string.Join(", ", found.Select(m => m.Version + "-" + m.Name)));
            }
            return found;
        }
    }

    internal sealed class Migration
    {
        public Migration(int version, string name, string sql)
        {
            Version = version;
            Name = name;
            Sql = sql;
        }

        public int Version { get; }
        public string Name { get; }
        public string Sql { get; }
    }
}
