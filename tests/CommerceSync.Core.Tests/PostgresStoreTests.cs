using CommerceSync.Data.Migrations;
using System;
using System.IO;
using System.Linq;
using CommerceSync.Jobs;
using CommerceSync.Data;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>A store in a PostgreSQL schema: made, opened and refused as a store file is, locked as SQLite locks, moved from a file.</summary>
    [Trait("Backend", "PostgreSQL")]
    public class PostgresStoreTests
    {
        private static string At(string schema) => TestStore.PostgresServer + ";Search Path=" + schema;

        private static string NewSchema() => "cs_" + Guid.NewGuid().ToString("N").Substring(0, 20);

        [PostgresFact]
        public void CreatesAStoreInItsSchemaAndRefusesWhatIsNotOne()
        {
            var schema = NewSchema();
            try
            {
                using (var db = StoreDatabase.CreatePostgres(At(schema), "K#####"))
                {
                    Assert.Equal(StoreBackend.PostgreSQL, db.Backend);
                    Assert.Equal(Migrator.LatestVersion, db.SchemaVersion);
                    new ChannelStore(db).Add(new Channel { ChannelId = "S1" });
                    Assert.DoesNotContain("Password", db.Path, StringComparison.OrdinalIgnoreCase);
                }
                using (var again = StoreDatabase.OpenAt(At(schema)))
                {
                    Assert.Equal("S1", Assert.Single(new ChannelStore(again).List()).ChannelId);
                    Assert.Equal("s1", new ChannelStore(again).Get("s1").ChannelId.ToLowerInvariant()); // ids compare without case, as on SQLite
                    Assert.Equal("K#####", again.GetSetting("AccountNumberFormat"));
                }
                Assert.Equal(ErrorIds.StoreExists, Assert.Throws<CommerceSyncException>(() => StoreDatabase.CreatePostgres(At(schema)).Dispose()).ErrorId);
                using (var replaced = StoreDatabase.CreatePostgres(At(schema), force: true)) Assert.Empty(new ChannelStore(replaced).List());

                Assert.Equal(ErrorIds.StoreNotFound, Assert.Throws<CommerceSyncException>(() => StoreDatabase.OpenAt(At(NewSchema())).Dispose()).ErrorId);

                var foreign = NewSchema();
                TestStore.ServerExecute("CREATE SCHEMA " + foreign + "; CREATE TABLE " + foreign + ".invoices(id int);");
                try
                {
                    Assert.Equal(ErrorIds.StoreNotCommerceSync, Assert.Throws<CommerceSyncException>(() => StoreDatabase.OpenAt(At(foreign)).Dispose()).ErrorId);
                    Assert.Equal(ErrorIds.StoreNotCommerceSync, Assert.Throws<CommerceSyncException>(() => StoreDatabase.CreatePostgres(At(foreign)).Dispose()).ErrorId);
                }
                finally { TestStore.DropSchema(foreign); }

                TestStore.ServerExecute("INSERT INTO " + schema + ".schema_version(version) VALUES (999);");
                Assert.Equal(ErrorIds.StoreSchemaTooNew, Assert.Throws<CommerceSyncException>(() => StoreDatabase.OpenAt(At(schema)).Dispose()).ErrorId);
            }
            finally { TestStore.DropSchema(schema); }
        }

        [PostgresFact]
        public void AServerThatCannotBeReachedIsStoreUnavailable()
        {
            var ex = Assert.Throws<CommerceSyncException>(() => StoreDatabase.OpenAt("Host=127.0.0.1;Port=1;Username=nobody;Password=secret;Timeout=2").Dispose());
            Assert.Equal(ErrorIds.StoreUnavailable, ex.ErrorId);
            Assert.DoesNotContain("secret", ex.Message);
        }

        [PostgresFact]
        public void AWriterWaitsForTheStoresLockAndFailsWithStoreBusy()
        {
            using (var s = new TestStore(StoreBackend.PostgreSQL))
            using (var other = s.Reopen())
            {
                other.SetBusyTimeoutSetting(TimeSpan.FromSeconds(1));
                using (var holder = s.Db.BeginWrite())
                {
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    var ex = Assert.Throws<CommerceSyncException>(() => other.BeginWrite().Dispose());
                    Assert.Equal(ErrorIds.StoreBusy, ex.ErrorId);
                    Assert.InRange(clock.Elapsed.TotalSeconds, 0.5, 10);
                }
                using (var tx = other.BeginWrite()) tx.Commit(); // free again once the holder is done
            }
        }

        [PostgresFact]
        public void ClaimedWritesRunTogetherEachOnItsClaimsAndOtherWritersWaitForThem()
        {
            using (var s = new TestStore(StoreBackend.PostgreSQL))
            using (var other = s.Reopen())
            using (var writer = s.Reopen())
            {
                other.SetBusyTimeoutSetting(TimeSpan.FromSeconds(1));
                writer.SetBusyTimeoutSetting(TimeSpan.FromSeconds(1));
                using (var a = s.Db.BeginClaimedWrite())
                {
                    Assert.True(s.Db.Claim(Claims.Conversion("S1")));
                    using (var b = other.BeginClaimedWrite()) // not blocked by a
                    {
                        Assert.False(other.Claim(Claims.Conversion("S1")));
                        Assert.True(other.Claim(Claims.Conversion("S2")));
                        Assert.Equal(ErrorIds.StoreBusy, Assert.Throws<CommerceSyncException>(() => writer.BeginWrite().Dispose()).ErrorId);
                    }
                    using (var b = other.BeginClaimedWrite())
                    {
                        Assert.True(other.Claim(Claims.Conversion("S2"))); // b's claims ended with it
                        Assert.Equal(ErrorIds.StoreBusy, Assert.Throws<CommerceSyncException>(() => other.Claim(Claims.Conversion("S1"), wait: true)).ErrorId);
                    }
                }
                using (var tx = writer.BeginWrite()) tx.Commit(); // free once the claimed writes are done
            }
        }

        [PostgresFact]
        public void WorkersShareTheUploadTheSyncAndTheDistributionByChannelAndTakeWhatIsFree()
        {
            using (var s = new TestStore(StoreBackend.PostgreSQL))
            using (var holder = s.Reopen())
            using (var worker = s.Reopen())
            {
                foreach (var ch in new[] { "S1", "S2", "S3" })
                {
                    s.Channel(ch);
                    s.Customer(ch, "Ann" + ch, address: true);
                }
                worker.SetBusyTimeoutSetting(TimeSpan.FromSeconds(1));

                // Another worker is uploading S1's customers: this one uploads everything else, then waits for S1 in vain.
                using (var held = holder.BeginClaimedWrite())
                {
                    Assert.True(holder.Claim(Claims.Upload("s1", UploadStore.CustomerTable)));
                    Assert.Equal(ErrorIds.StoreBusy, Assert.Throws<CommerceSyncException>(() => new PJob(worker).Run(new JobOptions())).ErrorId);
                }
                Assert.Equal(2, s.Count("hq_async_customer"));
                Assert.Equal(3, s.Count("hq_async_address"));
                s.PJob();

                // Another worker is converting S1: this one converts S2 and S3, then waits for S1 in vain; the numbers stay gapless.
                using (var held = holder.BeginClaimedWrite())
                {
                    Assert.True(holder.Claim(Claims.Conversion("s1")));
                    Assert.Equal(ErrorIds.StoreBusy, Assert.Throws<CommerceSyncException>(() => new AsyncCustomerSync(worker).Run(new JobOptions())).ErrorId);
                }
                Assert.Equal(new[] { "AnnS2", "AnnS3" }, s.Hq().Select(c => c.FirstName).OrderBy(n => n));
                s.Sync();
                Assert.Equal(new[] { "C000001", "C000002", "C000003" }, s.Hq().Select(c => c.AccountNumber).OrderBy(a => a));
                Assert.Equal(3, s.Count("hq_address"));

                // And the same for job 1010: S2's channel database is another worker's; the others get their customers.
                var dist = new DistributionStore(s.Db);
                var s2 = dist.Targets(new[] { "S2" }, false).Single();
                using (var held = holder.BeginClaimedWrite())
                {
                    Assert.True(holder.Claim(Claims.Distribution(s2.ChannelId, s2.Database)));
                    Assert.Equal(ErrorIds.StoreBusy, Assert.Throws<CommerceSyncException>(() => new Job1010(worker).Run(new JobOptions())).ErrorId);
                }
                Assert.Equal(3, s.View("S1").Count);
                Assert.Single(s.View("S2")); // its own customer, still Pending sync there
                Assert.Equal(3, s.View("S3").Count);
                s.Job1010();
                Assert.Equal(3, s.View("S2").Count);
            }
        }

        [PostgresFact]
        public void AStoreFileMovesToPostgresWithExportAndImportAndGoesOn()
        {
            using (var file = new TestStore(StoreBackend.SQLite))
            using (var pg = new TestStore(StoreBackend.PostgreSQL))
            {
                file.Channel("S1");
                file.Customer("S1", "Ann", address: true, attributes: ("Tier", 1));
                file.Customer("S1", "Bad", email: "nope");
                file.PJob(); file.Sync(); file.Job1010();
                file.Customer("S1", "Later");
                var export = new StringWriter();
                var exported = new TransferStore(file.Db).Export(export);
                var imported = new TransferStore(pg.Db).Import(new StringReader(export.ToString()));
                Assert.Equal(exported.Rows, imported.Rows);
                var again = new StringWriter();
                new TransferStore(pg.Db).Export(again);
                Assert.Equal(export.ToString(), again.ToString());
                Assert.All(new IntegrityStore(pg.Db).Check(), c => Assert.True(c.Count == 0, c.ToString()));

                pg.PJob(); pg.Sync(); pg.Job1010();
                Assert.Equal(new[] { "C000001", "C000002" }, pg.Hq().Select(c => c.AccountNumber).OrderBy(a => a));
                Assert.Single(pg.AsyncCustomers(AsyncCustomerStatus.Failed));
                Assert.Equal(2, new JobRunStore(pg.Db).List(null, null, null).Count(r => r.Job == JobNames.SynchronizeCustomers));
            }
        }
    }
}
