using System.Linq;
using CommerceSync.Jobs;
using CommerceSync.Data;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>The P-job uploads per channel and per table above HQ's watermark, never rewrites and never skips a row.</summary>
    public class PJobWatermarkTests
    {
        private static AsyncAddress Address(string channel, string street, string asyncId = null, string account = null) =>
            new AsyncAddress { ChannelId = channel, AsyncCustomerId = asyncId, AccountNumber = account, Street = street, City = "Town", Country = "USA" };

        [Fact]
        public void WatermarksArePerChannelAndPerTable()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Channel("S2");
                var a = s.Customer("S1", "A", address: true, attributes: ("Tier", 1)); // counters 1, 2, 3
                s.Customer("S1", "B");                                                  // counter 4
                s.Customer("S2", "C", address: true);                                   // counters 1, 2
                var up = new UploadStore(s.Db);
                Assert.Equal(0, up.Watermark(UploadStore.CustomerTable, "S1"));

                Assert.Equal(6, s.PJob().Processed);
                Assert.Equal(4, up.Watermark(UploadStore.CustomerTable, "S1"));
                Assert.Equal(2, up.Watermark(UploadStore.AddressTable, "S1"));
                Assert.Equal(3, up.Watermark(UploadStore.AttributeTable, "S1"));
                Assert.Equal(1, up.Watermark(UploadStore.CustomerTable, "S2"));
                Assert.Equal(2, up.Watermark(UploadStore.AddressTable, "S2"));
                Assert.Equal(0, up.Watermark(UploadStore.AttributeTable, "S2"));

                // A later address of A: only the address table of S1 moves.
                new AsyncCustomerStore(s.Db).AppendAddress(Address("S1", "2 Side", asyncId: a.AsyncCustomerId));
                Assert.Equal(1, up.CountDue(UploadStore.AddressTable, "S1"));
                Assert.Equal(0, up.CountDue(UploadStore.CustomerTable, "S1"));
                Assert.Equal(1, s.PJob().Processed);
                Assert.Equal(4, up.Watermark(UploadStore.CustomerTable, "S1"));
                Assert.Equal(5, up.Watermark(UploadStore.AddressTable, "S1"));
                Assert.Equal(2, up.Watermark(UploadStore.AddressTable, "S2"));
                Assert.Equal(3, s.Count("hq_async_customer"));
                Assert.Equal(3, s.Count("hq_async_address"));
                Assert.Equal(1, s.Count("hq_async_attribute"));
            }
        }

        [Fact]
        public void RowsCreatedAfterAnUploadGoInTheNextRunAndNothingTwice()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                for (var i = 0; i < 30; i++) s.Customer("S1", "A" + i, address: true);
                var first = s.PJob(); // chunks of 7
                Assert.Equal(60, first.Processed);
                Assert.Equal(JobRunStatus.Completed, first.Status);
                Assert.All(s.AsyncCustomers(), c => Assert.Equal(AsyncCustomerStatus.Uploaded, c.Status));

                var again = s.PJob();
                Assert.Equal(0, again.Processed);
                Assert.Equal(JobRunStatus.Completed, again.Status);

                var late = Enumerable.Range(0, 5).Select(i => s.Customer("S1", "Late" + i)).ToList();
                Assert.Equal(5, s.AsyncCustomers(AsyncCustomerStatus.Pending).Count);
                Assert.Equal(5, s.PJob().Processed);
                Assert.Equal(0, s.PJob().Processed);
                Assert.Equal(35, s.Count("hq_async_customer"));
                Assert.Equal(30, s.Count("hq_async_address"));
                Assert.Empty(s.AsyncCustomers(AsyncCustomerStatus.Pending));
                // Every channel row is at HQ exactly once.
                Assert.Equal(s.Count("ch_async_customer"), s.Count("hq_async_customer"));
                Assert.Equal(1, s.Db.Scalar<long>("SELECT COUNT(DISTINCT upload_run_id) FROM hq_async_customer WHERE first_name LIKE 'Late%';"));
            }
        }

        [Fact]
        public void AScopedRunUploadsOnlyItsChannels()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Channel("S2");
                var one = s.Customer("S1", "One");
                var two = s.Customer("S2", "Two");
                var run = s.PJob("S2");
                Assert.Equal(1, run.Processed);
                Assert.Equal(new[] { "S2" }, run.ChannelIds);
                Assert.Equal(AsyncCustomerStatus.Pending, s.AsyncCustomers().Single(c => c.AsyncCustomerId == one.AsyncCustomerId).Status);
                Assert.Equal(AsyncCustomerStatus.Uploaded, s.AsyncCustomers().Single(c => c.AsyncCustomerId == two.AsyncCustomerId).Status);
                Assert.Equal(1, s.PJob().Processed);
                Assert.Equal(2, s.Count("hq_async_customer"));
            }
        }

        [Fact]
        public void NeverRewritesUploadedRowsOfAnyTable()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Customer("S1", "Kept", address: true, attributes: ("Tier", "Gold"));
                var run = s.PJob();
                s.Db.Execute("UPDATE ch_async_customer SET first_name = 'Changed';");
                s.Db.Execute("UPDATE ch_async_address SET street = 'Changed';");
                s.Db.Execute("UPDATE ch_async_attribute SET value = 'Changed';");
                Assert.Equal(0, s.PJob().Processed);
                Assert.Equal("Kept", s.Db.Scalar<string>("SELECT first_name FROM hq_async_customer;"));
                Assert.Equal("1 Main", s.Db.Scalar<string>("SELECT street FROM hq_async_address;"));
                Assert.Equal("Gold", s.Db.Scalar<string>("SELECT value FROM hq_async_attribute;"));
                Assert.Equal(3, s.Db.Scalar<long>("SELECT COUNT(*) FROM (SELECT upload_run_id FROM hq_async_customer UNION ALL SELECT upload_run_id FROM hq_async_address UNION ALL SELECT upload_run_id FROM hq_async_attribute) WHERE upload_run_id = $r;", ("$r", run.RunId)));
            }
        }

        [Fact]
        public void RecordModeUploadsEveryOlderRowOfTheChannelAndNothingNewer()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Channel("S2");
                var a = s.Customer("S1", "A");             // 1
                var b = s.Customer("S1", "B", address: true); // 2, 3
                var c = s.Customer("S1", "C");             // 4
                var other = s.Customer("S2", "Other");     // S2: 1
                // A's address comes after B and C: uploading A must take B and C (older rows) with it.
                new AsyncCustomerStore(s.Db).AppendAddress(Address("S1", "Late street", asyncId: a.AsyncCustomerId)); // 5
                var d = s.Customer("S1", "D");             // 6

                var record = new RecordRun(s.Db, JobNames.PJob);
                var result = new PJob(s.Db).UploadRecords(record, new[] { a }, chunkSize: 2);
                Assert.Equal(AsyncCustomerStatus.Uploaded, Assert.Single(result).Status);
                var late = Assert.Single(result.Single().Addresses);
                Assert.Equal("Late street", late.Street);
                Assert.True(late.Uploaded);

                var states = s.AsyncCustomers().ToDictionary(x => x.AsyncCustomerId, x => x.Status);
                Assert.Equal(AsyncCustomerStatus.Uploaded, states[b.AsyncCustomerId]);
                Assert.Equal(AsyncCustomerStatus.Uploaded, states[c.AsyncCustomerId]);
                Assert.Equal(AsyncCustomerStatus.Pending, states[d.AsyncCustomerId]);
                Assert.Equal(AsyncCustomerStatus.Pending, states[other.AsyncCustomerId]);
                Assert.Equal(5, record.Run.Processed); // S1 counters 1..5
                Assert.Equal(JobRunMode.Record, record.Run.Mode);
                record.Complete();
                Assert.Equal(JobRunStatus.Completed, new JobRunStore(s.Db).Get(record.Run.RunId).Status);

                // A record upload of something already at HQ uploads nothing; the bulk run takes exactly the rest.
                var again = new RecordRun(s.Db, JobNames.PJob);
                new PJob(s.Db).UploadRecords(again, new[] { b });
                Assert.Equal(0, again.Run.Processed);
                Assert.Equal(2, s.PJob().Processed); // D (S1 counter 6) and Other (S2)
                Assert.Equal(5, s.Count("hq_async_customer"));
                Assert.Equal(2, s.Count("hq_async_address"));
                Assert.All(new IntegrityStore(s.Db).Check(), x => Assert.True(x.Count == 0, x.ToString()));
            }
        }

        [Fact]
        public void RecordModeUploadsTransactionsAndDetailsWhateverTheIdsContain()
        {
            using (var s = new TestStore())
            {
                // Ids are looked up as pairs, not as joined text: a '|' in a channel id or a transaction id changes nothing.
                s.Channel("A|B", area: "u|s");
                var c = s.Customer("A|B", "Ann", address: true, attributes: ("Tier", 1));
                var transactions = new TransactionStore(s.Db);
                var sale = transactions.Prepare(new Transaction
                {
                    ChannelId = "A|B", TransactionId = "T|1", AsyncCustomerId = c.AsyncCustomerId, Amount = 5, Type = TransactionType.CashAndCarry,
                    BusinessDate = new System.DateTime(2026, 11, 2),
                });
                transactions.Append(new[] { sale });

                var uploaded = new PJob(s.Db).UploadTransactions(new RecordRun(s.Db, JobNames.PJob), new[] { sale });
                Assert.Equal("T|1", Assert.Single(uploaded).TransactionId);
                Assert.Equal(TransactionStatus.Uploaded, uploaded[0].Status);

                s.Sync();
                var hq = Assert.Single(s.Hq());
                Assert.Single(hq.Addresses);
                Assert.Equal("Tier", Assert.Single(hq.Attributes).Name);
            }
        }
    }
}
