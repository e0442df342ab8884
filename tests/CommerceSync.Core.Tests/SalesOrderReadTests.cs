using System;
using System.Linq;
using CommerceSync.Jobs;
using CommerceSync.Data;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>Reading back what the jobs made: sales orders of Synchronize orders, loyalty cards issued at the stores.</summary>
    public class SalesOrderReadTests
    {
        /// <summary>Two stores; an async customer's order at S1, a synced customer's orders at S1 and S2, and a cash-and-carry sale.</summary>
        private static (string Ann, string Bob, Transaction[] Orders) Orders(TestStore s)
        {
            s.Channel("S1");
            s.Channel("S2");
            var ann = s.Customer("S1", "Ann", email: "ann@example.com");
            var bob = s.Customer("S2", "Bob");
            s.PJob();
            s.Sync();
            s.Job1010();
            var bobAccount = s.Hq().Single(c => c.AsyncCustomerId == bob.AsyncCustomerId).AccountNumber;
            var transactions = new TransactionStore(s.Db);
            var day = new DateTime(2026, 11, 2);
            var orders = new[]
            {
                transactions.Prepare(new Transaction { ChannelId = "S1", AsyncCustomerId = ann.AsyncCustomerId, Amount = 120.5m, Type = TransactionType.CustomerOrder, BusinessDate = day }),
                transactions.Prepare(new Transaction { ChannelId = "S1", AccountNumber = bobAccount, Amount = 7.25m, Type = TransactionType.CustomerOrder, BusinessDate = day }),
                transactions.Prepare(new Transaction { ChannelId = "S2", AccountNumber = bobAccount, Amount = 30m, Type = TransactionType.CustomerOrder, BusinessDate = day }),
            };
            transactions.Append(orders);
            transactions.Append(new[] { transactions.Prepare(new Transaction { ChannelId = "S2", AccountNumber = bobAccount, Amount = 3m, BusinessDate = day }) });
            s.PJob();
            Assert.Equal(3, new OrderSync(s.Db).Run(new JobOptions()).Processed);
            var annAccount = s.Hq().Single(c => c.AsyncCustomerId == ann.AsyncCustomerId).AccountNumber;
            return (annAccount, bobAccount, orders);
        }

        [Fact]
        public void ReadsEachSalesOrderWithTheValuesSynchronizeOrdersGaveIt()
        {
            using (var s = new TestStore())
            {
                var (ann, bob, orders) = Orders(s);
                var all = new OrderStore(s.Db).ReadSalesOrders(new SalesOrderFilter()).ToList();

                Assert.Equal(3, all.Count);
                var annOrder = all.Single(o => o.TransactionId == orders[0].TransactionId);
                Assert.Equal(ann, annOrder.AccountNumber);
                Assert.Equal("S1", annOrder.ChannelId);
                Assert.Equal(120.5m, annOrder.Amount);
                Assert.Equal("Created", annOrder.Status);
                Assert.Equal(all.Select(o => o.SalesId).OrderBy(x => x, StringComparer.Ordinal), all.Select(o => o.SalesId));
                var synchronized = new TransactionStore(s.Db).Read(new TransactionFilter { Statuses = new[] { TransactionStatus.Synchronized } }).ToList();
                Assert.Equal(synchronized.Select(t => t.SalesId).OrderBy(x => x), all.Select(o => o.SalesId).OrderBy(x => x));
            }
        }

        [Fact]
        public void EachFilterNarrowsTheSalesOrders()
        {
            using (var s = new TestStore())
            {
                var (ann, bob, orders) = Orders(s);
                var store = new OrderStore(s.Db);
                string[] Tx(SalesOrderFilter f) => store.ReadSalesOrders(f).Select(o => o.TransactionId).OrderBy(x => x).ToArray();
                string[] Of(params int[] i) => i.Select(n => orders[n].TransactionId).OrderBy(x => x).ToArray();

                Assert.Equal(Of(2), Tx(new SalesOrderFilter { ChannelIds = new[] { "S2" } }));
                Assert.Equal(Of(1, 2), Tx(new SalesOrderFilter { AccountNumbers = new[] { bob } }));
                Assert.Equal(Of(1), Tx(new SalesOrderFilter { AccountNumbers = new[] { bob }, ChannelIds = new[] { "S1" } }));
                Assert.Equal(Of(0), Tx(new SalesOrderFilter { TransactionIds = new[] { orders[0].TransactionId } }));
                var salesId = store.ReadSalesOrders(new SalesOrderFilter { AccountNumbers = new[] { ann } }).Single().SalesId;
                Assert.Equal(Of(0), Tx(new SalesOrderFilter { SalesIds = new[] { salesId } }));
                Assert.Equal(Of(0, 1, 2), Tx(new SalesOrderFilter { Statuses = new[] { SalesOrderStatus.Created } }));
                Assert.Empty(Tx(new SalesOrderFilter { Statuses = new SalesOrderStatus[0] }));
                Assert.Empty(Tx(new SalesOrderFilter { AccountNumbers = new[] { "C999999" } }));
            }
        }

        [Fact]
        public void ReadsLoyaltyCardsByCardAccountAndChannel()
        {
            using (var s = new TestStore())
            {
                var (ann, bob, _) = Orders(s);
                var loyalty = new LoyaltyStore(s.Db);
                var cards = new[] { loyalty.Issue("S1", ann, null), loyalty.Issue("S2", ann, null), loyalty.Issue("S2", bob, null) };
                string[] Cards(LoyaltyCardFilter f) => loyalty.Read(f).Select(c => c.CardNumber).ToArray();

                var all = loyalty.Read(new LoyaltyCardFilter()).ToList();
                Assert.Equal(cards.Select(c => c.CardNumber), all.Select(c => c.CardNumber));
                Assert.Equal(cards.Select(c => c.AccountNumber + "@" + c.ChannelId + ":" + c.DataAreaId), all.Select(c => c.AccountNumber + "@" + c.ChannelId + ":" + c.DataAreaId));
                Assert.Equal(new[] { cards[1].CardNumber }, Cards(new LoyaltyCardFilter { CardNumbers = new[] { cards[1].CardNumber } }));
                Assert.Equal(new[] { cards[0].CardNumber, cards[1].CardNumber }, Cards(new LoyaltyCardFilter { AccountNumbers = new[] { ann } }));
                Assert.Equal(new[] { cards[1].CardNumber, cards[2].CardNumber }, Cards(new LoyaltyCardFilter { ChannelIds = new[] { "S2" } }));
                Assert.Equal(new[] { cards[2].CardNumber }, Cards(new LoyaltyCardFilter { ChannelIds = new[] { "S2" }, AccountNumbers = new[] { bob } }));
            }
        }

        [Fact]
        public void ReadsWhileAnotherProcessHoldsTheWriteLock()
        {
            using (var s = new TestStore())
            {
                var (ann, _, _) = Orders(s);
                new LoyaltyStore(s.Db).Issue("S1", ann, null);
                using (var other = s.Reopen())
                using (var write = other.BeginWrite())
                {
                    // A read never waits for a writer: it takes no write lock of its own.
                    Assert.Equal(3, new OrderStore(s.Db).ReadSalesOrders(new SalesOrderFilter()).Count());
                    Assert.Single(new LoyaltyStore(s.Db).Read(new LoyaltyCardFilter { AccountNumbers = new[] { ann } }));
                }
            }
        }
    }
}
