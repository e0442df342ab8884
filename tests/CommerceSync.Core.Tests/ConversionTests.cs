using System.Linq;
using CommerceSync.Jobs;
using CommerceSync.Data;
using Xunit;

namespace CommerceSync.Core.Tests
{
    public class ConversionTests
    {
        [Fact]
        public void PJobUploadsIncrementallyAboveTheWatermark()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Channel("S2");
                for (var i = 0; i < 10; i++) s.Customer("S1", "A" + i, address: true);
                s.Customer("S2", "B");
                Assert.Equal(21, s.PJob().Processed);
                Assert.Equal(0, s.PJob().Processed);
                var uploaded = new UploadStore(s.Db);
                Assert.Equal(20, uploaded.Watermark(UploadStore.CustomerTable, "S1") + 1);
                s.Customer("S1", "Late");
                Assert.Equal(1, s.PJob("S1").Processed);
                Assert.Equal(12, s.Count("hq_async_customer"));
            }
        }

        [Fact]
        public void PJobNeverRewritesWhatWasUploaded()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Customer("S1", "Kept");
                s.PJob();
                s.Db.Execute("UPDATE ch_async_customer SET first_name = 'Changed at the channel';");
                s.PJob();
                Assert.Equal("Kept", s.Db.Scalar<string>("SELECT first_name FROM hq_async_customer;"));
            }
        }

        [Fact]
        public void RecordModeUploadsOlderRowsOfTheChannelFirst()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                var first = s.Customer("S1", "First");
                var second = s.Customer("S1", "Second");
                var run = new RecordRun(s.Db, JobNames.PJob);
                new PJob(s.Db).UploadRecords(run, new[] { second });
                Assert.All(s.AsyncCustomers(), c => Assert.Equal(AsyncCustomerStatus.Uploaded, c.Status));
                var third = s.Customer("S1", "Third");
                new PJob(s.Db).UploadRecords(run, new[] { first });
                Assert.Equal(AsyncCustomerStatus.Pending, s.AsyncCustomers().Single(c => c.AsyncCustomerId == third.AsyncCustomerId).Status);
            }
        }

        [Fact]
        public void EveryValidCustomerGetsExactlyOneAccountAndInvalidOnesFailWithAReason()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                for (var i = 0; i < 20; i++) s.Customer("S1", "C" + i, email: "c" + i + "@example.com", address: true, attributes: ("Tier", i));
                var badEmail = s.Customer("S1", "BadEmail", email: "nope");
                var badCurrency = s.Customer("S1", "BadCurrency", currency: "EURO");
                s.PJob();
                var run = s.Sync();
                Assert.Equal(JobRunStatus.CompletedWithErrors, run.Status);
                Assert.Equal(2, run.Failed);
                var hq = s.Hq();
                Assert.Equal(20, hq.Count);
                Assert.Equal(20, hq.Select(c => c.AccountNumber).Distinct().Count());
                Assert.Equal(Enumerable.Range(1, 20).Select(i => "C" + i.ToString("D6")), hq.Select(c => c.AccountNumber).OrderBy(a => a));
                Assert.All(hq, c => Assert.Single(c.Addresses));
                Assert.All(hq, c => Assert.Equal(AttributeDataType.Integer, Assert.Single(c.Attributes).DataType));
                var failed = s.AsyncCustomers(AsyncCustomerStatus.Failed);
                Assert.Equal(new[] { badEmail.AsyncCustomerId, badCurrency.AsyncCustomerId }.OrderBy(x => x), failed.Select(f => f.AsyncCustomerId).OrderBy(x => x));
                Assert.Contains("email", failed.Single(f => f.AsyncCustomerId == badEmail.AsyncCustomerId).Error);
                Assert.Contains("currency", failed.Single(f => f.AsyncCustomerId == badCurrency.AsyncCustomerId).Error);
                Assert.Equal(0, s.Sync().Processed);
                Assert.Equal(20, s.Hq().Count);
            }
        }

        [Fact]
        public void NumberSequencesArePerLegalEntityAndFollowTheFormat()
        {
            using (var s = new TestStore("US-####"))
            {
                s.Channel("S1");
                s.Channel("F1", area: "FRRT");
                s.Customer("S1", "A");
                s.Customer("F1", "B");
                s.Customer("S1", "C");
                s.PJob();
                s.Sync();
                Assert.Equal(new[] { "FRRT:US-0001", "USRT:US-0001", "USRT:US-0002" },
                    s.Hq().Select(c => c.DataAreaId + ":" + c.AccountNumber).OrderBy(x => x));
            }
        }

        [Fact]
        public void SyncBeforeThePJobFindsNothingAnd1010BeforeTheSyncSendsNothing()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Customer("S1", "A");
                Assert.Equal(0, s.Sync().Processed);
                Assert.Equal(0, s.Job1010().Processed);
                s.PJob();
                Assert.Equal(0, s.Job1010().Processed);
                s.Sync();
                Assert.Equal(1, s.Job1010().Processed);
                Assert.Equal(0, s.Job1010().Processed);
            }
        }

        [Fact]
        public void Job1010BringsTheAccountToEveryChannelOfTheLegalEntityAndOfflineDatabasesUnlessExcluded()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1", offline: true);
                s.Channel("S2");
                s.Channel("F1", area: "FRRT");
                var c = s.Customer("S1", "A");
                s.PJob();
                s.Sync();
                Assert.Equal(Customer.PendingSync, s.View("S1").Single().SyncStatus);
                s.Job1010(excludeOffline: true);
                var account = s.Hq().Single().AccountNumber;
                Assert.Equal(account, s.View("S1").Single().AccountNumber);
                Assert.Equal(c.AsyncCustomerId, s.View("S2").Single().AsyncCustomerId);
                Assert.Empty(s.View("F1"));
                Assert.Empty(s.View("S1", ChannelDatabaseKind.Offline));
                s.Job1010();
                Assert.Equal(account, s.View("S1", ChannelDatabaseKind.Offline).Single().AccountNumber);
                Assert.Equal(AsyncCustomerStatus.Distributed, s.AsyncCustomers().Single().Status);
            }
        }

        [Fact]
        public void StepsOutOfOrderEndInTheSameStateAsInOrder()
        {
            string Fingerprint(TestStore s) => string.Join("|", s.AsyncCustomers().Select(c => c.FirstName + c.Status + c.AccountNumber)) + "/" +
                string.Join("|", s.View("S2").Select(c => c.AccountNumber + (c.AsyncCustomerId != null)));
            using (var ordered = new TestStore())
            using (var shuffled = new TestStore())
            {
                foreach (var s in new[] { ordered, shuffled })
                {
                    s.Channel("S1");
                    s.Channel("S2");
                    for (var i = 0; i < 5; i++) s.Customer("S1", "N" + i);
                }
                ordered.PJob(); ordered.Sync(); ordered.Job1010();
                shuffled.Job1010(); shuffled.Sync(); shuffled.PJob(); shuffled.Job1010(); shuffled.Sync(); shuffled.PJob(); shuffled.Job1010();
                Assert.Equal(Fingerprint(ordered), Fingerprint(shuffled));
                Assert.Equal(5, shuffled.Hq().Count);
            }
        }

        [Fact]
        public void RecordModeRetriesAFailedCustomerOnceFixed()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                var bad = s.Customer("S1", "Bad", email: "nope");
                s.PJob();
                s.Sync();
                new OperationStore(s.Db).Fix("S1", bad.ReplicationCounter, new OperationFix { Email = "good@example.com" });
                var states = new AsyncCustomerSync(s.Db).SyncRecords(new RecordRun(s.Db, JobNames.SynchronizeCustomers), new[] { bad.AsyncCustomerId });
                Assert.Equal(AsyncCustomerStatus.Converted, states.Single().Status);
                Assert.Equal("good@example.com", s.Hq().Single().Email);
            }
        }

        [Fact]
        public void EditsAreAppliedInCounterOrderSoTheLatestWins()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                var c = s.Customer("S1", "Ann", email: "one@example.com");
                var store = new AsyncCustomerStore(s.Db);
                store.AppendChange(new AsyncCustomerChange { ChannelId = "S1", AsyncCustomerId = c.AsyncCustomerId, Email = "two@example.com" });
                store.AppendChange(new AsyncCustomerChange { ChannelId = "S1", AsyncCustomerId = c.AsyncCustomerId, Email = "three@example.com", Phone = "+1 555 0100" });
                s.PJob();
                s.Sync();
                var account = s.Hq().Single().AccountNumber;
                store.AppendChange(new AsyncCustomerChange { ChannelId = "S1", AccountNumber = account, Email = "four@example.com" });
                store.AppendChange(new AsyncCustomerChange { ChannelId = "S1", AccountNumber = account, Operation = AsyncOperation.Deactivate });
                s.PJob();
                s.Sync();
                var hq = s.Hq().Single();
                Assert.Equal("four@example.com", hq.Email);
                Assert.Equal("+1 555 0100", hq.Phone);
                Assert.True(hq.Blocked);
                Assert.All(new OperationStore(s.Db).Read(null), o => Assert.Equal(OperationSyncStatus.Completed, o.SyncStatus));
            }
        }

        [Fact]
        public void JobRunsAreRecordedWithCountsAndStatus()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Customer("S1", "A");
                s.Customer("S1", "B", email: "bad");
                s.PJob();
                s.Sync();
                var runs = new JobRunStore(s.Db).List().ToList();
                Assert.Equal(new[] { JobNames.SynchronizeCustomers, JobNames.PJob }, runs.Select(r => r.Job));
                Assert.Equal(JobRunStatus.CompletedWithErrors, runs[0].Status);
                Assert.Equal(1, runs[0].Processed);
                Assert.Equal(1, runs[0].Failed);
                Assert.Equal(JobRunStatus.Completed, runs[1].Status);
                Assert.Equal(2, runs[1].Processed);
                Assert.All(runs, r => Assert.NotNull(r.Finished));
            }
        }

        [Fact]
        public void TheStoreKeepsItsInvariantsAfterAFullConversion()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Channel("S2", offline: true);
                for (var i = 0; i < 15; i++) s.Customer(i % 2 == 0 ? "S1" : "S2", "I" + i, email: i == 3 ? "bad" : null, address: true);
                s.PJob(); s.Sync(); s.Job1010();
                Assert.All(new IntegrityStore(s.Db).Check(), c => Assert.True(c.Count == 0, c.Check));
            }
        }
    }
}
