using System;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Jobs;
using CommerceSync.Data;
using CsCheck;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>
    /// Random interleavings of what stores and admins do (create, edit, deactivate, sell, upload, sync, 1010, orders, end of day)
    /// must keep the invariants at every step, and end, once everything due ran, with every valid customer converted exactly once.
    /// </summary>
    public class PropertyTests
    {
        private enum Step { Create, CreateInvalid, Edit, Deactivate, Sale, Order, PJob, Sync, Job1010, Orders, Statement }

        [Fact]
        public void RandomInterleavingsKeepTheInvariants()
        {
            Gen.Enum<Step>().Array[1, 40].Sample(steps =>
            {
                using (var s = new TestStore())
                {
                    s.Channel("S1", offline: true);
                    s.Channel("S2");
                    var created = new List<AsyncCustomer>();
                    var n = 0;
                    foreach (var step in steps)
                    {
                        Apply(s, step, created, ref n);
                        var broken = new IntegrityStore(s.Db).Check().Where(c => c.Count > 0).ToList();
                        if (broken.Count > 0) throw new Exception("After " + step + ": " + string.Join(", ", broken));
                    }
                    // Everything due, twice: the second pass changes nothing.
                    for (var pass = 0; pass < 2; pass++)
                    {
                        s.PJob(); s.Sync();
                        new OrderSync(s.Db).Run(new JobOptions { ChunkSize = 3 });
                        new StatementPosting(s.Db).Run(new JobOptions(), null, out _);
                        s.Job1010();
                    }
                    var all = s.AsyncCustomers();
                    Assert.Equal(created.Count, all.Count);
                    Assert.All(all.Where(c => c.Status != AsyncCustomerStatus.Failed), c => Assert.Equal(AsyncCustomerStatus.Distributed, c.Status));
                    var hq = s.Hq();
                    Assert.Equal(all.Count(c => c.Status != AsyncCustomerStatus.Failed), hq.Count(c => c.AsyncCustomerId != null));
                    Assert.Equal(hq.Count, hq.Select(c => c.AccountNumber).Distinct().Count());
                    Assert.All(new IntegrityStore(s.Db).Check(), c => Assert.True(c.Count == 0, c.ToString()));
                }
            }, iter: 60);
        }

        private static void Apply(TestStore s, Step step, List<AsyncCustomer> created, ref int n)
        {
            var store = new AsyncCustomerStore(s.Db);
            var some = created.Count == 0 ? null : created[n % created.Count];
            n++;
            switch (step)
            {
                case Step.Create:
                    created.Add(s.Customer(n % 2 == 0 ? "S1" : "S2", "C" + n, email: "c" + n + "@example.com", address: n % 3 == 0));
                    break;
                case Step.CreateInvalid:
                    created.Add(s.Customer(n % 2 == 0 ? "S1" : "S2", "X" + n, email: "broken"));
                    break;
                case Step.Edit:
                    if (some != null) store.AppendChange(new AsyncCustomerChange { ChannelId = some.ChannelId, AsyncCustomerId = some.AsyncCustomerId, Phone = "+1 555 " + (1000 + n) });
                    break;
                case Step.Deactivate:
                    if (some != null) store.AppendChange(new AsyncCustomerChange { ChannelId = some.ChannelId, AsyncCustomerId = some.AsyncCustomerId, Operation = AsyncOperation.Deactivate });
                    break;
                case Step.Sale:
                case Step.Order:
                    if (some == null) break;
                    var t = new TransactionStore(s.Db);
                    t.Append(new[] { t.Prepare(new Transaction { ChannelId = some.ChannelId, AsyncCustomerId = some.AsyncCustomerId, Amount = n, Type = step == Step.Sale ? TransactionType.CashAndCarry : TransactionType.CustomerOrder, BusinessDate = new DateTime(2026, 11, 1 + n % 3) }) });
                    break;
                case Step.PJob: s.PJob(); break;
                case Step.Sync: s.Sync(); break;
                case Step.Job1010: s.Job1010(); break;
                case Step.Orders: new OrderSync(s.Db).Run(new JobOptions { ChunkSize = 3 }); break;
                case Step.Statement: new StatementPosting(s.Db).Run(new JobOptions(), null, out _); break;
            }
        }
    }
}
