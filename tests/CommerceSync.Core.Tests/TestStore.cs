using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CommerceSync.Jobs;
using CommerceSync.Data;
using Microsoft.Data.Sqlite;
using Xunit;
using CommerceSync.Rules;

namespace CommerceSync.Core.Tests
{
    /// <summary>
    /// A fresh store per test, with helpers that act the way a POS and an admin do: a SQLite file, or, when the suite runs
    /// on PostgreSQL (<see cref="Backend"/>), a schema of its own in the test server's database.
    /// </summary>
    public sealed class TestStore : IDisposable
    {
        /// <summary>The test server (a connection string) for tests on PostgreSQL; unset, they are skipped.</summary>
        public static string PostgresServer => Environment.GetEnvironmentVariable("COMMERCESYNC_TEST_POSTGRES");

        /// <summary>Where this run's stores live: COMMERCESYNC_TEST_BACKEND=PostgreSQL runs the whole suite on the test server.</summary>
        public static StoreBackend Backend =>
            string.Equals(Environment.GetEnvironmentVariable("COMMERCESYNC_TEST_BACKEND"), "PostgreSQL", StringComparison.OrdinalIgnoreCase) ? StoreBackend.PostgreSQL : StoreBackend.SQLite;

        public TestStore(string format = null) : this(Backend, format) { }

        public TestStore(StoreBackend backend, string format = null)
        {
            if (backend == StoreBackend.PostgreSQL)
            {
                Schema = "cs_" + Guid.NewGuid().ToString("N").Substring(0, 20);
                Path = PostgresServer + ";Search Path=" + Schema;
                Db = StoreDatabase.CreatePostgres(Path, format);
                return;
            }
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cs-core-" + Guid.NewGuid().ToString("N") + ".db");
            Db = StoreDatabase.Create(Path, format);
        }

        /// <summary>The store file, or the PostgreSQL connection string of the store.</summary>
        public string Path { get; }
        public string Schema { get; }
        public StoreDatabase Db { get; }

        /// <summary>Runs SQL on the test server outside any store (setting up or cleaning up what a test needs).</summary>
        public static void ServerExecute(string sql)
        {
            using (var c = new Npgsql.NpgsqlConnection(PostgresServer))
            {
                c.Open();
                using (var cmd = c.CreateCommand())
                {
                    cmd.CommandText = sql;
                    cmd.ExecuteNonQuery();
                }
            }
        }

        public static void DropSchema(string schema) => ServerExecute("DROP SCHEMA IF EXISTS " + schema + " CASCADE;");

        /// <summary>Another connection to the same store, as a second process would open it.</summary>
        public StoreDatabase Reopen() => StoreDatabase.OpenAt(Path);

        public Channel Channel(string id, bool async = true, bool offline = false, string area = null) =>
            new ChannelStore(Db).Add(new Channel { ChannelId = id, AsyncCustomerMode = async, OfflineDatabase = offline, DataAreaId = area });

        public AsyncCustomer Customer(string channel, string first, string email = null, string currency = null, bool address = false, params (string, object)[] attributes)
        {
            var store = new AsyncCustomerStore(Db);
            var c = store.Prepare(new AsyncCustomer
            {
                ChannelId = channel, FirstName = first, LastName = "Test", Email = email, Currency = currency,
                Addresses = address ? new[] { new AsyncAddress { Street = "1 Main", City = "Town", Country = "USA" } } : Array.Empty<AsyncAddress>(),
                Attributes = attributes.Select(a => CustomerRules.ToAttribute(a.Item1, a.Item2)).ToArray(),
            });
            store.Append(new[] { c });
            return c;
        }

        public JobRun PJob(params string[] channels) => new PJob(Db).Run(new JobOptions { ChannelIds = channels.Length == 0 ? null : channels, ChunkSize = 7 });
        public JobRun Sync(params string[] channels) => new AsyncCustomerSync(Db).Run(new JobOptions { ChannelIds = channels.Length == 0 ? null : channels, ChunkSize = 7 });
        public JobRun Job1010(bool excludeOffline = false) => new Job1010(Db).Run(new JobOptions { ChunkSize = 7, ExcludeOfflineDatabases = excludeOffline });

        public List<AsyncCustomer> AsyncCustomers(params AsyncCustomerStatus[] statuses) =>
            new AsyncCustomerStore(Db).Read(new AsyncCustomerFilter { Statuses = statuses.Length == 0 ? null : statuses }).ToList();

        public List<Customer> Hq() => new CustomerStore(Db).ReadHeadquarters(null).ToList();

        public List<Customer> View(string channel, ChannelDatabaseKind db = ChannelDatabaseKind.Channel) =>
            new CustomerStore(Db).ReadChannelView(channel, db, null).ToList();

        public long Count(string table) => Db.Count(table);

        public void Dispose()
        {
            Db.Dispose();
            if (Schema != null)
            {
                DropSchema(Schema);
                return;
            }
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                try { File.Delete(Path + suffix); } catch (IOException) { }
            }
        }
    }

    /// <summary>A test of the PostgreSQL store itself: it needs the test server, and is reported skipped without one.</summary>
    public sealed class PostgresFactAttribute : FactAttribute
    {
        public PostgresFactAttribute()
        {
            if (string.IsNullOrEmpty(TestStore.PostgresServer)) Skip = "No PostgreSQL test server: set COMMERCESYNC_TEST_POSTGRES (build.ps1 Test starts one where PostgreSQL is installed).";
        }
    }
}
