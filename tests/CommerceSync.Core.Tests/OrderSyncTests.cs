using System;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Jobs;
using CommerceSync.Data;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>"Synchronize orders" in record mode: each failed order retried once per run, whatever the chunk size.</summary>
    public class OrderSyncTests
    {
        /// <summary>Customer orders of async customers with invalid emails, uploaded and failed once in bulk.</summary>
        private static (List<AsyncCustomer> Customers, List<Transaction> Orders) FailedOrders(TestStore s, int count)
        {
            s.Channel("S1");
            var transactions = new TransactionStore(s.Db);
            var bad = Enumerable.Range(0, count).Select(i => s.Customer("S1", "Bad" + i, email: "nope" + i)).ToList();
            var orders = bad.Select(b => transactions.Prepare(new Transaction
            {
                ChannelId = "S1", AsyncCustomerId = b.AsyncCustomerId, Amount = 10, Type = TransactionType.CustomerOrder, BusinessDate = new DateTime(2026, 11, 2),
            })).ToList();
            transactions.Append(orders);
            s.PJob();
            Assert.Equal(count, new OrderSync(s.Db).Run(new JobOptions { ChunkSize = 7 }).Failed);
            return (bad, orders);
        }

        [Fact]
        public void RecordModeRetriesEveryFailedOrderWhateverTheChunkSize()
        {
            using (var s = new TestStore())
            {
                var customers = new AsyncCustomerStore(s.Db);
                var (bad, orders) = FailedOrders(s, 5);

                // The POS corrects each email; the edits are uploaded, and the admin retries the five orders, two per chunk.
                foreach (var b in bad) customers.AppendChange(new AsyncCustomerChange { ChannelId = "S1", AsyncCustomerId = b.AsyncCustomerId, Email = b.FirstName.ToLowerInvariant() + "@example.com" });
                s.PJob();
                var record = new RecordRun(s.Db, JobNames.SynchronizeOrders);
                var sales = new OrderSync(s.Db).SyncRecords(record, orders, chunkSize: 2);

                Assert.Equal(5, sales.Count);
                Assert.Equal(5, sales.Select(o => o.SalesId).Distinct().Count());
                Assert.Equal(5, s.Hq().Count);
                Assert.Equal(0, record.Run.Failed);
            }
        }

        [Fact]
        public void RecordModeTriesAnOrderThatStillFailsOnlyOncePerRun()
        {
            using (var s = new TestStore())
            {
                var (_, orders) = FailedOrders(s, 3);

                // Nothing was fixed: the retry ends (no endless loop over the same failures) and counts each order once.
                var record = new RecordRun(s.Db, JobNames.SynchronizeOrders);
                var sales = new OrderSync(s.Db).SyncRecords(record, orders, chunkSize: 1);
                Assert.Empty(sales);
                Assert.Equal(3, record.Run.Failed);
            }
        }
    }
}
