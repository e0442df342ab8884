using System;
using System.Threading;

namespace CommerceSync.Jobs
{
    /// <summary>What every job run takes: scope, chunk size, a source run, and callbacks for progress and log lines.</summary>
    public sealed class JobOptions
    {
        /// <summary>Only these channels (null: every channel).</summary>
        public string[]? ChannelIds { get; set; }
        /// <summary>
        /// Rows per transaction (null: the job's own default). Each chunk commits or rolls back whole, so a crash loses at most one
        /// chunk of work, never data.
        /// </summary>
        public int? ChunkSize { get; set; }

        /// <summary>The default of most jobs: a few thousand customers' work holds the store for well under a second.</summary>
        public const int DefaultChunkSize = 5000;

        internal int ChunkSizeOr(int jobDefault) => ChunkSize ?? jobDefault;
        /// <summary>Process only what this earlier run produced (a JobRun piped into the next job).</summary>
        public JobRun? SourceRun { get; set; }
        public Action<JobProgress>? Progress { get; set; }
        public Action<string>? Log { get; set; }
        public CancellationToken Cancellation { get; set; }
        /// <summary>Job 1010 only: leave registers' offline databases out ("Exclude from offline databases").</summary>
        public bool ExcludeOfflineDatabases { get; set; }
        /// <summary>Job 1010 only: a full data sync, rewriting each target database's customer tables from HQ instead of sending changes.</summary>
        public bool FullSync { get; set; }
    }

    /// <summary>Where a bulk run is, after each committed chunk.</summary>
    public sealed class JobProgress
    {
        public JobProgress(string job, string status, long done, long? total, string? channelId = null)
        {
            Job = job;
            Status = status;
            Done = done;
            Total = total;
            ChannelId = channelId;
        }

        public string Job { get; }
        public string Status { get; }
        /// <summary>Rows decided so far (processed and failed), in the units of <see cref="JobRun.Processed"/>.</summary>
        public long Done { get; }
        /// <summary>
        /// Rows that were due when the run started, counted once then (null: not counted). More can become due while the run
        /// works (another process adding rows), so <see cref="Done"/> may pass it.
        /// </summary>
        public long? Total { get; }
        /// <summary>The channel the last chunk worked on; empty when a chunk is not one channel's.</summary>
        public string? ChannelId { get; }
    }
}
