using System;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Jobs;
using CommerceSync.Data;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>Bulk progress: what is due is counted once at the start, and each chunk says how far the run is and in which channel.</summary>
    public class ProgressTests
    {
        private static (JobRun Run, List<JobProgress> Updates) Watch(Func<JobOptions, JobRun> job)
        {
            var updates = new List<JobProgress>();
            var run = job(new JobOptions { ChunkSize = 3, Progress = updates.Add });
            return (run, updates);
        }

        private static void AssertCountsUpTo(JobRun run, List<JobProgress> updates, params string[] channels)
        {
            Assert.True(updates.Count > 1, "a run of several chunks reports after each");
            var total = updates[0].Total;
            Assert.NotNull(total);
            Assert.All(updates, u => Assert.Equal(total, u.Total));
            Assert.Equal(run.Processed + run.Failed, total.Value);
            Assert.Equal(total.Value, updates[updates.Count - 1].Done);
            Assert.Equal(updates.Select(u => u.Done).OrderBy(d => d), updates.Select(u => u.Done));
            Assert.All(updates, u => Assert.Contains(u.ChannelId, channels, StringComparer.OrdinalIgnoreCase));
            Assert.Contains(" of " + total.Value + " rows: ", updates[0].Status);
        }

        [Fact]
        public void EachBulkJobCountsWhatIsDueOnceAndReportsEachChunkAgainstIt()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Channel("S2");
                var transactions = new TransactionStore(s.Db);
                var customers = Enumerable.Range(0, 8).Select(i => s.Customer(i % 2 == 0 ? "S1" : "S2", "P" + i, address: true)).ToList();
                s.Customer("S2", "Bad", currency: "XX");
                transactions.Append(customers.SelectMany(c => new[]
                {
                    transactions.Prepare(new Transaction { ChannelId = c.ChannelId, AsyncCustomerId = c.AsyncCustomerId, Amount = 3, Type = TransactionType.CustomerOrder, BusinessDate = new DateTime(2026, 11, 2) }),
                    transactions.Prepare(new Transaction { ChannelId = c.ChannelId, AsyncCustomerId = c.AsyncCustomerId, Amount = 2, Type = TransactionType.CashAndCarry, BusinessDate = new DateTime(2026, 11, 2 + c.FirstName[1] % 3) }),
                }).ToList());

                var (p, pUpdates) = Watch(o => new PJob(s.Db).Run(o));
                AssertCountsUpTo(p, pUpdates, "S1", "S2");
                var (sync, syncUpdates) = Watch(o => new AsyncCustomerSync(s.Db).Run(o));
                AssertCountsUpTo(sync, syncUpdates, "S1", "S2");
                Assert.Equal(1, sync.Failed);
                var (dist, distUpdates) = Watch(o => new Job1010(s.Db).Run(o));
                AssertCountsUpTo(dist, distUpdates, "S1", "S2");
                var (orders, orderUpdates) = Watch(o => new OrderSync(s.Db).Run(o));
                AssertCountsUpTo(orders, orderUpdates, "S1", "S2");
                var statementUpdates = new List<JobProgress>();
                new StatementPosting(s.Db).Run(new JobOptions { Progress = statementUpdates.Add }, null, out var posting);
                AssertCountsUpTo(posting, statementUpdates, "S1", "S2");
            }
        }

        [Fact]
        public void WhatIsDueIsCountedOnceAndOnlyWhenSomebodyListens()
        {
            using (var s = new TestStore())
            {
                var counted = 0;
                var chunks = 3;
                Func<JobRun, string> work = run => chunks-- > 0 ? "S1" : null;
                JobExecution.RunBulk(s.Db, JobNames.PJob, new JobOptions(), null, () => { counted++; return 3; }, work);
                Assert.Equal(0, counted);

                chunks = 3;
                var updates = new List<JobProgress>();
                JobExecution.RunBulk(s.Db, JobNames.PJob, new JobOptions { Progress = updates.Add }, null, () => { counted++; return 3; }, work);
                Assert.Equal(1, counted);
                Assert.Equal(3, updates.Count);
                Assert.All(updates, u => Assert.Equal((3L, "S1"), (u.Total.Value, u.ChannelId)));
            }
        }
    }
}
