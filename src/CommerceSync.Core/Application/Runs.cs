using System.Collections.Generic;
using CommerceSync.Data;

namespace CommerceSync.Application
{
    /// <summary>The job runs a store recorded, and the Commerce Data Exchange sessions of the P-job and job 1010.</summary>
    public sealed class Runs
    {
        private readonly JobRunStore store;
        private readonly SessionStore sessions;

        internal Runs(StoreDatabase db)
        {
            store = new JobRunStore(db);
            sessions = new SessionStore(db);
        }

        /// <summary>The sessions that match every filter given (null: any), oldest first; the newest <paramref name="last"/> only when given.</summary>
        public IReadOnlyList<DataSession> Sessions(DataSessionType? type = null, string[]? channelIds = null, DataSessionStatus[]? statuses = null,
            long[]? runIds = null, ChannelDatabaseKind? database = null, int? last = null) =>
            sessions.Read(new DataSessionFilter { Type = type, ChannelIds = channelIds, Statuses = statuses, RunIds = runIds, Database = database, Last = last });

        /// <summary>The run, or JobRunNotFound.</summary>
        public JobRun Get(long runId) => store.Get(runId);

        public IEnumerable<JobRun> List(string? jobWildcard = null, IReadOnlyList<string>? channelIds = null, int? last = null, IReadOnlyCollection<JobRunStatus>? statuses = null) =>
            store.List(jobWildcard, channelIds, last, statuses);

        /// <summary>The most frequent reasons records of the run failed, with their counts.</summary>
        public IReadOnlyList<(string Reason, long Count)> TopFailures(JobRun run) => store.TopFailures(run);
    }
}
