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

        /// <summary>Why validation holds sales back (not posted, in Error): each reason with how many sales it holds, most first.</summary>
        public IReadOnlyList<(string Reason, long Count)> HeldByValidation(string[]? channelIds, DateTime? businessDate) =>
            new ReportStore(db).HeldByValidation(channelIds, businessDate);

        public IEnumerable<DuplicateCandidate> Duplicates(string[]? channelIds, double minimumScore) => new DuplicateStore(db).Find(channelIds, minimumScore);
    }
}
