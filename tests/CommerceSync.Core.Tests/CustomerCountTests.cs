using System;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Jobs;
using CommerceSync.Data;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>
    /// A run counts rows (Processed) and, apart, the distinct customers it touched (Customers): a customer counts once per run
    /// however many of its rows, channels, databases or chunks the run went through.
    /// </summary>
    public class CustomerCountTests
    {
        /// <summary>20 async customers with one address each, 10 at S1 (which has an offline database) and 10 at S2.</summary>
        private static List<AsyncCustomer> TwentyCustomers(TestStore s)
        {
            s.Channel("S1", offline: true);
            s.Channel("S2");
            return Enumerable.Range(0, 20).Select(i => s.Customer(i % 2 == 0 ? "S1" : "S2", "C" + i, address: true)).ToList();
        }

        private static JobRun Stored(TestStore s, JobRun run) => new JobRunStore(s.Db).Get(run.RunId);

        [Fact]
        public void BulkRunsCountRowsAndCustomersApart()
        {
            using (var s = new TestStore())
            {
                TwentyCustomers(s);
                // Chunks of 7 rows: a customer's row and its address go up, and are converted, in different chunks.
                var p = Stored(s, s.PJob());
                Assert.Equal((40L, 20L), (p.Processed, p.Customers));
                var sync = Stored(s, s.Sync());
                Assert.Equal((40L, 20L), (sync.Processed, sync.Customers));
                // Three databases (S1, S1's offline database, S2) receive each of the 20.
                var dist = Stored(s, s.Job1010());
                Assert.Equal((60L, 20L), (dist.Processed, dist.Customers));

                // The counts are the run's: an export carries them to another store.
                var export = new System.IO.StringWriter();
                new TransferStore(s.Db).Export(export);
                using (var moved = new TestStore())
                {
                    new TransferStore(moved.Db).Import(new System.IO.StringReader(export.ToString()));
                    Assert.Equal((60L, 20L), (Stored(moved, dist).Processed, Stored(moved, dist).Customers));
                }

                // Nothing left to do: nobody touched.
                Assert.Equal((0L, 0L), (Stored(s, s.PJob()).Processed, Stored(s, s.PJob()).Customers));
                var idle = Stored(s, s.Job1010());
                Assert.Equal((0L, 0L), (idle.Processed, idle.Customers));
            }
        }

        [Fact]
        public void RecordRunsCountEachCustomerOnceAcrossChunksAndBatches()
        {
            using (var s = new TestStore())
            {
                var all = TwentyCustomers(s);
                // The same customers piped in two overlapping batches: each still counts once.
                var first = all.Take(12).ToList();
                var second = all.Skip(8).ToList();

                var upload = new RecordRun(s.Db, JobNames.PJob);
                new PJob(s.Db).UploadRecords(upload, first, chunkSize: 3);
                new PJob(s.Db).UploadRecords(upload, second, chunkSize: 3);
                upload.Complete();
                Assert.Equal((40L, 20L), (Stored(s, upload.Run).Processed, Stored(s, upload.Run).Customers));

                var convert = new RecordRun(s.Db, JobNames.SynchronizeCustomers);
                new AsyncCustomerSync(s.Db).SyncRecords(convert, first.Select(c => c.AsyncCustomerId).ToList(), chunkSize: 3);
                new AsyncCustomerSync(s.Db).SyncRecords(convert, second.Select(c => c.AsyncCustomerId).ToList(), chunkSize: 3);
                convert.Complete();
                Assert.Equal((40L, 20L), (Stored(s, convert.Run).Processed, Stored(s, convert.Run).Customers));

                var customers = s.Hq();
                var distribute = new RecordRun(s.Db, JobNames.Job1010);
                new Job1010(s.Db).DistributeRecords(distribute, customers.Take(12).ToList(), excludeOffline: false);
                new Job1010(s.Db).DistributeRecords(distribute, customers.Skip(8).ToList(), excludeOffline: false);
                distribute.Complete();
                // Rows: 12 + 12 customers, each to 3 databases; customers: 20.
                Assert.Equal((72L, 20L), (Stored(s, distribute.Run).Processed, Stored(s, distribute.Run).Customers));
            }
        }

        [Fact]
        public void OrdersAndStatementPostingCountTheCustomersTheySynchronize()
        {
            using (var s = new TestStore())
            {
                var all = TwentyCustomers(s);
                var transactions = new TransactionStore(s.Db);
                var day = new DateTime(2026, 11, 2);
                // Each of the first ten places two customer orders; each of the others buys twice cash and carry.
                transactions.Append(all.Take(10).SelectMany(c => new[] { c, c }).Select(c => transactions.Prepare(new Transaction
                {
                    ChannelId = c.ChannelId, AsyncCustomerId = c.AsyncCustomerId, Amount = 10, Type = TransactionType.CustomerOrder, BusinessDate = day,
                })).ToList());
                transactions.Append(all.Skip(10).SelectMany(c => new[] { c, c }).Select(c => transactions.Prepare(new Transaction
                {
                    ChannelId = c.ChannelId, AsyncCustomerId = c.AsyncCustomerId, Amount = 5, Type = TransactionType.CashAndCarry, BusinessDate = day,
                })).ToList());
                s.PJob();

                // Rows: 20 orders; customers: the 10 it synchronized (their create and address) first.
                var orders = Stored(s, new OrderSync(s.Db).Run(new JobOptions { ChunkSize = 3 }));
                Assert.Equal((20L, 10L), (orders.Processed, orders.Customers));

                // Rows: 20 sales in two statements (one per store); customers: the other 10, synchronized before posting.
                new StatementPosting(s.Db).Run(new JobOptions(), null, out var posting);
                Assert.Equal((20L, 10L), (Stored(s, posting).Processed, Stored(s, posting).Customers));

                // The sync job finds nothing left; job 1010 sends all 20 to the three databases.
                Assert.Equal(0L, Stored(s, s.Sync()).Customers);
                var dist = Stored(s, s.Job1010());
                Assert.Equal((60L, 20L), (dist.Processed, dist.Customers));
            }
        }

        [Fact]
        public void EditsOfSyncedCustomersCountTheCustomerOnce()
        {
            using (var s = new TestStore())
            {
                var all = TwentyCustomers(s);
                s.PJob();
                s.Sync();
                s.Job1010();
                var customers = new AsyncCustomerStore(s.Db);
                // Three edits of each of the first five customers, uploaded and applied in chunks of 7 rows.
                foreach (var round in Enumerable.Range(0, 3))
                {
                    foreach (var c in all.Take(5))
                    {
                        customers.AppendChange(new AsyncCustomerChange { ChannelId = c.ChannelId, AsyncCustomerId = c.AsyncCustomerId, Email = "e" + round + "@example.com" });
                    }
                }
                var p = Stored(s, s.PJob());
                Assert.Equal((15L, 5L), (p.Processed, p.Customers));
                var sync = Stored(s, s.Sync());
                Assert.Equal((15L, 5L), (sync.Processed, sync.Customers));
                var dist = Stored(s, s.Job1010());
                Assert.Equal(5L, dist.Customers);
            }
        }
    }
}
