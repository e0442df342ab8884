using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CommerceSync.Jobs;
using CommerceSync.Storage;
using Microsoft.Data.Sqlite;

namespace CommerceSync.Core.Tests
{
    /// <summary>A fresh store file per test, with helpers that act the way a POS and an admin do.</summary>
    public sealed class TestStore : IDisposable
    {
        public TestStore(string format = null)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cs-core-" + Guid.NewGuid().ToString("N") + ".db");
            Db = StoreDatabase.Create(Path, format);
        }

        public string Path { get; }
        public StoreDatabase Db { get; }

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
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                try { File.Delete(Path + suffix); } catch (IOException) { }
            }
        }
    }
}
