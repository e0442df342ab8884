using System.Collections.Generic;
using CommerceSync.Data;

namespace CommerceSync.Application
{
    /// <summary>The job runs a store recorded.</summary>
    public sealed class Runs
    {
        private readonly JobRunStore store;

        internal Runs(StoreDatabase db) { store = new JobRunStore(db); }

        /// <summary>The run, or JobRunNotFound.</summary>
        public JobRun Get(long runId) => store.Get(runId);

        public IEnumerable<JobRun> List(string? jobWildcard = null, IReadOnlyList<string>? channelIds = null, int? last = null, IReadOnlyCollection<JobRunStatus>? statuses = null) =>
            store.List(jobWildcard, channelIds, last, statuses);

        /// <summary>The most frequent reasons records of the run failed, with their counts.</summary>
        public IReadOnlyList<(string Reason, long Count)> TopFailures(JobRun run) => store.TopFailures(run);
    }
}
