using System;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Jobs;
using CommerceSync.Services;
using CommerceSync.Data;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>
    /// Workers on a shared store take claims in one order (Claims.Order), so none waits in a circle: the order is pinned here,
    /// and every job is run with its claims recorded, so a job that takes one out of order fails here before it deadlocks a server.
    /// </summary>
    public class ClaimOrderTests
    {
        [Fact]
        public void WorkSharesComeFirstThenTheNumberSequencesThenHeadquartersCustomersThenTheChangeLog()
        {
            Assert.Equal(new[] { ClaimRank.WorkShare, ClaimRank.NumberSequences, ClaimRank.HeadquartersCustomers, ClaimRank.ChangeLog }, Claims.Order);
            Assert.Equal(Enum.GetValues(typeof(ClaimRank)).Length, Claims.Order.Distinct().Count()); // every rank, once
        }

        [Fact]
        public void ClaimKeysStayAsReleased()
        {
            // Workers of two releases on one store must meet on the same locks.
            Assert.Equal("P-job|S1|2", Claims.Upload("s1", 2).Key);
            Assert.Equal("sync|S1", Claims.Conversion("s1").Key);
            Assert.Equal("1010|S1|1", Claims.Distribution("s1", ChannelDatabaseKind.Offline).Key);
            Assert.Equal("sync|numbers", Claims.NumberSequences.Key);
            Assert.Equal("sync|customers", Claims.HeadquartersCustomers.Key);
            Assert.Equal("hq_change", Claims.ChangeLog.Key);
        }

        [Fact]
        public void AClaimedWriteRefusesAClaimRankedBeforeOneItHolds()
        {
            using (var s = new TestStore())
            {
                using (var tx = s.Db.BeginClaimedWrite())
                {
                    Assert.True(s.Db.Claim(Claims.Conversion("A")));
                    Assert.True(s.Db.Claim(Claims.Conversion("B"))); // the same rank again
                    Assert.True(s.Db.Claim(Claims.HeadquartersCustomers, wait: true));
                    Assert.Throws<InvalidOperationException>(() => s.Db.Claim(Claims.NumberSequences, wait: true));
                    Assert.Throws<InvalidOperationException>(() => s.Db.Claim(Claims.Conversion("C")));
                    Assert.True(s.Db.Claim(Claims.ChangeLog, wait: true));
                }
                // The next transaction starts with none held.
                using (var tx = s.Db.BeginClaimedWrite()) Assert.True(s.Db.Claim(Claims.NumberSequences, wait: true));
                // Holding the store's lock alone, no claim can wait for another worker: any order goes.
                using (var tx = s.Db.BeginWrite())
                {
                    Assert.True(s.Db.Claim(Claims.ChangeLog, wait: true));
                    Assert.True(s.Db.Claim(Claims.NumberSequences, wait: true));
                }
            }
        }

        [Fact]
        public void EveryJobTakesItsClaimsInOrder()
        {
            using (var s = new TestStore()) RunEveryJob(s);
        }

        [PostgresFact]
        public void EveryJobTakesItsClaimsInOrderOnPostgres()
        {
            // Here the sync job too splits its work by channel in claimed writes.
            using (var s = new TestStore(StoreBackend.PostgreSQL)) RunEveryJob(s);
        }

        private static void RunEveryJob(TestStore s)
        {
            var log = s.Db.ClaimLog = new List<(HeldClaims Transaction, Claim Claim, bool Taken)>();
            s.Channel("S1");
            s.Channel("S2", offline: true);
            s.Channel("S3", async: false);
            var ann = s.Customer("S1", "Ann", address: true, attributes: ("Tier", 1));
            s.Customer("S2", "Bob", address: true);
            s.PJob();
            s.Sync();
            s.Job1010();

            // An edit of a customer HQ has, and an order that names a customer not synced yet (orders sync it themselves).
            var customers = new AsyncCustomerStore(s.Db);
            customers.AppendChange(new AsyncCustomerChange { ChannelId = "S1", AsyncCustomerId = ann.AsyncCustomerId, Email = "ann@example.com" });
            var cy = s.Customer("S2", "Cy");
            var transactions = new TransactionStore(s.Db);
            transactions.Append(new[]
            {
                transactions.Prepare(new Transaction { ChannelId = "S2", AsyncCustomerId = cy.AsyncCustomerId, Amount = 10, Type = TransactionType.CustomerOrder, BusinessDate = new DateTime(2026, 11, 2) }),
            });
            s.PJob();
            new OrderSync(s.Db).Run(new JobOptions { ChunkSize = 7 });
            s.Sync();
            s.Job1010();

            // A customer created in real time at HQ (New-CommerceCustomer at a channel in sync mode).
            new CustomerCreation(s.Db).Create(new AsyncCustomer { ChannelId = "S3", FirstName = "Dee", LastName = "Test" });
            s.Job1010();

            Assert.Equal(4, s.Hq().Count);
            foreach (var tx in log.Where(e => e.Transaction != null && e.Transaction.Together).GroupBy(e => e.Transaction))
            {
                var taken = tx.Where(e => e.Taken).Select(e => Claims.PositionOf(e.Claim)).ToList();
                Assert.True(taken.SequenceEqual(taken.OrderBy(p => p)), "Claims out of order: " + string.Join(", ", tx.Select(e => e.Claim)));
            }
            // Not vacuous: the jobs did claim, every rank; workers on a shared store take them all in claimed writes.
            Assert.Equal(Claims.Order, Claims.Order.Where(r => log.Any(e => e.Claim.Rank == r)));
            var together = s.Db.ClaimsRunTogether ? Claims.Order : new[] { ClaimRank.WorkShare };
            Assert.Equal(together, Claims.Order.Where(r => log.Any(e => e.Transaction != null && e.Transaction.Together && e.Claim.Rank == r)));
        }
    }
}
