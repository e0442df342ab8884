using System.Linq;
using CommerceSync.Jobs;
using CommerceSync.Data;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>Job 1010 (Customers): HQ's accounts to every channel database of the legal entity, and to offline databases unless excluded.</summary>
    public class Job1010Tests
    {
        [Fact]
        public void ACustomerCreatedWithAddressAndAttributesIsSentOncePerDatabase()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Channel("S2");
                for (var i = 0; i < 3; i++) s.Customer("S1", "Ann" + i, address: true, attributes: new (string, object)[] { ("Tier", i), ("Note", "x") });
                s.PJob();
                new AsyncCustomerSync(s.Db).Run(new JobOptions { ChunkSize = 100 });
                // Customer, address and attributes changed in the same chunk: one change each, not one per table.
                Assert.Equal(3, s.Count("hq_change"));
                var run = s.Job1010();
                Assert.Equal(6, run.Processed); // 3 customers x 2 channel databases
            }
        }

        [Fact]
        public void TheOriginatingStoreShowsPendingSyncUntil1010ThenTheAccount()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Channel("S2");
                var c = s.Customer("S1", "Ann");
                var pending = s.View("S1").Single();
                Assert.Null(pending.AccountNumber);
                Assert.Equal(Customer.PendingSync, pending.SyncStatus);
                Assert.Equal(Customer.PendingSync, pending.DisplayAccount);
                Assert.Equal(c.AsyncCustomerId, pending.AsyncCustomerId);
                Assert.Empty(s.View("S2")); // only its own store knows an async customer

                s.PJob();
                s.Sync();
                // Converted at HQ, but the store still shows "Pending sync" until 1010 runs.
                var account = s.Hq().Single().AccountNumber;
                Assert.Equal("C000001", account);
                Assert.Equal(Customer.PendingSync, s.View("S1").Single().DisplayAccount);
                Assert.Empty(s.View("S2"));
                Assert.Equal(AsyncCustomerStatus.Converted, s.AsyncCustomers().Single().Status);

                var run = s.Job1010();
                Assert.Equal(2, run.Processed); // S1 and S2 channel databases
                var shown = s.View("S1").Single();
                Assert.Equal(account, shown.AccountNumber);
                Assert.Equal(account, shown.DisplayAccount);
                Assert.Equal("Synced", shown.SyncStatus);
                Assert.Equal(c.AsyncCustomerId, shown.AsyncCustomerId);
                Assert.Equal("S1", shown.ChannelId);
                Assert.Equal(AsyncCustomerStatus.Distributed, s.AsyncCustomers().Single().Status);
                Assert.Equal(account, s.AsyncCustomers().Single().AccountNumber);
            }
        }

        [Fact]
        public void EveryChannelOfTheLegalEntitySeesTheCustomerAndNoOtherDoes()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Channel("S2");
                s.Channel("S3");
                s.Channel("F1", area: "FRRT");
                s.Channel("F2", area: "FRRT");
                var us = s.Customer("S1", "Ann");
                var fr = s.Customer("F1", "Marie");
                s.PJob();
                s.Sync();
                var run = s.Job1010();
                Assert.Equal(5, run.Processed); // Ann to S1..S3, Marie to F1 and F2
                foreach (var ch in new[] { "S1", "S2", "S3" })
                {
                    var v = s.View(ch).Single();
                    Assert.Equal(("C000001", "USRT", us.AsyncCustomerId, "Synced"), (v.AccountNumber, v.DataAreaId, v.AsyncCustomerId, v.SyncStatus));
                }
                foreach (var ch in new[] { "F1", "F2" })
                {
                    var v = s.View(ch).Single();
                    Assert.Equal(("C000001", "FRRT", fr.AsyncCustomerId), (v.AccountNumber, v.DataAreaId, v.AsyncCustomerId));
                }
                Assert.Equal(5, s.Count("channel_customer"));

                // A channel opened later gets everything of its legal entity on the next run, and only that.
                s.Channel("S4");
                var later = s.Job1010();
                Assert.Equal(1, later.Processed);
                Assert.Equal(us.AsyncCustomerId, s.View("S4").Single().AsyncCustomerId);
                Assert.Equal(6, s.Count("channel_customer"));
            }
        }

        [Fact]
        public void OfflineDatabasesGetCustomersUnlessExcluded()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1", offline: true);
                s.Channel("S2", offline: true);
                s.Channel("S3");
                for (var i = 0; i < 3; i++) s.Customer("S1", "A" + i);
                s.PJob();
                s.Sync();

                var excluded = s.Job1010(excludeOffline: true);
                Assert.Equal(9, excluded.Processed); // 3 customers to 3 channel databases
                Assert.Empty(s.View("S1", ChannelDatabaseKind.Offline));
                Assert.Empty(s.View("S2", ChannelDatabaseKind.Offline));
                Assert.Equal(3, s.View("S2").Count);

                var full = s.Job1010();
                Assert.Equal(6, full.Processed); // now the two offline databases; channel databases have them already
                Assert.Equal(new[] { "C000001", "C000002", "C000003" }, s.View("S1", ChannelDatabaseKind.Offline).Select(v => v.AccountNumber));
                Assert.Equal(new[] { "C000001", "C000002", "C000003" }, s.View("S2", ChannelDatabaseKind.Offline).Select(v => v.AccountNumber));
                Assert.Empty(s.View("S3", ChannelDatabaseKind.Offline)); // S3 keeps no offline database
                Assert.Equal(0, s.Job1010().Processed);
            }
        }

        [Fact]
        public void RunningItTwiceWritesNothingNew()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1", offline: true);
                s.Channel("S2");
                for (var i = 0; i < 10; i++) s.Customer(i % 2 == 0 ? "S1" : "S2", "N" + i);
                s.PJob();
                s.Sync();
                var first = s.Job1010(); // chunks of 7 changes
                Assert.Equal(30, first.Processed); // 10 customers x 3 databases
                var stamp = s.Db.Scalar<string>("SELECT group_concat(channel_id || database || account_number || distributed_run_id, ';') FROM (SELECT * FROM channel_customer ORDER BY 1, 2, 4);");
                var second = s.Job1010();
                Assert.Equal(0, second.Processed);
                Assert.Equal(JobRunStatus.Completed, second.Status);
                Assert.Equal(30, s.Count("channel_customer"));
                Assert.Equal(stamp, s.Db.Scalar<string>("SELECT group_concat(channel_id || database || account_number || distributed_run_id, ';') FROM (SELECT * FROM channel_customer ORDER BY 1, 2, 4);"));
            }
        }

        [Fact]
        public void AChangeAtHeadquartersReachesEveryChannelOnTheNextRun()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Channel("S2");
                s.Customer("S1", "Ann", email: "old@example.com");
                s.PJob();
                s.Sync();
                s.Job1010();
                var account = s.Hq().Single().AccountNumber;
                new AsyncCustomerStore(s.Db).AppendChange(new AsyncCustomerChange { ChannelId = "S2", AccountNumber = account, Email = "new@example.com" });
                s.PJob();
                s.Sync();
                Assert.Equal("old@example.com", s.View("S1").Single().Email);
                Assert.Equal(2, s.Job1010().Processed);
                Assert.Equal("new@example.com", s.View("S1").Single().Email);
                Assert.Equal("new@example.com", s.View("S2").Single().Email);
                Assert.Equal(2, s.Count("channel_customer"));
            }
        }
        [Fact]
        public void ARecordRunThatSentEveryChangedCustomerLeavesNothingForTheNextBulkRun()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Channel("S2");
                for (var i = 0; i < 3; i++) s.Customer("S1", "Ann" + i);
                s.PJob();
                s.Sync();
                // Get-CommerceCustomer | Invoke-Job1010: the record run sends what it names...
                var job = new Job1010(s.Db);
                Assert.Equal(6, job.DistributeRecords(new RecordRun(s.Db, JobNames.Job1010), s.Hq(), excludeOffline: false));
                // ...and each database then holds every change it was due, so the scheduled run after it sends nothing again.
                Assert.Equal(0, s.Job1010().Processed);
            }
        }

        [Fact]
        public void ARecordRunMovesADatabaseOnlyUpToTheFirstChangeItDidNotSend()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Customer("S1", "Ann");
                s.Customer("S1", "Bob");
                s.Customer("S1", "Cy");
                s.PJob();
                s.Sync();
                var hq = s.Hq().OrderBy(c => c.AccountNumber).ToList();
                var job = new Job1010(s.Db);
                // The first customer changed and the last: the one between was not sent, so the next run must still send it.
                job.DistributeRecords(new RecordRun(s.Db, JobNames.Job1010), new[] { hq[0], hq[2] }, excludeOffline: false);
                Assert.Equal(2, s.Count("channel_customer"));
                var run = s.Job1010();
                Assert.Equal(3, s.Count("channel_customer"));
                // Past the first (sent) change only: the second and third go again, the first does not.
                Assert.Equal(2, run.Processed);
            }
        }
    }
}

