using System;
using System.Linq;
using CommerceSync.Jobs;
using CommerceSync.Data;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>
    /// Test-CommerceStore's checks: each finds exactly the rows that break its invariant (so a rewrite of its SQL cannot
    /// quietly stop finding them), on whichever engine the suite runs.
    /// </summary>
    public class IntegrityTests
    {
        /// <summary>A store after a whole cycle: customers converted and distributed, orders synchronized, a statement posted.</summary>
        private static TestStore Converted()
        {
            var s = new TestStore();
            s.Channel("S1");
            s.Channel("S2", offline: true);
            var customers = Enumerable.Range(0, 12).Select(i => s.Customer(i % 2 == 0 ? "S1" : "S2", "I" + i, address: true)).ToList();
            var transactions = new TransactionStore(s.Db);
            transactions.Append(customers.Take(4).Select((c, i) => transactions.Prepare(new Transaction
            {
                ChannelId = c.ChannelId, AsyncCustomerId = c.AsyncCustomerId, Amount = 10 + i,
                Type = i % 2 == 0 ? TransactionType.CustomerOrder : TransactionType.CashAndCarry, BusinessDate = new DateTime(2026, 11, 2),
            })).ToList());
            s.PJob(); s.Sync(); s.Job1010();
            new OrderSync(s.Db).Run(new JobOptions { ChunkSize = 7 });
            new StatementPosting(s.Db).Run(new JobOptions(), null, out _);
            s.PJob(); s.Sync(); s.Job1010();
            return s;
        }

        private static long Broken(TestStore s, string check) => new IntegrityStore(s.Db).Check().Single(c => c.Check == check).Count;

        private static void AllHold(TestStore s, bool full = false) =>
            Assert.All(new IntegrityStore(s.Db).Check(full), c => Assert.True(c.Count == 0, c + " " + c.Description));

        [Fact]
        public void AStoreAfterAWholeCycleKeepsEveryInvariant()
        {
            using (var s = Converted())
            {
                Assert.True(s.Count("sales_order") > 0);
                Assert.True(s.Count("statement WHERE status = 1") > 0);
                AllHold(s);
                AllHold(s, full: true);
                var names = new IntegrityStore(s.Db).Check().Select(c => c.Check).ToList();
                Assert.Equal(IntegrityStore.PhysicalIntegrity, names[0]);
                Assert.Contains(IntegrityStore.NumberSequenceAhead, names);
                Assert.Equal(names.Count, names.Distinct().Count());
            }
        }

        [Fact]
        public void ANumberSequenceBehindItsAccountsIsFound()
        {
            using (var s = Converted())
            {
                // As a hand-edited import leaves it: the next number is one the sync job has issued already.
                s.Db.Execute("UPDATE number_sequence SET next_value = next_value - 3 WHERE code = 'Customer';");
                Assert.Equal(3, Broken(s, IntegrityStore.NumberSequenceAhead));
                s.Db.Execute("UPDATE number_sequence SET next_value = 1 WHERE code = 'Customer';");
                Assert.Equal(12, Broken(s, IntegrityStore.NumberSequenceAhead));
                // Ahead again, and an account of another shape (typed in by hand at HQ) is not the sequence's.
                s.Db.Execute("UPDATE number_sequence SET next_value = 13 WHERE code = 'Customer';");
                Assert.Equal(0, Broken(s, IntegrityStore.NumberSequenceAhead));
                const string Copy = "INSERT INTO cust_table(data_area_id, account_number, party_id, name, customer_group, currency, created_at, modified_at) " +
                    "SELECT data_area_id, $n, party_id, name, customer_group, currency, created_at, modified_at FROM cust_table WHERE account_number = $a;";
                var one = s.Hq().First().AccountNumber;
                s.Db.Execute(Copy, ("$n", "C99999X"), ("$a", one));
                s.Db.Execute(Copy, ("$n", "C9999999"), ("$a", one));
                Assert.Equal(0, Broken(s, IntegrityStore.NumberSequenceAhead));
                s.Db.Execute(Copy, ("$n", "C000099"), ("$a", one));
                Assert.Equal(1, Broken(s, IntegrityStore.NumberSequenceAhead));
            }
        }

        [Fact]
        public void AChannelDatabaseMissingACustomerItsWatermarkCoversIsFound()
        {
            using (var s = Converted())
            {
                var account = s.Hq().First().AccountNumber;
                var held = s.Count("channel_customer WHERE account_number = '" + account + "'");
                Assert.Equal(3, held); // S1, S2 and S2's offline database
                s.Db.Execute("DELETE FROM channel_customer WHERE account_number = $a;", ("$a", account));
                Assert.Equal(3, Broken(s, "ChannelViewsComplete"));
                // A change after the watermark: that customer is no longer due in any database, so nothing is missing.
                s.Db.Execute("INSERT INTO hq_change(data_area_id, account_number) SELECT data_area_id, account_number FROM cust_table WHERE account_number = $a;", ("$a", account));
                Assert.Equal(0, Broken(s, "ChannelViewsComplete"));
            }
        }

        [Fact]
        public void AChannelCopyThatDiffersFromHqIsFound()
        {
            using (var s = Converted())
            {
                s.Db.Execute("UPDATE channel_customer SET email = 'stale@example.com' WHERE channel_id = 'S2';");
                Assert.Equal(2 * 12, Broken(s, "ChannelViewsAgree"));
            }
        }

        [Fact]
        public void LostRowsMissingLinksAndBrokenTotalsAreFound()
        {
            using (var s = Converted())
            {
                s.Db.Execute("DELETE FROM hq_async_address WHERE counter = (SELECT MIN(counter) FROM hq_async_address WHERE channel_id = 'S1') AND channel_id = 'S1';");
                Assert.Equal(1, Broken(s, "NothingLost:ch_async_address"));
                s.Db.Execute("DELETE FROM retail_cust_table WHERE account_number IN (SELECT account_number FROM cust_table ORDER BY account_number LIMIT 2);");
                Assert.Equal(2, Broken(s, "CustomerComplete"));
                Assert.Equal(2, Broken(s, "OneAccountPerAsyncCustomer"));
                s.Db.Execute("DELETE FROM sales_order WHERE sales_id = (SELECT MIN(sales_id) FROM sales_order);");
                Assert.Equal(1, Broken(s, "OneSalesOrderPerOrder"));
                s.Db.Execute("UPDATE statement SET total_minor = total_minor + 1 WHERE status = 1;");
                Assert.Equal(s.Count("statement WHERE status = 1"), Broken(s, "StatementsAddUp"));
                // Trickle feed (a new store): the cash sales posted into sales orders of their transactional statement.
                Assert.True(s.Count("sales_order WHERE origin = 1") > 0);
                Assert.Equal(0, Broken(s, "StatementOrdersAddUp"));
                s.Db.Execute("UPDATE sales_order SET amount_minor = amount_minor + 1 WHERE origin = 1;");
                Assert.Equal(s.Count("sales_order WHERE origin = 1"), Broken(s, "StatementOrdersAddUp"));
                s.Db.Execute("UPDATE hq_transaction SET sales_id = NULL WHERE type = 0 AND status = 1;");
                Assert.True(Broken(s, "StatementOrdersAddUp") > s.Count("sales_order WHERE origin = 1"));
            }
        }

        [Fact]
        public void TheStorageCheckIsTheEnginesAndSaysWhatRan()
        {
            using (var s = Converted())
            {
                var quick = new IntegrityStore(s.Db).Check().Single(c => c.Check == IntegrityStore.PhysicalIntegrity);
                var full = new IntegrityStore(s.Db).Check(full: true).Single(c => c.Check == IntegrityStore.PhysicalIntegrity);
                Assert.Equal(0, quick.Count);
                if (s.Db.Backend == StoreBackend.SQLite)
                {
                    Assert.Contains("quick_check", quick.Description);
                    Assert.Contains("integrity_check", full.Description);
                }
                else
                {
                    Assert.Contains("amcheck", quick.Description);
                }
            }
        }

        [PostgresFact]
        public void OnPostgresqlTheStorageCheckIsAmcheckWhereInstalled()
        {
            using (var s = new TestStore(StoreBackend.PostgreSQL))
            {
                s.Channel("S1");
                s.Customer("S1", "Ada");
                s.PJob(); s.Sync(); s.Job1010();
                TestStore.ServerExecute("CREATE EXTENSION IF NOT EXISTS amcheck SCHEMA public;");
                foreach (var full in new[] { false, true })
                {
                    var check = new IntegrityStore(s.Db).Check(full).Single(c => c.Check == IntegrityStore.PhysicalIntegrity);
                    Assert.Equal(0, check.Count);
                    Assert.StartsWith("Problems amcheck bt_index_check" + (full ? " (heapallindexed)" : ""), check.Description);
                }
            }
        }
    }
}
