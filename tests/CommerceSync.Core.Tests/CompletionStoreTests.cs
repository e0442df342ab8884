using System;
using System.Linq;
using CommerceSync.Jobs;
using CommerceSync.Data;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>The ids tab completion offers: what the store holds, starting with the typed text, scoped where a command line says so.</summary>
    public class CompletionStoreTests
    {
        [Fact]
        public void OffersTheIdsTheStoreKnows()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Channel("S2", area: "FRRT");
                var a = s.Customer("S1", "A", address: true);
                var b = s.Customer("S2", "Bad", currency: "XX");
                var transactions = new TransactionStore(s.Db);
                transactions.Append(new[]
                {
                    transactions.Prepare(new Transaction { ChannelId = "S1", TransactionId = "T-1", AsyncCustomerId = a.AsyncCustomerId, Amount = 1, Type = TransactionType.CashAndCarry, BusinessDate = new DateTime(2026, 11, 2) }),
                    transactions.Prepare(new Transaction { ChannelId = "S2", TransactionId = "T-2", AsyncCustomerId = b.AsyncCustomerId, Amount = 1, Type = TransactionType.CashAndCarry, BusinessDate = new DateTime(2026, 11, 2) }),
                }.ToList());
                s.PJob();
                var sync = s.Sync();
                new StatementPosting(s.Db).Run(new JobOptions { ChannelIds = new[] { "S1" } }, null, out var posting);
                var completion = new CompletionStore(s.Db);

                Assert.Equal(new[] { "T-1", "T-2" }, completion.TransactionIds("T-", null, 10).Select(v => v.Value).OrderBy(v => v));
                Assert.Equal(new[] { "T-2" }, completion.TransactionIds("t-", new[] { "S2" }, 10).Select(v => v.Value));
                Assert.Single(completion.StatementIds("", new[] { "S1" }, 10));
                Assert.Empty(completion.StatementIds("", new[] { "S2" }, 10));
                Assert.Equal(new[] { "FRRT", "USRT" }, completion.DataAreaIds("", 10).Select(v => v.Value));
                Assert.Equal(new[] { "FRRT" }, completion.DataAreaIds("f", 10).Select(v => v.Value));
                var address = Assert.Single(completion.AddressIds("", null, a.AsyncCustomerId, 10));
                Assert.Equal(a.Addresses[0].AddressId, address.Value);
                Assert.Empty(completion.AddressIds("", null, "no-such-customer", 10));
                Assert.Equal(new[] { posting.RunId, sync.RunId }, completion.RunIds("", 2).Select(v => long.Parse(v.Value)));
                var failed = Assert.Single(completion.FailedCounters("", "S2", 10));
                Assert.Contains("currency", failed.Tooltip);
                Assert.Empty(completion.FailedCounters("", "S1", 10));
                Assert.Equal(new[] { "30" }, completion.ChannelDefaults("default_customer_group", "customer group", "", 10).Select(v => v.Value));
                Assert.Equal(new[] { "USD" }, completion.ChannelDefaults("default_currency", "currency", "U", 10).Select(v => v.Value));
                Assert.Throws<ArgumentException>(() => completion.ChannelDefaults("name; DROP TABLE channel", "x", "", 10));
            }
        }
    }
}
