using CommerceSync.Data.Migrations;
using System;
using System.IO;
using System.Linq;
using CommerceSync.Storage;
using Microsoft.Data.Sqlite;
using Xunit;

namespace CommerceSync.Core.Tests
{
    // A SQLite file itself (its header, modes, pragmas, query plans): not run when the suite runs on PostgreSQL.
    [Trait("Backend", "SQLite")]
    public class StoreTests
    {
        [Fact]
        public void NewStoreHasTheLatestSchemaAndReopens()
        {
            using (var s = new TestStore())
            {
                Assert.Equal(Migrator.LatestVersion, s.Db.SchemaVersion);
                s.Channel("S1");
                using (var again = s.Reopen())
                {
                    Assert.Equal(Migrator.LatestVersion, again.SchemaVersion);
                    Assert.Single(new ChannelStore(again).List());
                }
            }
        }

        [Fact]
        public void EveryConnectionRunsInWalModeWithForeignKeysAndABusyTimeout()
        {
            using (var s = new TestStore())
            using (var again = s.Reopen())
            {
                foreach (var db in new[] { s.Db, again })
                {
                    Assert.Equal("wal", db.Scalar<string>("PRAGMA journal_mode;"));
                    Assert.Equal(1L, db.Scalar<long>("PRAGMA foreign_keys;"));
                    Assert.Equal((long)db.BusyTimeout.TotalMilliseconds, db.Scalar<long>("PRAGMA busy_timeout;"));
                    Assert.True(db.BusyTimeout > TimeSpan.Zero);
                }
                // Foreign keys are enforced, not just declared: an operation of a channel that does not exist is refused.
                var ex = Assert.Throws<SqliteException>(() => s.Db.Execute(
                    "INSERT INTO ch_async_customer(channel_id, counter, async_customer_id, operation, created_at) VALUES ('NOPE', 1, 'x', 1, '2026-01-01');"));
                Assert.Equal(19, ex.SqliteErrorCode); // SQLITE_CONSTRAINT
            }
        }

        [Fact]
        public void RefusesANewerSchema()
        {
            using (var s = new TestStore())
            {
                StoreDatabase.EnsureSqliteProvider();
                using (var c = new SqliteConnection("Data Source=" + s.Path))
                {
                    c.Open();
                    using (var cmd = c.CreateCommand())
                    {
                        cmd.CommandText = "INSERT INTO schema_version(version) VALUES (999);";
                        cmd.ExecuteNonQuery();
                    }
                }
                var ex = Assert.Throws<CommerceSyncException>(() => StoreDatabase.Open(s.Path).Dispose());
                Assert.Equal(ErrorIds.StoreSchemaTooNew, ex.ErrorId);
            }
        }

        [Fact]
        public void RefusesWhatIsNotAStore()
        {
            var dir = Path.Combine(Path.GetTempPath(), "cs-core-dir-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                Assert.Equal(ErrorIds.StorePathIsFolder, Assert.Throws<CommerceSyncException>(() => StoreDatabase.Open(dir)).ErrorId);
                var text = Path.Combine(dir, "text.db");
                File.WriteAllText(text, new string('x', 5000));
                Assert.Equal(ErrorIds.StoreNotSqlite, Assert.Throws<CommerceSyncException>(() => StoreDatabase.Open(text)).ErrorId);
                var empty = Path.Combine(dir, "empty.db");
                File.WriteAllBytes(empty, new byte[0]);
                Assert.Equal(ErrorIds.StoreNotSqlite, Assert.Throws<CommerceSyncException>(() => StoreDatabase.Open(empty)).ErrorId);
                Assert.Equal(ErrorIds.StoreNotFound, Assert.Throws<CommerceSyncException>(() => StoreDatabase.Open(Path.Combine(dir, "none.db"))).ErrorId);
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public void CreatesTheStoreOwnerOnlyOnUnix()
        {
            if (OperatingSystem.IsWindows()) return;
            using (var s = new TestStore())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(s.Path));
            }
        }

        [Theory]
        [InlineData("C######", 1, "C000001")]
        [InlineData("US-####", 12, "US-0012")]
        [InlineData("X_###", 999, "X_999")]
        public void FormatsAccountNumbers(string format, long value, string expected) =>
            Assert.Equal(expected, AccountNumberFormat.Parse(format).Format(value));

        [Theory]
        [InlineData("CUST")]
        [InlineData("C##")]
        [InlineData("C#A###")]
        [InlineData("C D###")]
        [InlineData("")]
        public void RefusesBadAccountNumberFormats(string format) =>
            Assert.Equal(ErrorIds.AccountNumberFormatInvalid, Assert.Throws<CommerceSyncException>(() => AccountNumberFormat.Parse(format)).ErrorId);

        [Fact]
        public void MigratesAnOlderStoreForward()
        {
            var path = Path.Combine(Path.GetTempPath(), "cs-core-v1-" + Guid.NewGuid().ToString("N") + ".db");
            try
            {
                // A store as version 1 of the module left it, with a customer in a channel.
                StoreDatabase.EnsureSqliteProvider();
                using (var c = new SqliteConnection("Data Source=" + path))
                {
                    c.Open();
                    using (var cmd = c.CreateCommand())
                    {
                        cmd.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE schema_version(version INTEGER NOT NULL);" + Migrator.Scripts[0].Sql +
                            "INSERT INTO schema_version VALUES (1);" +
                            "INSERT INTO channel(channel_id, name, data_area_id, async_customer_mode, offline_database, default_customer_group, default_currency, next_counter, created_at) VALUES ('S1','S1','USRT',1,0,'30','USD',2,'2026-01-01T00:00:00.0000000Z');" +
                            "INSERT INTO ch_async_customer(channel_id, counter, async_customer_id, operation, first_name, created_at) VALUES ('S1', 1, 'a1', 1, 'Old', '2026-01-01T00:00:00.0000000Z');";
                        cmd.ExecuteNonQuery();
                    }
                }
                using (var db = StoreDatabase.Open(path))
                {
                    Assert.Equal(Migrator.LatestVersion, db.SchemaVersion);
                    var customer = Assert.Single(new AsyncCustomerStore(db).Read(null));
                    Assert.Equal("Old", customer.FirstName);
                    Assert.Equal(AsyncCustomerStatus.Pending, customer.Status);
                }
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
            }
        }

        [Fact]
        public void AFullReadReturnsEveryCustomerOnceInOrderAcrossPages()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1", offline: true);
                s.Channel("S2");
                var store = new AsyncCustomerStore(s.Db);
                // More than two pages (5,000 rows each), on two channels, plus a few in S1's offline database.
                foreach (var ch in new[] { "S1", "S2" })
                {
                    store.Append(Enumerable.Range(0, 6000).Select(i => store.Prepare(new AsyncCustomer { ChannelId = ch, FirstName = "F" + i, LastName = ch })).ToList());
                }
                store.Append(Enumerable.Range(0, 3).Select(i => store.Prepare(new AsyncCustomer { ChannelId = "S1", FirstName = "Off" + i, LastName = "S1" })).ToList(), offline: true);

                var all = store.Read(new AsyncCustomerFilter { IncludeDetails = false }).ToList();
                Assert.Equal(12003, all.Count);
                Assert.Equal(12003, all.Select(c => c.AsyncCustomerId).Distinct().Count());
                Assert.Equal(new[] { "S1", "S2" }, all.Select(c => c.ChannelId).Distinct());
                Assert.Equal(3, all.Count(c => c.Status == AsyncCustomerStatus.Offline));
                var s2 = all.Where(c => c.ChannelId == "S2").Select(c => c.ReplicationCounter).ToList();
                Assert.Equal(s2.OrderBy(n => n), s2);
                Assert.Equal(6000, store.Read(new AsyncCustomerFilter { ChannelIds = new[] { "S2" }, IncludeDetails = false }).Count());
            }
        }
    }
}
