using System;
using System.Linq;
using CommerceSync.Jobs;
using CommerceSync.Data;
using Xunit;
using CommerceSync.Rules;

namespace CommerceSync.Core.Tests
{
    /// <summary>"Synchronize customers and channel requests": exactly one account per valid customer, failures isolated and kept.</summary>
    public class SyncTests
    {
        private static readonly string[] HqTables = { "party", "cust_table", "retail_cust_table", "hq_address", "hq_customer_attribute", "hq_change" };

        private static string Counts(TestStore s) => string.Join(",", HqTables.Select(t => t + "=" + s.Count(t)));

        [Fact]
        public void SyncBeforeThePJobDoesNothing()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Customer("S1", "A", address: true);
                var run = s.Sync();
                Assert.Equal(0, run.Processed);
                Assert.Equal(0, run.Failed);
                Assert.Equal(JobRunStatus.Completed, run.Status);
                Assert.Equal("party=0,cust_table=0,retail_cust_table=0,hq_address=0,hq_customer_attribute=0,hq_change=0", Counts(s));
                Assert.Equal(AsyncCustomerStatus.Pending, s.AsyncCustomers().Single().Status);
            }
        }

        [Fact]
        public void AddressesAndAttributesLandAtHeadquarters()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                var store = new AsyncCustomerStore(s.Db);
                var c = store.Prepare(new AsyncCustomer
                {
                    ChannelId = "S1", FirstName = "Ann", LastName = "Lee", Email = "ann@example.com",
                    Addresses = new[]
                    {
                        new AsyncAddress { Street = "1 Main", City = "Seattle", ZipCode = "98101", Country = " usa ", Purpose = "Business", IsPrimary = true },
                        new AsyncAddress { Street = "9 Lake", City = "Redmond", Country = "USA" },
                    },
                    Attributes = new[] { CustomerRules.ToAttribute("Tier", 3), CustomerRules.ToAttribute("Vip", true), CustomerRules.ToAttribute("Note", "hi"), CustomerRules.ToAttribute("Score", 2.5m) },
                });
                store.Append(new[] { c });
                s.PJob();
                var run = s.Sync();
                Assert.Equal(7, run.Processed); // 1 customer, 2 addresses, 4 attributes
                Assert.Equal(0, run.Failed);

                var hq = s.Hq().Single();
                Assert.Equal("Ann Lee", hq.Name);
                Assert.Equal("ann@example.com", hq.Email);
                Assert.Equal("USD", hq.Currency);
                Assert.Equal("30", hq.CustomerGroup);
                Assert.Equal(c.AsyncCustomerId, hq.AsyncCustomerId);
                Assert.Equal("S1", hq.ChannelId);
                Assert.Equal(2, hq.Addresses.Length);
                var main = hq.Addresses.Single(a => a.Street == "1 Main");
                Assert.Equal(("Seattle", "98101", "USA", "Business", true, hq.AccountNumber), (main.City, main.ZipCode, main.Country, main.Purpose, main.IsPrimary, main.AccountNumber));
                var lake = hq.Addresses.Single(a => a.Street == "9 Lake");
                Assert.Equal(("Home", false), (lake.Purpose, lake.IsPrimary));
                Assert.Equal(new[] { "Note=hi", "Score=2.5", "Tier=3", "Vip=true" }, hq.Attributes.Select(a => a.ToString()));
                Assert.Equal(new[] { AttributeDataType.Text, AttributeDataType.Decimal, AttributeDataType.Integer, AttributeDataType.Boolean }, hq.Attributes.Select(a => a.DataType));
                Assert.All(new OperationStore(s.Db).Read(null), o => Assert.Equal(OperationSyncStatus.Completed, o.SyncStatus));
                Assert.Equal(7, new OperationStore(s.Db).Read(null).Count());
            }
        }

        [Fact]
        public void InvalidCustomersFailWithAReasonAndDoNotStopTheOthers()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Channel("S2");
                var expected = new System.Collections.Generic.Dictionary<string, string>();
                for (var i = 0; i < 24; i++)
                {
                    var channel = i % 2 == 0 ? "S1" : "S2";
                    if (i % 6 == 1) expected[s.Customer(channel, "BadEmail" + i, email: "no-at-sign", address: true).AsyncCustomerId] = "email";
                    else if (i % 6 == 4) expected[s.Customer(channel, "BadCurrency" + i, currency: "DOLLARS").AsyncCustomerId] = "currency";
                    else s.Customer(channel, "Ok" + i, email: "ok" + i + "@example.com", address: true);
                }
                s.PJob();
                var run = s.Sync(); // chunks of 7: failures in every chunk
                Assert.Equal(JobRunStatus.CompletedWithErrors, run.Status);
                Assert.Equal(8, run.Failed);
                Assert.Equal(16 + 16, run.Processed); // 16 customers and their 16 addresses

                var hq = s.Hq();
                Assert.Equal(16, hq.Count);
                Assert.All(hq, c => Assert.StartsWith("Ok", c.FirstName));
                Assert.All(hq, c => Assert.Single(c.Addresses));
                var failed = s.AsyncCustomers(AsyncCustomerStatus.Failed);
                Assert.Equal(expected.Keys.OrderBy(k => k), failed.Select(f => f.AsyncCustomerId).OrderBy(k => k));
                Assert.All(failed, f => Assert.Contains(expected[f.AsyncCustomerId], f.Error));
                Assert.All(failed, f => Assert.Null(f.AccountNumber));
                Assert.Equal(16, s.AsyncCustomers(AsyncCustomerStatus.Converted).Count);
                // The addresses of failed customers wait for them: not failed, not applied.
                var waiting = new OperationStore(s.Db).Read(new OperationFilter { Kinds = new[] { "Address" }, SyncStatuses = new[] { OperationSyncStatus.Pending } }).ToList();
                Assert.Equal(4, waiting.Count);
                Assert.All(waiting, w => Assert.True(w.Uploaded));
            }
        }

        [Fact]
        public void RunningTheSyncTwiceCreatesNothingTwice()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                for (var i = 0; i < 10; i++) s.Customer("S1", "C" + i, address: true, attributes: ("Tier", i));
                s.Customer("S1", "Bad", email: "bad");
                s.PJob();
                var first = s.Sync();
                Assert.Equal(30, first.Processed);
                Assert.Equal(1, first.Failed);
                var after = Counts(s);
                Assert.Equal("party=10,cust_table=10,retail_cust_table=10,hq_address=10,hq_customer_attribute=10,hq_change=10", after); // one change per customer: its address and attribute came in the same chunk

                var second = s.Sync();
                Assert.Equal(0, second.Processed);
                Assert.Equal(0, second.Failed); // failed rows wait for a fix; bulk runs do not fail them again
                Assert.Equal(JobRunStatus.Completed, second.Status);
                Assert.Equal(after, Counts(s));
                // The P-job again, then the sync again: still nothing new.
                Assert.Equal(0, s.PJob().Processed);
                Assert.Equal(0, s.Sync().Processed);
                Assert.Equal(after, Counts(s));
                Assert.Equal(10, s.Hq().Select(c => c.AsyncCustomerId).Distinct().Count());
                Assert.Contains("email", s.AsyncCustomers(AsyncCustomerStatus.Failed).Single().Error);
            }
        }

        [Fact]
        public void AnAddressForASyncedCustomerLandsOnThatCustomer()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Channel("S2");
                s.Channel("F1", area: "FRRT");
                s.Customer("S1", "Ann", address: true);
                s.Customer("S1", "Bob", address: true);
                s.PJob();
                s.Sync();
                var ann = s.Hq().Single(c => c.FirstName == "Ann");
                var bob = s.Hq().Single(c => c.FirstName == "Bob");

                var store = new AsyncCustomerStore(s.Db);
                var added = store.AppendAddress(new AsyncAddress { ChannelId = "S2", AccountNumber = ann.AccountNumber, AddressId = "ANN-WORK", Street = "5 Office", City = "Bellevue", Country = "US", Purpose = "Business" });
                Assert.Equal(1, added.ReplicationCounter);
                // A channel of another legal entity does not know the account.
                Assert.Equal(ErrorIds.CustomerNotFound, Assert.Throws<CommerceSyncException>(() =>
                    store.AppendAddress(new AsyncAddress { ChannelId = "F1", AccountNumber = ann.AccountNumber, Street = "x", Country = "FR" })).ErrorId);
                Assert.Single(s.Hq().Single(c => c.FirstName == "Ann").Addresses); // not before the P-job and the sync

                s.PJob();
                var run = s.Sync();
                Assert.Equal(1, run.Processed);
                Assert.Equal(0, run.Failed);
                var annNow = s.Hq().Single(c => c.FirstName == "Ann");
                Assert.Equal(2, annNow.Addresses.Length);
                var work = annNow.Addresses.Single(a => a.AddressId == "ANN-WORK");
                Assert.Equal(("5 Office", "US", "Business", ann.AccountNumber), (work.Street, work.Country, work.Purpose, work.AccountNumber));
                Assert.Single(s.Hq().Single(c => c.FirstName == "Bob").Addresses);
                Assert.Equal(2, s.Hq().Count);
                var op = new OperationStore(s.Db).Read(new OperationFilter { ChannelIds = new[] { "S2" } }).Single();
                Assert.Equal(("Address", ann.AccountNumber, OperationSyncStatus.Completed), (op.Kind, op.AccountNumber, op.SyncStatus));
            }
        }

        [Fact]
        public void AnAddressAddedToAnAsyncCustomerAfterItsConversionLandsOnItsAccount()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                var c = s.Customer("S1", "Ann");
                s.PJob();
                s.Sync();
                new AsyncCustomerStore(s.Db).AppendAddress(new AsyncAddress { ChannelId = "S1", AsyncCustomerId = c.AsyncCustomerId, Street = "7 Late", Country = "USA" });
                s.PJob();
                Assert.Equal(1, s.Sync().Processed);
                var hq = s.Hq().Single();
                Assert.Equal("7 Late", hq.Addresses.Single().Street);
                Assert.Equal(1, s.Count("cust_table"));
            }
        }

        [Fact]
        public void AnInvalidAddressFailsAloneAndTheCustomerIsStillCreated()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                var store = new AsyncCustomerStore(s.Db);
                var c = store.Prepare(new AsyncCustomer
                {
                    ChannelId = "S1", FirstName = "Ann",
                    Addresses = new[] { new AsyncAddress { Street = "Good", Country = "USA" }, new AsyncAddress { Street = "Bad", Country = "Atlantis" } },
                });
                store.Append(new[] { c });
                s.PJob();
                var run = s.Sync();
                Assert.Equal(2, run.Processed);
                Assert.Equal(1, run.Failed);
                Assert.Equal(JobRunStatus.CompletedWithErrors, run.Status);
                Assert.Equal("Good", s.Hq().Single().Addresses.Single().Street);
                var bad = new OperationStore(s.Db).Read(new OperationFilter { Kinds = new[] { "Address" }, SyncStatuses = new[] { OperationSyncStatus.Failed } }).Single();
                Assert.Contains("country", bad.Error);
                Assert.Equal(AsyncCustomerStatus.Converted, s.AsyncCustomers().Single().Status);
            }
        }

        [Fact]
        public void RecordModeRetriesAFailedCustomerAndKeepsTheReasonWhileItStillFails()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                var bad = s.Customer("S1", "Bad", email: "nope", address: true);
                var good = s.Customer("S1", "Good");
                s.PJob();
                s.Sync();
                var record = new RecordRun(s.Db, JobNames.SynchronizeCustomers);
                var states = new AsyncCustomerSync(s.Db).SyncRecords(record, new[] { bad.AsyncCustomerId });
                var state = Assert.Single(states);
                Assert.Equal(AsyncCustomerStatus.Failed, state.Status);
                Assert.Contains("email", state.Error);
                Assert.Equal(0, record.Run.Processed);
                Assert.Equal(1, record.Run.Failed);
                record.Complete();
                Assert.Equal(JobRunStatus.CompletedWithErrors, new JobRunStore(s.Db).Get(record.Run.RunId).Status);

                new OperationStore(s.Db).Fix("S1", bad.ReplicationCounter, new OperationFix { Email = "fixed@example.com" });
                var retry = new RecordRun(s.Db, JobNames.SynchronizeCustomers);
                state = new AsyncCustomerSync(s.Db).SyncRecords(retry, new[] { bad.AsyncCustomerId }).Single();
                Assert.Equal(AsyncCustomerStatus.Converted, state.Status);
                Assert.Null(state.Error);
                Assert.Equal(2, retry.Run.Processed); // the customer and its address
                Assert.Equal(0, retry.Run.Failed);
                var hq = s.Hq().Single(c => c.AsyncCustomerId == bad.AsyncCustomerId);
                Assert.Equal("fixed@example.com", hq.Email);
                Assert.Single(hq.Addresses);
                Assert.Equal(new[] { "C000001", "C000002" }, s.Hq().Select(c => c.AccountNumber).OrderBy(a => a));
                Assert.Equal("C000001", s.Hq().Single(c => c.AsyncCustomerId == good.AsyncCustomerId).AccountNumber);
            }
        }

        [Fact]
        public void EachChunkCreatesItsCustomersWholeWithAddressAndAttributes()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                for (var i = 0; i < 3; i++) s.Customer("S1", "C" + i, address: true, attributes: new (string, object)[] { ("Tier", i), ("Note", "n" + i) });
                s.PJob();
                var runs = new JobRunStore(s.Db);
                var run = runs.Start(JobNames.SynchronizeCustomers, new[] { "S1" }, JobRunMode.Bulk, null);
                // A chunk of two creates: those two come with their address and both attributes, although that is more than two child rows.
                new AsyncCustomerSync(s.Db).ProcessChunk(run, new SyncScope(), 2);
                var hq = s.Hq();
                Assert.Equal(2, hq.Count);
                Assert.All(hq, c => Assert.Single(c.Addresses));
                Assert.All(hq, c => Assert.Equal(2, c.Attributes.Length));
                Assert.Equal(2, s.Count("hq_change"));
            }
        }

        [Fact]
        public void RecordModeRetriesEveryFailedCustomerWhateverTheChunkSize()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                var store = new AsyncCustomerStore(s.Db);
                var bad = Enumerable.Range(0, 5).Select(i => s.Customer("S1", "Bad" + i, email: "nope" + i)).ToList();
                s.PJob();
                s.Sync();
                Assert.Equal(5, s.AsyncCustomers(AsyncCustomerStatus.Failed).Count);
                // The POS corrects each email; the edits are uploaded, and the admin retries the five.
                foreach (var b in bad) store.AppendChange(new AsyncCustomerChange { ChannelId = "S1", AsyncCustomerId = b.AsyncCustomerId, Email = b.FirstName.ToLowerInvariant() + "@example.com" });
                s.PJob();
                var record = new RecordRun(s.Db, JobNames.SynchronizeCustomers);
                var states = new AsyncCustomerSync(s.Db).SyncRecords(record, bad.Select(b => b.AsyncCustomerId).ToList(), chunkSize: 2);
                Assert.Equal(5, states.Count);
                Assert.All(states, x => Assert.Equal(AsyncCustomerStatus.Converted, x.Status));
                Assert.Equal(5, s.Hq().Count);
                Assert.All(s.Hq(), h => Assert.Equal(h.FirstName.ToLowerInvariant() + "@example.com", h.Email));
                Assert.Equal(0, record.Run.Failed);
            }
        }
    }
}
