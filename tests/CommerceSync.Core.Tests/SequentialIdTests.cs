using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CommerceSync.Data;
using Xunit;

namespace CommerceSync.Core.Tests
{
    public class SequentialIdTests
    {
        [Fact]
        public void IdsAreVersion7GuidsThatSortInTheOrderTheyWereMade()
        {
            var ids = Enumerable.Range(0, 20000).Select(_ => SequentialId.NewGuid().ToString()).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            for (var i = 1; i < ids.Count; i++)
            {
                Assert.True(string.CompareOrdinal(ids[i - 1], ids[i]) < 0, ids[i - 1] + " sorts after " + ids[i]);
            }
            Assert.All(ids, id =>
            {
                Assert.Equal('7', id[14]);                 // version 7 (RFC 9562): a Unix-time GUID
                Assert.Contains(id[19], "89ab");            // RFC variant
            });
        }

        [Fact]
        public void TheTimestampIsTheMillisecondItWasMade()
        {
            var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var id = SequentialId.NewGuid().ToString("N");
            var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var ms = Convert.ToInt64(id.Substring(0, 12), 16);
            // Within the same millisecond a counter advances, and may borrow a little from the next one.
            Assert.InRange(ms, before, after + 5);
        }

        [Fact]
        public void ManyThreadsNeverGetTheSameId()
        {
            var bag = new System.Collections.Concurrent.ConcurrentBag<Guid>();
            Parallel.For(0, 8, _ => { for (var i = 0; i < 5000; i++) bag.Add(SequentialId.NewGuid()); });
            Assert.Equal(40000, new HashSet<Guid>(bag).Count);
        }
    }
}
