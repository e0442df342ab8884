using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using CommerceSync.Jobs;
using CommerceSync.Data;

namespace CommerceSync.Bench
{
    /// <summary>The C# core called directly, as a script host or a test would: new PJob(db).Run(options) and so on.</summary>
    public static class CorePhase
    {
        /// <summary>
        /// The three jobs in order, each timed. With a limit, the jobs' own cancellation stops the run between chunks (the run is
        /// recorded Interrupted, as after Ctrl+C), so a stopped phase still reports its times and statements.
        /// </summary>
        public static PhaseResult Run(string path, bool profile, double limitSeconds = 0)
        {
            var result = new PhaseResult { Phase = "core" };
            using (var cancel = limitSeconds > 0 ? new CancellationTokenSource(TimeSpan.FromSeconds(limitSeconds)) : new CancellationTokenSource())
            using (var db = StoreDatabase.Open(path))
            {
                var profiler = profile ? SqlProfiler.Attach(db) : null;
                profiler?.Take();
                var options = new JobOptions { Cancellation = cancel.Token };
                var total = Stopwatch.StartNew();
                var sw = Stopwatch.StartNew();
                var jobs = new (string Name, Func<JobRun> Run)[]
                {
                    ("P-job", () => new PJob(db).Run(options)),
                    ("Sync", () => new AsyncCustomerSync(db).Run(options)),
                    ("1010", () => new Job1010(db).Run(options)),
                };
                foreach (var job in jobs)
                {
                    var run = job.Run();
                    Step(result, job.Name, sw, profiler);
                    result.Counts[job.Name + " processed"] = run.Processed;
                    result.Counts[job.Name + " failed"] = run.Failed;
                    if (run.Status == JobRunStatus.Interrupted || cancel.IsCancellationRequested)
                    {
                        result.TimedOut = true;
                        result.Error = "stopped at the time limit (" + limitSeconds + " s) during " + job.Name;
                        break;
                    }
                }
                result.Seconds = total.Elapsed.TotalSeconds;
            }
            Generator.Close(path);
            return result;
        }

        private static void Step(PhaseResult result, string name, Stopwatch sw, SqlProfiler profiler)
        {
            result.Steps[name] = sw.Elapsed.TotalSeconds;
            if (profiler != null) result.Statements[name] = profiler.Take();
            sw.Restart();
        }

        /// <summary>
        /// The incremental case: <paramref name="customers"/> new async customers arrive in a store that may already hold many;
        /// the three jobs run again, each timed. Job 1010 should cost what changed, not what exists.
        /// </summary>
        public static PhaseResult Incremental(string path, int customers, int channels)
        {
            var result = new PhaseResult { Phase = "incremental" };
            using (var db = StoreDatabase.Open(path))
            {
                var profiler = SqlProfiler.Attach(db);
                // Numbers far above any generated customer, so ids and address ids are new.
                Generator.AppendCustomers(db, 900000000, customers, channels, new Random(99));
                profiler.Take();
                var options = new JobOptions();
                var sw = Stopwatch.StartNew();
                new PJob(db).Run(options);
                Step(result, "P-job", sw, profiler);
                new AsyncCustomerSync(db).Run(options);
                Step(result, "Sync", sw, profiler);
                var dist = new Job1010(db).Run(options);
                Step(result, "1010", sw, profiler);
                result.Counts["distributed"] = dist.Processed;
                result.Rows = customers;
                result.Seconds = result.Steps["P-job"] + result.Steps["Sync"] + result.Steps["1010"];
            }
            Generator.Close(path);
            return result;
        }

        /// <summary>Setup for the order and statement phases: the P-job uploads customers and sales; nothing is converted yet.</summary>
        public static PhaseResult PrepareOrders(string path)
        {
            var result = new PhaseResult { Phase = "prep-orders" };
            var sw = Stopwatch.StartNew();
            using (var db = StoreDatabase.Open(path))
            {
                var run = new PJob(db).Run(new JobOptions());
                result.Counts["uploaded"] = run.Processed;
            }
            Generator.Close(path);
            result.Seconds = sw.Elapsed.TotalSeconds;
            return result;
        }
    }
}
