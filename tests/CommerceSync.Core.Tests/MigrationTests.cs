using System.Linq;
using System.Security.Cryptography;
using System.Text;
using CommerceSync.Data.Migrations;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>The embedded migration files: numbered without gaps, and never edited once shipped.</summary>
    public class MigrationTests
    {
        // A shipped migration has run on users' stores; changing it would give two stores of one version two schemas.
        // A new version adds a line here with its file's checksum.
        private static readonly (int Version, string Name, string Sha256)[] Shipped =
        {
            (1, "foundation", "4c4a054f4d78ed6ce92bd125fb3fdbf0a53ef32287a1d99dc4ea6aad2621aad5"),
            (2, "sales", "99f8dab9d6653dc5b822b60ee78565ed3f12d4b4bc5d4cae514ed57b2f8d17c9"),
            (3, "customer-life", "c7180d0a64054d49b70953e08578f5652d5fa93a703fb0dcd9c73404ac9a5ec9"),
            (4, "due-change-index", "11cff0fd50d2aa58ce9baf72a56281d43c90894e2545efdcb9a9e3dc1420a601"),
            (5, "account-index", "217bb9cc80c4e8e5f7d4b23b38881f4ba20eced5a8124fa8ecc239358b9aca77"),
            (6, "failure-history", "0b214a8cf51663e0d47412e807aa96e092591cff4aced2940c678f39ced3c74a"),
            (7, "run-customers", "6d3bf39489e25625e9ec4cceedfc7d3f5caf7ec7d268fe1258b605e96498b946"),
            (8, "order-and-card-account-index", "983394679fa753cfa21e5a159a2b5c8898eadaf0c2ac35afa71bcf4074aeeaf2"),
            (9, "channel-country", "b46342685072fccdec45a500f4be016f98a165d36046d60192841ec35d64cfb5"),
            (10, "default-customer", "402d91da6141fefd06fdcafd2c24f7a045a68fbf6d21ce20c124566d8ee642fc"),
            (11, "attribute-definitions", "de5cdb22c211aeb28c51db13fac786dadc13b745d951bacfa18ae34e58e391e9"),
            (12, "trickle-feed", "2149d69fcae098d4194cd9f72266a08747d570ac78bdb84fa9fcf1fbb349de68"),
            (13, "distribution-schedules", "68e01252bddaa78eb7480f2331676b11f8955fe3b0a951a726a066a209561d9b"),
            (14, "data-sessions", "d019626b6d0a2b1d01499365f315ac0b9e1d7454aaeafe10a9561d0d00005a72"),
        };

        [Fact]
        public void Every_version_has_one_file_in_order()
        {
            Assert.Equal(Enumerable.Range(1, Migrator.LatestVersion), Migrator.Scripts.Select(m => m.Version));
            Assert.Equal(Shipped.Length, Migrator.LatestVersion);
        }

        [Fact]
        public void Shipped_migrations_are_unchanged()
        {
            foreach (var (version, name, sha256) in Shipped)
            {
                var script = Migrator.Scripts[version - 1];
                Assert.Equal(name, script.Name);
                using (var sha = SHA256.Create())
                {
                    // Line ends as the checkout has them do not count: a Windows clone has the same migrations.
                    var text = script.Sql.Replace("\r\n", "\n");
                    var hash = string.Concat(sha.ComputeHash(Encoding.UTF8.GetBytes(text)).Select(b => b.ToString("x2")));
                    Assert.True(sha256 == hash, "Migration " + version + "-" + name + " changed (" + hash + "). Add a new migration instead.");
                }
            }
        }

        [Fact]
        public void Every_migration_says_why_in_its_first_line()
        {
            foreach (var script in Migrator.Scripts)
                Assert.StartsWith("-- Version " + script.Version + ": ", script.Sql);
        }
    }
}
