using System;
using System.Collections.Generic;
using CommerceSync.Data;

namespace CommerceSync.Application
{
    /// <summary>Where conversion stands per channel, and customers that look like the same person.</summary>
    public sealed class Reports
    {
        private readonly StoreDatabase db;

        internal Reports(StoreDatabase db) { this.db = db; }

        public IReadOnlyList<SyncReport> SyncReport(string[]? channelIds, DateTime? asOf) => new ReportStore(db).Report(channelIds, asOf);

        public IEnumerable<DuplicateCandidate> Duplicates(string[]? channelIds, double minimumScore) => new DuplicateStore(db).Find(channelIds, minimumScore);
    }
}
