using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using CommerceSync.Data;

namespace CommerceSync.Jobs
{
    /// <summary>
    /// The conversion as admins schedule it: the P-job, Synchronize customers and channel requests, Synchronize orders and
    /// job 1010, in that order, each in bulk mode over everything due in scope. Job 1010 goes to every channel database,
    /// because a new account belongs to every store of its legal entity.
    /// </summary>
    public sealed class ConversionCycle
    {
        private readonly StoreDatabase db;

        public ConversionCycle(StoreDatabase db) { this.db = db; }

        /// <summary>The steps in order: the job name and how to run it.</summary>
        public IReadOnlyList<(string Job, Func<JobOptions, JobRun> Run)> Steps => new (string, Func<JobOptions, JobRun>)[]
        {
            (JobNames.PJob, o => new PJob(db).Run(o)),
            (JobNames.SynchronizeCustomers, o => new AsyncCustomerSync(db).Run(o)),
            (JobNames.SynchronizeOrders, o => new OrderSync(db).Run(o)),
            (JobNames.Job1010, o => new Job1010(db).Run(Unscoped(o))),
        };

        /// <summary>Runs every step; <paramref name="afterEach"/> hears of each run as it ends (a terminating error stops the cycle).</summary>
        public ConversionResult Run(JobOptions options, Action<int, string>? beforeEach = null, Action<JobRun>? afterEach = null)
        {
            var clock = Stopwatch.StartNew();
            var runs = new List<JobRun>();
            var steps = Steps;
            for (var i = 0; i < steps.Count; i++)
            {
                options.Cancellation.ThrowIfCancellationRequested();
                beforeEach?.Invoke(i, steps[i].Job);
                var run = steps[i].Run(options);
                runs.Add(run);
                afterEach?.Invoke(run);
            }
            var result = Summarize(options.ChannelIds, runs);
            result.Duration = clock.Elapsed;
            return result;
        }

        private static JobOptions Unscoped(JobOptions o) => new JobOptions
        {
            ChunkSize = o.ChunkSize, Progress = o.Progress, Log = o.Log, Cancellation = o.Cancellation,
        };

        private ConversionResult Summarize(string[]? channels, List<JobRun> runs)
        {
            var total = new ReportStore(db).Report(channels, null).First(r => r.ChannelId == SyncReport.Total);
            var syncRuns = runs.Where(r => r.Job == JobNames.SynchronizeCustomers || r.Job == JobNames.SynchronizeOrders).Select(r => r.RunId).ToArray();
            var distribution = runs.FirstOrDefault(r => r.Job == JobNames.Job1010);
            var counts = new ReportStore(db);
            return new ConversionResult
            {
                ChannelIds = channels ?? Array.Empty<string>(),
                Runs = runs.ToArray(),
                Converted = counts.ConvertedByRuns(syncRuns),
                Distributed = distribution == null ? 0 : counts.DistributedByRun(distribution.RunId),
                Failed = total.Failed,
                Pending = total.Pending,
                Succeeded = runs.All(r => r.Status == JobRunStatus.Completed) && total.Failed == 0,
            };
        }
    }
}
