using System;
using System.Linq;
using CommerceSync.Data;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>
    /// P-job, sync, 1010 is the right order; running them out of order first does no harm and ends in the same state. The one
    /// place for the order of the steps (the cmdlets add nothing to it: they run these jobs).
    /// </summary>
    public class OrderOfStepsTests
    {
        private static readonly string[] Channels = { "S1", "S2", "F1" };

        private static void Seed(TestStore s)
        {
            s.Channel("S1", offline: true);
            s.Channel("S2");
            s.Channel("F1", area: "FRRT");
            for (var i = 0; i < 9; i++)
            {
                var channel = Channels[i % 3];
                s.Customer(channel, "N" + i, email: i == 4 ? "broken" : "n" + i + "@example.com", address: i % 2 == 0, attributes: ("Tier", i));
            }
        }

        /// <summary>Everything an admin or a store can see: HQ, every channel and offline database, every async customer and operation.</summary>
        private static string State(TestStore s)
        {
            var hq = s.Hq().Select(c => string.Join("/", c.DataAreaId, c.AccountNumber, c.Name, c.Email, c.AsyncCustomerId != null, c.ChannelId,
                string.Join("+", c.Addresses.Select(a => a.Street + "@" + a.Country)), string.Join("+", c.Attributes.Select(a => a.ToString()))));
            var views = Channels.SelectMany(ch => new[] { ChannelDatabaseKind.Channel, ChannelDatabaseKind.Offline }
                .SelectMany(db => s.View(ch, db).Select(v => ch + ":" + db + ":" + v.Name + "=" + v.DisplayAccount)));
            var asyncs = s.AsyncCustomers().Select(c => c.FirstName + ":" + c.Status + ":" + c.AccountNumber + ":" + c.Error);
            var ops = new OperationStore(s.Db).Read(null).Select(o => o.ChannelId + o.ReplicationCounter + o.Kind + o.SyncStatus + o.AccountNumber);
            return string.Join("\n", hq.Concat(views).Concat(asyncs).Concat(ops));
        }

        [Fact]
        public void StepsOutOfOrderDoNoHarmAndEndInTheSameState()
        {
            using (var ordered = new TestStore())
            using (var shuffled = new TestStore())
            {
                Seed(ordered);
                Seed(shuffled);
                var before = State(shuffled);

                // 1010 then the sync before any upload: nothing happens.
                Assert.Equal(0, shuffled.Job1010().Processed);
                Assert.Equal(0, shuffled.Sync().Processed);
                Assert.Equal(before, State(shuffled));
                Assert.Equal(0, shuffled.Count("cust_table"));
                // The P-job: everything uploaded, nothing converted yet.
                Assert.Equal(9 + 5 + 9, shuffled.PJob().Processed);
                Assert.Equal(9, shuffled.AsyncCustomers(AsyncCustomerStatus.Uploaded).Count);
                Assert.Equal(0, shuffled.Count("cust_table"));
                // Then the right order.
                Assert.Equal(0, shuffled.PJob().Processed);
                shuffled.Sync();
                shuffled.Job1010();

                ordered.PJob();
                ordered.Sync();
                ordered.Job1010();

                var expected = State(ordered);
                Assert.Equal(expected, State(shuffled));
                Assert.Equal(8, ordered.Hq().Count);
                Assert.Equal(new[] { "FRRT:C000001", "FRRT:C000002", "FRRT:C000003", "USRT:C000001", "USRT:C000002", "USRT:C000003", "USRT:C000004", "USRT:C000005" },
                    shuffled.Hq().Select(c => c.DataAreaId + ":" + c.AccountNumber).OrderBy(x => x, StringComparer.Ordinal));
                Assert.Equal(8, shuffled.AsyncCustomers(AsyncCustomerStatus.Distributed).Count);
                Assert.Single(shuffled.AsyncCustomers(AsyncCustomerStatus.Failed));

                // The whole chain again, in any order, changes nothing.
                shuffled.Job1010(); shuffled.Sync(); shuffled.PJob(); shuffled.PJob(); shuffled.Sync(); shuffled.Job1010();
                Assert.Equal(expected, State(shuffled));
                foreach (var s in new[] { ordered, shuffled })
                {
                    Assert.All(new IntegrityStore(s.Db).Check(), c => Assert.True(c.Count == 0, c.ToString()));
                }
            }
        }

        [Fact]
        public void The1010BeforeTheSyncSendsNothingAndHoldsNothingBack()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1", offline: true);
                s.Channel("S2");
                s.Customer("S1", "A");
                Assert.Equal(0, s.Job1010().Processed); // before the upload
                s.PJob();
                var run = s.Job1010(); // before the sync
                Assert.Equal(0, run.Processed);
                Assert.Equal(JobRunStatus.Completed, run.Status);
                Assert.Equal(0, s.Count("channel_customer"));
                Assert.Equal(Customer.PendingSync, s.View("S1").Single().SyncStatus);
                Assert.Empty(s.View("S2"));
                Assert.Empty(s.View("S1", ChannelDatabaseKind.Offline));
                Assert.Equal(AsyncCustomerStatus.Uploaded, s.AsyncCustomers().Single().Status);

                // It skipped nothing: after the sync, the next run delivers A to S1, S1's offline database and S2, and
                // nothing of B, which is not even uploaded.
                s.Sync();
                s.Customer("S1", "B");
                Assert.Equal(3, s.Job1010().Processed);
                Assert.Equal(new[] { "C000001" }, s.View("S2").Select(v => v.AccountNumber));
                Assert.Equal(new[] { "C000001", Customer.PendingSync }, s.View("S1").Select(v => v.DisplayAccount));
                s.PJob();
                s.Sync();
                s.Job1010();
                Assert.Equal(new[] { "C000001", "C000002" }, s.View("S1").Select(v => v.DisplayAccount));
                Assert.Equal(new[] { "C000001", "C000002" }, s.View("S2").Select(v => v.DisplayAccount));
            }
        }
    }
}
