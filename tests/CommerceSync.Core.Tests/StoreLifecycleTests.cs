using CommerceSync.Data.Migrations;
using System;
using System.IO;
using System.Linq;
using CommerceSync.Data;
using Microsoft.Data.Sqlite;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>A store file's life: created, opened, set up on every connection, migrated forward, reopened, and refused when it is not one.</summary>
    // A SQLite file itself (its header, modes, pragmas, query plans): not run when the suite runs on PostgreSQL.
    [Trait("Backend", "SQLite")]
    public sealed class StoreLifecycleTests : IDisposable
    {
        private readonly string dir = Path.Combine(Path.GetTempPath(), "cs-core-life-" + Guid.NewGuid().ToString("N"));

        public StoreLifecycleTests() => Directory.CreateDirectory(dir);

        public void Dispose()
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }

        private string File_(string name) => Path.Combine(dir, name);

        [Fact]
        public void CreateRefusesAnExistingStoreUnlessForced()
        {
            var path = File_("a.db");
            using (var db = StoreDatabase.Create(path)) new ChannelStore(db).Add(new Channel { ChannelId = "S1" });
            var ex = Assert.Throws<CommerceSyncException>(() => StoreDatabase.Create(path).Dispose());
            Assert.Equal(ErrorIds.StoreExists, ex.ErrorId);
            using (var db = StoreDatabase.Open(path)) Assert.Single(new ChannelStore(db).List()); // untouched
            using (var db = StoreDatabase.Create(path, "N####", force: true))
            {
                Assert.Empty(new ChannelStore(db).List());
                Assert.Equal("N####", db.GetSetting("AccountNumberFormat"));
                Assert.Equal(Migrator.LatestVersion, db.SchemaVersion);
            }
        }

        [Fact]
        public void AFolderIsRefused()
        {
            Assert.Equal(ErrorIds.StorePathIsFolder, Assert.Throws<CommerceSyncException>(() => StoreDatabase.Create(dir).Dispose()).ErrorId);
            Assert.Equal(ErrorIds.StorePathIsFolder, Assert.Throws<CommerceSyncException>(() => StoreDatabase.Create(dir, force: true).Dispose()).ErrorId);
            Assert.Equal(ErrorIds.StorePathIsFolder, Assert.Throws<CommerceSyncException>(() => StoreDatabase.Open(dir).Dispose()).ErrorId);
            Assert.True(Directory.Exists(dir));
        }

        [Fact]
        public void CreateMakesMissingFoldersAndOpenCanCreate()
        {
            var nested = Path.Combine(dir, "x", "y", "s.db");
            using (var db = StoreDatabase.Create(nested)) Assert.Equal(Migrator.LatestVersion, db.SchemaVersion);
            Assert.True(File.Exists(nested));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(dir, "x", "y")));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(nested));
            }
            var missing = File_("new.db");
            Assert.Equal(ErrorIds.StoreNotFound, Assert.Throws<CommerceSyncException>(() => StoreDatabase.Open(missing).Dispose()).ErrorId);
            Assert.False(File.Exists(missing));
            using (var db = StoreDatabase.Open(missing, createIfMissing: true)) Assert.Equal(Migrator.LatestVersion, db.SchemaVersion);
            Assert.True(File.Exists(missing));
        }

        [Fact]
        public void ReopeningKeepsTheDataAndTheSchemaVersion()
        {
            var path = File_("r.db");
            string id;
            using (var db = StoreDatabase.Create(path))
            {
                new ChannelStore(db).Add(new Channel { ChannelId = "S1", DataAreaId = "FRRT", DefaultCurrency = "eur" });
                var store = new AsyncCustomerStore(db);
                var c = store.Prepare(new AsyncCustomer { ChannelId = "S1", FirstName = "Ann" });
                store.Append(new[] { c });
                id = c.AsyncCustomerId;
            }
            SqliteConnection.ClearAllPools();
            using (var db = StoreDatabase.Open(path))
            {
                Assert.Equal(Migrator.LatestVersion, db.SchemaVersion);
                Assert.Equal(1, db.Scalar<long>("SELECT COUNT(*) FROM schema_version WHERE version = $v;", ("$v", Migrator.LatestVersion)));
                var ch = new ChannelStore(db).Get("s1");
                Assert.Equal(("S1", "FRRT", "EUR"), (ch.ChannelId, ch.DataAreaId, ch.DefaultCurrency));
                var c = Assert.Single(new AsyncCustomerStore(db).Read(null));
                Assert.Equal((id, "Ann", "EUR", AsyncCustomerStatus.Pending), (c.AsyncCustomerId, c.FirstName, c.Currency, c.Status));
            }
            // Opening again does not migrate again.
            using (var db = StoreDatabase.Open(path)) Assert.Equal(Migrator.LatestVersion, db.Count("schema_version"));
        }

        [Fact]
        public void ANewerSchemaIsRefusedAndLeftAsItIs()
        {
            var path = File_("n.db");
            using (var db = StoreDatabase.Create(path)) db.Execute("INSERT INTO schema_version(version) VALUES ($v);", ("$v", Migrator.LatestVersion + 1));
            SqliteConnection.ClearAllPools();
            var ex = Assert.Throws<CommerceSyncException>(() => StoreDatabase.Open(path).Dispose());
            Assert.Equal(ErrorIds.StoreSchemaTooNew, ex.ErrorId);
            Assert.Equal(ErrorKind.NotSupported, ex.Kind);
            Assert.Contains((Migrator.LatestVersion + 1).ToString(), ex.Message);
            SqliteConnection.ClearAllPools();
            using (var c = new SqliteConnection("Data Source=" + path))
            {
                c.Open();
                using (var cmd = c.CreateCommand())
                {
                    cmd.CommandText = "SELECT MAX(version) FROM schema_version;";
                    Assert.Equal((long)Migrator.LatestVersion + 1, (long)cmd.ExecuteScalar());
                }
            }
        }

        [Fact]
        public void FilesThatAreNotStoresAreRefused()
        {
            var text = File_("text.db");
            File.WriteAllText(text, "SQLite format 3 but not really" + new string('x', 4000));
            Assert.Equal(ErrorIds.StoreNotSqlite, Assert.Throws<CommerceSyncException>(() => StoreDatabase.Open(text).Dispose()).ErrorId);
            var empty = File_("empty.db");
            File.WriteAllBytes(empty, new byte[0]);
            Assert.Equal(ErrorIds.StoreNotSqlite, Assert.Throws<CommerceSyncException>(() => StoreDatabase.Open(empty).Dispose()).ErrorId);

            // A real store cut short is refused, not mistaken for an empty one.
            var store = File_("cut.db");
            using (var db = StoreDatabase.Create(store)) { }
            SqliteConnection.ClearAllPools();
            var bytes = File.ReadAllBytes(store);
            var cut = File_("cut-short.db");
            File.WriteAllBytes(cut, bytes.Take(bytes.Length - 100).ToArray());
            Assert.Equal(ErrorIds.StoreNotSqlite, Assert.Throws<CommerceSyncException>(() => StoreDatabase.Open(cut).Dispose()).ErrorId);

            // Another application's SQLite database is refused and left unchanged.
            var other = File_("other.db");
            StoreDatabase.EnsureSqliteProvider();
            using (var c = new SqliteConnection("Data Source=" + other))
            {
                c.Open();
                using (var cmd = c.CreateCommand())
                {
                    cmd.CommandText = "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes(body) VALUES ('keep');";
                    cmd.ExecuteNonQuery();
                }
            }
            SqliteConnection.ClearAllPools();
            var before = File.ReadAllBytes(other);
            Assert.Equal(ErrorIds.StoreNotCommerceSync, Assert.Throws<CommerceSyncException>(() => StoreDatabase.Open(other).Dispose()).ErrorId);
            SqliteConnection.ClearAllPools();
            using (var c = new SqliteConnection("Data Source=" + other))
            {
                c.Open();
                using (var cmd = c.CreateCommand())
                {
                    cmd.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_version';";
                    Assert.Equal(0L, (long)cmd.ExecuteScalar());
                    cmd.CommandText = "PRAGMA journal_mode;";
                    Assert.Equal("delete", (string)cmd.ExecuteScalar());
                }
            }
            SqliteConnection.ClearAllPools();
            Assert.Equal(before, File.ReadAllBytes(other));
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

        /// <summary>A store file as an older module left it: the migrations up to <paramref name="version"/>, then <paramref name="rows"/>.</summary>
        private static string OlderStore(int version, string rows)
        {
            var path = Path.Combine(Path.GetTempPath(), "cs-core-v" + version + "-" + Guid.NewGuid().ToString("N") + ".db");
            StoreDatabase.EnsureSqliteProvider();
            using (var c = new SqliteConnection("Data Source=" + path))
            {
                c.Open();
                using (var cmd = c.CreateCommand())
                {
                    cmd.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE schema_version(version INTEGER NOT NULL);" +
                        string.Concat(Migrator.Scripts.Take(version).Select(m => m.Sql + "\nINSERT INTO schema_version VALUES (" + m.Version + ");\n")) + rows;
                    cmd.ExecuteNonQuery();
                }
            }
            return path;
        }

        private static void DeleteStoreFile(string path)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }

        [Fact]
        public void A_store_from_before_trickle_feed_keeps_legacy_posting_and_its_sales_orders()
        {
            // trickle-feed.md recommends moving to trickle feed; an existing store keeps the posting it had until its admin moves it.
            var path = OlderStore(11,
                "INSERT INTO sales_order(data_area_id, sales_id, channel_id, transaction_id, account_number, amount_minor, created_at, run_id) VALUES ('USRT', 'SO-1', 'S1', 'T1', 'C1', 1250, '2026-01-01T00:00:00.0000000Z', 1);");
            try
            {
                using (var db = StoreDatabase.Open(path))
                {
                    Assert.Equal("Legacy", db.GetSetting("StatementPostingMode"));
                    var order = Assert.Single(new OrderStore(db).ReadSalesOrders(null));
                    Assert.Equal(("SO-1", "T1", 12.50m, SalesOrderOrigin.CustomerOrder, false), (order.SalesId, order.TransactionId, order.Amount, order.Origin, order.Invoiced));
                    // The rebuilt table still refuses a second order for one customer order.
                    Assert.ThrowsAny<Exception>(() => db.Execute("INSERT INTO sales_order(data_area_id, sales_id, channel_id, transaction_id, account_number, amount_minor, created_at, run_id) VALUES ('USRT', 'SO-2', 'S1', 'T1', 'C1', 1, 'x', 1);"));
                }
            }
            finally
            {
                DeleteStoreFile(path);
            }
        }

        [Fact]
        public void MigratesAnOlderStoreForward()
        {
            // A store as version 1 of the module left it, with a customer in a channel.
            var path = OlderStore(1,
                "INSERT INTO channel(channel_id, name, data_area_id, async_customer_mode, offline_database, default_customer_group, default_currency, next_counter, created_at) VALUES ('S1','S1','USRT',1,0,'30','USD',2,'2026-01-01T00:00:00.0000000Z');" +
                "INSERT INTO ch_async_customer(channel_id, counter, async_customer_id, operation, first_name, created_at) VALUES ('S1', 1, 'a1', 1, 'Old', '2026-01-01T00:00:00.0000000Z');");
            try
            {
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
                DeleteStoreFile(path);
            }
        }
    }
}
