using System;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Data;
using CommerceSync.Rules;

namespace CommerceSync.Jobs
{
    /// <summary>What job 1010 would send to one database (for -WhatIf).</summary>
    public sealed class DistributionPreview
    {
        public string? ChannelId { get; set; }
        public ChannelDatabaseKind Database { get; set; }
        public long Customers { get; set; }
    }

    /// <summary>
    /// Distribution schedule job 1010 (Customers): sends customers changed at HQ, with their account numbers and async links,
    /// to every channel database of the legal entity, and to offline databases unless excluded. Incremental per database:
    /// each keeps the last change it received, so a run costs what changed, not what exists.
    /// </summary>
    public sealed class Job1010
    {
        private readonly StoreDatabase db;
        private readonly DistributionStore dist;
        private readonly SessionStore sessions;

        public Job1010(StoreDatabase db)
        {
            this.db = db;
            dist = new DistributionStore(db);
            sessions = new SessionStore(db);
        }

        /// <summary>
        /// Bulk mode: every change since each database's watermark; with a source sync run, just what that run changed. With
        /// <see cref="JobOptions.FullSync"/>, every customer of HQ into emptied databases.
        /// </summary>
        public JobRun Run(JobOptions options)
        {
            // A piped run only checks the source and is recorded: the customers a channel creates go to every channel of its
            // legal entity, and the watermarks already make the run cost what changed, so 1010 always sends everything due.
            JobExecution.ScopeChannels(new JobOptions { SourceRun = options.SourceRun }, JobNames.SynchronizeCustomers, JobNames.SynchronizeOrders, JobNames.StatementPosting);
            var targets = dist.Targets(options.ChannelIds, options.ExcludeOfflineDatabases);
            var channels = targets.Select(t => t.ChannelId).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            var last = dist.LastChange();
            // A full data sync first empties every database of the schedule's groups, one per chunk: the sends below then fill
            // them from the start of the change log, and an offline database the schedule excludes stays empty. Killed between,
            // a database is empty with no watermark, so any later run of 1010 fills it again.
            var toClear = options.FullSync ? dist.ScheduledDatabases(options.ChannelIds) : new List<DistributionTarget>();
            // The databases of the groups this run leaves out (offline ones the schedule or the run excludes): a Skipped session each.
            var skipped = options.FullSync ? new List<DistributionTarget>()
                : dist.ScheduledDatabases(options.ChannelIds).Where(d => !targets.Any(t => SameDatabase(t, d))).ToList();
            if (options.FullSync)
            {
                channels = channels.Union(toClear.Select(t => t.ChannelId), StringComparer.OrdinalIgnoreCase).ToArray();
                foreach (var t in targets) t.Watermark = 0; // what progress counts: every customer, to every database
            }
            return JobExecution.RunBulk(db, JobNames.Job1010, options, channels, () => CountDue(targets), run =>
            {
                if (toClear.Count > 0)
                {
                    var c = toClear[0];
                    toClear.RemoveAt(0);
                    int removed;
                    using (var clearing = db.BeginClaimedWrite())
                    {
                        db.Claim(ClaimOf(c), wait: true);
                        removed = dist.Clear(c);
                        sessions.Add(run.RunId, DataSessionType.Download, DistributionRules.Customers, c.ChannelId, c.Database, 0);
                        clearing.Commit();
                    }
                    options.Log?.Invoke("Full sync: emptied " + c.ChannelId + " (" + c.Database + " database) of " + removed + " customers.");
                    return c.ChannelId;
                }
                if (skipped.Count > 0)
                {
                    using (var noting = db.BeginWrite())
                    {
                        foreach (var d in skipped) sessions.Add(run.RunId, DataSessionType.Download, DistributionRules.Customers, d.ChannelId, d.Database, 0, DataSessionStatus.Skipped);
                        noting.Commit();
                    }
                    skipped.Clear();
                    return "";
                }
                DistributionTarget busy;
                using (var tx = db.BeginClaimedWrite())
                {
                    // Re-read under the lock: another run may have moved a database on since the targets were listed.
                    foreach (var t in targets) t.Watermark = dist.Watermark(t);
                    var behind = targets.Where(t => t.Watermark < last).OrderBy(t => t.Watermark).ToList();
                    if (behind.Count == 0) return null;
                    // One window of changes, read once, goes to every database of that legal entity that is behind its end: the
                    // same customers are not looked up again for each of the (often dozens of) channel databases. Each database
                    // is claimed as it is sent to; one another worker is sending to is left to it, so workers on a shared store
                    // send to different databases at once.
                    DistributionTarget? first = null;
                    long from = 0, to = 0;
                    var sent = 0;
                    long? sentAfter = null;
                    var now = DateTime.UtcNow;
                    foreach (var t in behind)
                    {
                        if (first != null && !string.Equals(t.DataAreaId, first.DataAreaId, StringComparison.OrdinalIgnoreCase)) continue;
                        if (!db.Claim(ClaimOf(t))) continue;
                        t.Watermark = dist.Watermark(t); // as the worker that held it left it
                        if (first == null)
                        {
                            if (t.Watermark >= last) continue;
                            first = t;
                            from = t.Watermark;
                            to = Math.Min(last, from + options.ChunkSizeOr(JobOptions.DefaultChunkSize));
                            dist.LoadWindow(t.DataAreaId, from, to);
                        }
                        if (t.Watermark < from || t.Watermark >= to) continue;
                        var sentFrom = t.Watermark;
                        var n = dist.SendWindow(t, run.RunId, now);
                        if (n > 0) sessions.Add(run.RunId, DataSessionType.Download, DistributionRules.Customers, t.ChannelId, t.Database, n);
                        dist.SetWatermark(t, to);
                        sent += n;
                        if (n > 0) sentAfter = Math.Min(sentAfter ?? sentFrom, sentFrom);
                        if (n > 0) options.Log?.Invoke("Sent " + n + " customers to " + t.ChannelId + " (" + t.Database + " database).");
                    }
                    if (first != null)
                    {
                        // Each customer once, however many databases received it: those of the window above the lowest watermark sent from.
                        var customers = sentAfter.HasValue ? dist.CountSent(run.RunId, sentAfter.Value) : 0;
                        new JobRunStore(db).AddCounts(run, sent, 0, customers);
                        tx.Commit();
                        return first.ChannelId;
                    }
                    // Every database still behind is another worker's right now: wait for the first of them (below), then look again.
                    busy = behind[0];
                }
                // In a transaction of its own: the one above may hold the claims of databases it found up to date, and a wait
                // while holding claims of the same rank could wait in a circle with another worker (PostgreSQL then fails one).
                using (db.BeginClaimedWrite()) db.Claim(ClaimOf(busy), wait: true);
                return "";
            });
        }

        private static Claim ClaimOf(DistributionTarget t) => Claims.Distribution(t.ChannelId, t.Database);

        private static bool SameDatabase(DistributionTarget a, DistributionTarget b) =>
            a.Database == b.Database && string.Equals(a.ChannelId, b.ChannelId, StringComparison.OrdinalIgnoreCase);

        /// <summary>Record mode: these HQ customers to every database of their legal entity. Returns how many rows were written.</summary>
        public int DistributeRecords(RecordRun recordRun, IReadOnlyList<Customer> customers, bool excludeOffline)
        {
            if (customers.Count == 0) return 0;
            // HQ customers have their legal entity and account.
            var areas = customers.GroupBy(c => c.DataAreaId!, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Select(c => c.AccountNumber!).ToList(), StringComparer.OrdinalIgnoreCase);
            var targets = dist.Targets(null, excludeOffline).Where(t => areas.ContainsKey(t.DataAreaId)).ToList();
            var run = recordRun.Ensure(targets.Select(t => t.ChannelId).Distinct(StringComparer.OrdinalIgnoreCase));
            var written = 0;
            var counted = 0;
            using (var tx = db.BeginWrite())
            {
                var now = DateTime.UtcNow;
                var last = dist.LastChange();
                // Each legal entity's customers are read once and written to each of its databases, as in bulk mode.
                foreach (var area in targets.GroupBy(t => t.DataAreaId, StringComparer.OrdinalIgnoreCase))
                {
                    dist.LoadAccounts(area.Key, areas[area.Key]);
                    var sent = 0;
                    foreach (var t in area)
                    {
                        var n = dist.SendAccounts(t, run.RunId, now);
                        if (n > 0) sessions.Add(run.RunId, DataSessionType.Download, DistributionRules.Customers, t.ChannelId, t.Database, n);
                        sent += n;
                    }
                    dist.AdvanceOverWindow(area, last);
                    if (sent > 0) counted += dist.CountSent(run.RunId, -1);
                    written += sent;
                }
                new JobRunStore(db).AddCounts(run, written, 0, counted);
                tx.Commit();
            }
            return written;
        }

        /// <summary>
        /// Customer rows due to these databases: one count per legal entity and watermark, however many databases share them
        /// (usually all of a legal entity's are at the same change).
        /// </summary>
        public long CountDue(IReadOnlyList<DistributionTarget> targets) =>
            targets.GroupBy(t => (Area: t.DataAreaId.ToUpperInvariant(), t.Watermark)).Sum(g => g.Count() * dist.CountPending(g.First()));

        /// <summary>For -WhatIf of a full data sync: the databases it empties, those it fills again, and the customer rows it sends them.</summary>
        public (int Emptied, int Filled, long Customers) PreviewFullSync(string[]? channelIds, bool excludeOffline)
        {
            var filled = dist.Targets(channelIds, excludeOffline);
            return (dist.ScheduledDatabases(channelIds).Count, filled.Count,
                filled.Sum(t => dist.CustomersOf(t.DataAreaId)));
        }

        public IReadOnlyList<DistributionPreview> Preview(string[]? channelIds, bool excludeOffline) =>
            dist.Targets(channelIds, excludeOffline).Select(t => new DistributionPreview { ChannelId = t.ChannelId, Database = t.Database, Customers = dist.CountPending(t) }).ToList();
    }
}
