using System.Linq;
using CommerceSync.Data;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>Get-AsyncCustomer's read model: pages over channel and offline databases.</summary>
    public class AsyncCustomerReadTests
    {
        [Fact]
        public void AFullReadReturnsEveryCustomerOnceInOrderAcrossPages()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1", offline: true);
                s.Channel("S2");
                var store = new AsyncCustomerStore(s.Db);
                // More than two pages (5,000 rows each), on two channels, plus a few in S1's offline database.
                foreach (var ch in new[] { "S1", "S2" })
                {
                    store.Append(Enumerable.Range(0, 6000).Select(i => store.Prepare(new AsyncCustomer { ChannelId = ch, FirstName = "F" + i, LastName = ch })).ToList());
                }
                store.Append(Enumerable.Range(0, 3).Select(i => store.Prepare(new AsyncCustomer { ChannelId = "S1", FirstName = "Off" + i, LastName = "S1" })).ToList(), offline: true);

                var all = store.Read(new AsyncCustomerFilter { IncludeDetails = false }).ToList();
                Assert.Equal(12003, all.Count);
                Assert.Equal(12003, all.Select(c => c.AsyncCustomerId).Distinct().Count());
                Assert.Equal(new[] { "S1", "S2" }, all.Select(c => c.ChannelId).Distinct());
                Assert.Equal(3, all.Count(c => c.Status == AsyncCustomerStatus.Offline));
                var s2 = all.Where(c => c.ChannelId == "S2").Select(c => c.ReplicationCounter).ToList();
                Assert.Equal(s2.OrderBy(n => n), s2);
                Assert.Equal(6000, store.Read(new AsyncCustomerFilter { ChannelIds = new[] { "S2" }, IncludeDetails = false }).Count());
            }
        }
    }
}
