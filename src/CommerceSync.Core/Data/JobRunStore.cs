using System;
using System.Data.Common;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace CommerceSync.Data
{
    /// <summary>The job history (Get-CommerceJobRun) and the bookkeeping every job run does.</summary>
    public sealed class JobRunStore
    {
        private const string Columns = "run_id, job, channel_ids, mode, started, finished, processed, failed, status, source_run_id, message, customers";
        private readonly StoreDatabase db;

        public JobRunStore(StoreDatabase db) { this.db = db; }

        /// <summary>Records the start of a run. Runs left "Running" by a process that no longer exists are marked Interrupted first.</summary>
        public JobRun Start(string job, IEnumerable<string>? channelIds, JobRunMode mode, long? sourceRunId)
        {
            var run = new JobRun
            {
                Job = job,
                ChannelIds = (channelIds ?? Enumerable.Empty<string>()).ToArray(),
                Mode = mode,
                Started = DateTime.UtcNow,
                Status = JobRunStatus.Running,
                SourceRunId = sourceRunId,
            };
            // Only job_run rows: a claimed write, so a worker starts (and ends) its run while others are at their claimed work.
            using (var tx = db.BeginClaimedWrite())
            {
                MarkInterrupted();
                run.RunId = db.Scalar<long>(@"INSERT INTO job_run(job, channel_ids, mode, started, status, source_run_id, process_id, host)
VALUES ($job, $ch, $mode, $at, 0, $src, $pid, $host) RETURNING run_id;",
                    ("$job", job), ("$ch", string.Join(",", run.ChannelIds)), ("$mode", (int)mode), ("$at", run.Started.ToStoreText()),
                    ("$src", sourceRunId), ("$pid", CurrentProcessId), ("$host", Environment.MachineName));
                RunCustomers.Ensure(db);
                tx.Commit();
            }
            return run;
        }

        private static readonly int CurrentProcessId = Process.GetCurrentProcess().Id;

        /// <summary>
        /// Adds a chunk's counts: rows processed and failed, and the customers the chunk touched that the run had not counted yet
        /// (what <see cref="RunCustomers.Add"/> returned). Call inside the chunk's transaction so counts and data commit together.
        /// </summary>
        public void AddCounts(JobRun run, long processed, long failed, long customers = 0)
        {
            run.Processed += processed;
            run.Failed += failed;
            run.Customers += customers;
            db.Execute("UPDATE job_run SET processed = processed + $p, failed = failed + $f, customers = customers + $c WHERE run_id = $id;",
                ("$p", processed), ("$f", failed), ("$c", customers), ("$id", run.RunId));
        }

        public void Finish(JobRun run, JobRunStatus status, string? message = null)
        {
            run.Finished = DateTime.UtcNow;
            run.Status = status;
            run.Message = message;
            using (var tx = db.BeginClaimedWrite())
            {
                db.Execute("UPDATE job_run SET finished = $at, status = $s, message = $m WHERE run_id = $id;",
                    ("$at", run.Finished.Value.ToStoreText()), ("$s", (int)status), ("$m", message), ("$id", run.RunId));
                RunCustomers.Clear(db, run.RunId);
                tx.Commit();
            }
        }

        private const string InterruptedMessage = "The process running this job ended before it finished.";

        private void MarkInterrupted()
        {
            var stale = db.ReadAll("SELECT run_id, process_id FROM job_run WHERE status = 0 AND host = $host;",
                r => (Id: r.GetInt64(0), Pid: r.LongOrNull(1)), ("$host", Environment.MachineName));
            foreach (var s in stale)
            {
                if (!Ended(Environment.MachineName, s.Pid)) continue;
                db.Execute("UPDATE job_run SET status = $s, message = $m WHERE run_id = $id;",
                    ("$s", (int)JobRunStatus.Interrupted), ("$m", InterruptedMessage), ("$id", s.Id));
            }
        }

        // A run still Running whose process on this host is gone: one rule for the listing and for the next job's bookkeeping.
        private static bool Ended(string? host, long? pid) =>
            string.Equals(host, Environment.MachineName, StringComparison.Ordinal) && !(pid.HasValue && IsAlive((int)pid.Value));

        private static JobRun ShowInterrupted(JobRun run, string? host, long? pid)
        {
            if (run.Status == JobRunStatus.Running && Ended(host, pid))
            {
                run.Status = JobRunStatus.Interrupted;
                run.Message = InterruptedMessage;
            }
            return run;
        }

        private static bool IsAlive(int pid)
        {
            if (pid == CurrentProcessId) return true;
            try
            {
                using (var p = Process.GetProcessById(pid)) return !p.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        /// <summary>
        /// The commonest reasons HQ refused records while a run went on, most frequent first: what a runbook's error names.
        /// Customers keep a failure history (the failures recorded between the run's start and end); the other operations
        /// (addresses, attributes, contacts, affiliations) keep their last error and the run that set it, and their reasons
        /// carry their kind ("Address: ..."), as the sync report names them. Empty for a run that refused nothing.
        /// </summary>
        public IReadOnlyList<(string Reason, long Count)> TopFailures(JobRun run, int top = 3) =>
            db.ReadAll(@"SELECT reason, SUM(n) FROM (
  SELECT COALESCE(error, '') AS reason, COUNT(*) AS n FROM hq_customer_failure WHERE failed_at >= $from AND failed_at <= $to GROUP BY COALESCE(error, '')
  UNION ALL SELECT 'Address: ' || COALESCE(last_error, ''), COUNT(*) FROM hq_async_address WHERE sync_status = 2 AND sync_run_id = $run GROUP BY last_error
  UNION ALL SELECT 'Attribute: ' || COALESCE(last_error, ''), COUNT(*) FROM hq_async_attribute WHERE sync_status = 2 AND sync_run_id = $run GROUP BY last_error
  UNION ALL SELECT 'Contact: ' || COALESCE(last_error, ''), COUNT(*) FROM hq_async_contact WHERE sync_status = 2 AND sync_run_id = $run GROUP BY last_error
  UNION ALL SELECT 'Affiliation: ' || COALESCE(last_error, ''), COUNT(*) FROM hq_async_affiliation WHERE sync_status = 2 AND sync_run_id = $run GROUP BY last_error
  UNION ALL SELECT 'Transaction: ' || COALESCE(validation_error, ''), COUNT(*) FROM hq_transaction WHERE validation_status = 2 AND validated_run_id = $run GROUP BY validation_error) f
GROUP BY reason ORDER BY SUM(n) DESC, reason LIMIT $n;", r => (r.GetString(0), r.GetInt64(1)),
                ("$from", run.Started.ToStoreText()), ("$to", (run.Finished ?? DateTime.UtcNow).ToStoreText()), ("$run", run.RunId), ("$n", top));

        public JobRun? Find(long runId) =>
            db.Stream("SELECT " + Columns + " FROM job_run WHERE run_id = $id;", Map, ("$id", runId)).FirstOrDefault();

        public JobRun Get(long runId) => Find(runId) ?? throw new CommerceSyncException(ErrorIds.JobRunNotFound, ErrorKind.NotFound,
            "Job run " + runId + " does not exist in this store.", runId);

        /// <summary>Newest first.</summary>
        public IEnumerable<JobRun> List(string? jobWildcard = null, IReadOnlyList<string>? channelIds = null, int? last = null, IReadOnlyCollection<JobRunStatus>? statuses = null)
        {
            if (statuses != null)
            {
                // A run whose process is gone reads Running in the table and is Interrupted: the status is known only once read,
                // so the filter (and -Last after it) applies to what was read.
                var wanted = new HashSet<JobRunStatus>(statuses);
                var matching = List(jobWildcard, channelIds).Where(r => wanted.Contains(r.Status));
                return last.HasValue ? matching.Take(last.Value) : matching;
            }
            // A pure read: a reader never waits for a writer, and works on a read-only store. A run whose process is gone shows as
            // Interrupted here; the next job to start records it so.
            var where = new SqlFilter()
                .When(jobWildcard != null, "job LIKE $job ESCAPE '\\'", ("$job", jobWildcard == null ? null : SqlText.WildcardToLike(jobWildcard)));
            if (channelIds != null)
            {
                // Each channel is a literal: '_' and '%' in it match only themselves (ids cannot hold ',', so the list splits exactly).
                // A run over every channel (channel_ids '') is a run over each of them.
                var names = channelIds.Select((c, i) => "$ch" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                where.When(true, "(channel_ids = ''" + string.Concat(names.Select(n => " OR ',' || channel_ids || ',' LIKE '%,' || " + n + " || ',%' ESCAPE '\\'")) + ")",
                    names.Select((n, i) => (n, (object?)SqlText.EscapeLike(channelIds[i]))).ToArray());
            }
            return db.Stream("SELECT " + Columns + ", host, process_id FROM job_run WHERE 1 = 1" + where.Sql + " ORDER BY run_id DESC" + (last.HasValue ? " LIMIT $n" : "") + ";",
                r => ShowInterrupted(Map(r), r.Str(12), r.LongOrNull(13)), where.With(("$n", last ?? 0)));
        }

        private static JobRun Map(DbDataReader r) => new JobRun
        {
            RunId = r.GetInt64(0),
            Job = r.GetString(1),
            ChannelIds = r.GetString(2).Length == 0 ? Array.Empty<string>() : r.GetString(2).Split(','),
            Mode = (JobRunMode)r.GetInt32(3),
            Started = r.Time(4),
            Finished = r.TimeOrNull(5),
            Processed = r.GetInt64(6),
            Failed = r.GetInt64(7),
            Status = (JobRunStatus)r.GetInt32(8),
            SourceRunId = r.LongOrNull(9),
            Message = r.Str(10),
            Customers = r.GetInt64(11),
        };
    }

    /// <summary>
    /// The customers a run has counted so far, kept on the connection running it: each chunk adds the keys of the customers it
    /// touched, set-based, and counts only those the run had not counted before, so a customer counts once per run however many
    /// rows, channels, databases or chunks it spans. Cleared when the run ends (and gone with the connection if it never does).
    /// </summary>
    internal static class RunCustomers
    {
        public static void Ensure(StoreDatabase db)
        {
            if (db.RunCustomersReady) return;
            db.Execute(@"CREATE TEMP TABLE IF NOT EXISTS run_customer(
  run_id BIGINT NOT NULL, customer_key TEXT NOT NULL, PRIMARY KEY(run_id, customer_key)) WITHOUT ROWID;");
            db.RunCustomersReady = true;
        }

        /// <summary>
        /// Adds the customers <paramref name="keys"/> selects (a SELECT of one column named customer_key; repeats are fine) to the
        /// run's, and returns how many of them are new to it. A real-time write outside any run (run 0) counts nothing.
        /// </summary>
        public static int Add(StoreDatabase db, long runId, string keys, params (string, object?)[] args)
        {
            if (runId <= 0) return 0;
            Ensure(db);
            return db.Execute("INSERT OR IGNORE INTO temp.run_customer(run_id, customer_key) SELECT $countRun, k.customer_key FROM (" + keys +
                ") k WHERE k.customer_key IS NOT NULL;", args.Concat(new[] { ("$countRun", (object?)runId) }).ToArray());
        }

        /// <summary>
        /// The customer keys of a table with data_area_id and account_number, as every job after the P-job counts them. The
        /// legal entity's length goes first, so no pair of ids, whatever they hold, gives another pair's key.
        /// </summary>
        public static string Keys(string table) => "SELECT length(data_area_id) || ':' || data_area_id || account_number AS customer_key FROM " + table;

        public static void Clear(StoreDatabase db, long runId)
        {
            if (db.RunCustomersReady) db.Execute("DELETE FROM temp.run_customer WHERE run_id = $id;", ("$id", runId));
        }
    }
}
