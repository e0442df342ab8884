using System;
using System.Collections.Generic;
using System.Threading;
using CommerceSync.Data;

namespace CommerceSync.Jobs
{
    /// <summary>The run bookkeeping all jobs share: record the run, loop chunks, record how it ended.</summary>
    internal static class JobExecution
    {
        /// <summary>
        /// Runs <paramref name="chunk"/> until it reports no more work. Each call must do one committed transaction
        /// (and call <see cref="JobRunStore.AddCounts"/> inside it). Cancellation stops between chunks and marks the run Interrupted.
        /// </summary>
        public static JobRun RunBulk(StoreDatabase db, string job, JobOptions options, IEnumerable<string>? channelIds, Func<JobRun, bool> chunk) =>
            RunBulk(db, job, options, channelIds, null, r => chunk(r) ? "" : null);

        /// <summary>
        /// As above, with progress that knows how far the run is: <paramref name="countDue"/> counts what is due, once, before the
        /// first chunk (only when somebody listens to progress), and <paramref name="chunk"/> returns the channel it worked on
        /// ("" when not one channel's), or null when no work is left.
        /// </summary>
        public static JobRun RunBulk(StoreDatabase db, string job, JobOptions options, IEnumerable<string>? channelIds, Func<long>? countDue, Func<JobRun, string?> chunk)
        {
            var runs = new JobRunStore(db);
            var total = options.Progress != null && countDue != null ? countDue() : (long?)null;
            var run = runs.Start(job, channelIds, JobRunMode.Bulk, options.SourceRun?.RunId);
            // Exactly this line: runbooks and the crash harness wait for "run N started." before anything else.
            options.Log?.Invoke(job + " run " + run.RunId + " started.");
            try
            {
                string? channel;
                while ((channel = chunk(run)) != null)
                {
                    var done = run.Processed + run.Failed;
                    options.Progress?.Invoke(new JobProgress(job, ProgressText(run, total), done, total, channel));
                    if (options.Cancellation.IsCancellationRequested)
                    {
                        runs.Finish(run, JobRunStatus.Interrupted, "Stopped by the user; run the job again to finish.");
                        return run;
                    }
                }
                Finish(runs, run);
                options.Log?.Invoke(job + " run " + run.RunId + ": " + run.Processed + " processed, " + run.Failed + " failed.");
                return run;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException) && !options.Cancellation.IsCancellationRequested)
            {
                runs.Finish(run, JobRunStatus.Failed, ex.Message);
                throw;
            }
            catch (Exception ex) when (ex is OperationCanceledException || options.Cancellation.IsCancellationRequested)
            {
                // Stopped (Ctrl+C, a stopped pipeline): whatever the stop threw on its way out, the run was interrupted, not failed.
                runs.Finish(run, JobRunStatus.Interrupted, "Stopped by the user; run the job again to finish.");
                throw;
            }
        }

        /// <summary>
        /// The channels a run works on. A JobRun piped in scopes the next job to that run's channels, and everything due there is done,
        /// including what an earlier, interrupted chain left: so the one-line chain always resumes, and the source run is recorded.
        /// </summary>
        public static string[]? ScopeChannels(JobOptions options, params string[] acceptedSourceJobs)
        {
            var source = options.SourceRun;
            if (source == null) return options.ChannelIds;
            if (Array.IndexOf(acceptedSourceJobs, source.Job) < 0)
            {
                throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument,
                    "This job takes the run of " + string.Join(" or ", acceptedSourceJobs) + "; run " + source.RunId + " is a " + source.Job + " run.", source);
            }
            return options.ChannelIds ?? (source.ChannelIds.Length == 0 ? null : source.ChannelIds);
        }

        /// <summary>
        /// One committed chunk of work on the first of <paramref name="pending"/> no other worker has claimed (each is claimed for the
        /// length of its chunk), or, when all are taken, on the first once it is free: workers on a shared store work on different
        /// items at once and never on the same rows. <paramref name="work"/> runs inside the claimed write and returns its result.
        /// </summary>
        public static (int Index, TResult Result) OnNextFree<T, TResult>(StoreDatabase db, IReadOnlyList<T> pending, Func<T, Claim> claimOf, Func<T, TResult> work)
        {
            for (var i = 0; i <= pending.Count; i++)
            {
                var wait = i == pending.Count;
                var index = wait ? 0 : i;
                using (var tx = db.BeginClaimedWrite())
                {
                    if (!db.Claim(claimOf(pending[index]), wait)) continue;
                    var result = work(pending[index]);
                    tx.Commit();
                    return (index, result);
                }
            }
            throw new InvalidOperationException("unreachable: the last pass waits for its claim");
        }

        /// <summary>"1203 of 5000 rows: 1200 processed, 3 failed", or without the total when none was counted or the run went past it.</summary>
        internal static string ProgressText(JobRun run, long? total)
        {
            var done = run.Processed + run.Failed;
            return (total.HasValue && done <= total.Value ? done + " of " + total.Value + " rows: " : "") + run.Processed + " processed, " + run.Failed + " failed";
        }

        public static void Finish(JobRunStore runs, JobRun run) =>
            runs.Finish(run, run.Failed > 0 ? JobRunStatus.CompletedWithErrors : JobRunStatus.Completed);
    }

    /// <summary>A record-mode run: started on the first chunk of piped records, finished when the pipeline ends.</summary>
    public sealed class RecordRun
    {
        private readonly StoreDatabase db;
        private readonly string job;
        private readonly long? sourceRunId;

        public RecordRun(StoreDatabase db, string job, long? sourceRunId = null)
        {
            this.db = db;
            this.job = job;
            this.sourceRunId = sourceRunId;
        }

        public JobRun? Run { get; private set; }

        public JobRun Ensure(IEnumerable<string> channelIds)
        {
            if (Run == null) Run = new JobRunStore(db).Start(job, channelIds, JobRunMode.Record, sourceRunId);
            return Run;
        }

        public void Complete()
        {
            if (Run != null && Run.Status == JobRunStatus.Running) JobExecution.Finish(new JobRunStore(db), Run);
        }

        public void Interrupt(string message)
        {
            if (Run != null && Run.Status == JobRunStatus.Running) new JobRunStore(db).Finish(Run, JobRunStatus.Interrupted, message);
        }

        public void Fail(string message)
        {
            if (Run != null && Run.Status == JobRunStatus.Running) new JobRunStore(db).Finish(Run, JobRunStatus.Failed, message);
        }
    }
}
