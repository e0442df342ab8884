using System;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Storage;

namespace CommerceSync.Jobs
{
    /// <summary>What job 1010 would send to one database (for -WhatIf).</summary>
    public sealed class DistributionPreview
    {
        public string ChannelId { get; set; }
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

        public Job1010(StoreDatabase db)
        {
            this.db = db;
            dist = new DistributionStore(db);
        }

        /// <summary>Bulk mode: every change since each database's watermark; with a source sync run, just what that run changed.</summary>
        public JobRun Run(JobOptions options)
        {
            // A piped run only checks the source and is recorded: the customers a channel creates go to every channel of its
            // legal entity, and the watermarks already make the run cost what changed, so 1010 always sends everything due.
            JobExecution.ScopeChannels(new JobOptions { SourceRun = options.SourceRun }, JobNames.SynchronizeCustomers, JobNames.SynchronizeOrders, JobNames.StatementPosting);
            var targets = dist.Targets(options.ChannelIds, options.ExcludeOfflineDatabases);
            var channels = targets.Select(t => t.ChannelId).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            var last = dist.LastChange();
            var queue = new Queue<DistributionTarget>(targets);
            return JobExecution.RunBulk(db, JobNames.Job1010, options, channels, run =>
            {
                while (queue.Count > 0)
                {
                    var t = queue.Peek();
                    var now = DateTime.UtcNow;
                    if (t.Watermark >= last)
                    {
                        queue.Dequeue();
                        continue;
                    }
                    using (var tx = db.BeginWrite())
                    {
                        // Re-read under the write lock: another run may have moved this database on since the targets were listed.
                        t.Watermark = dist.Watermark(t);
                        var to = Math.Min(last, t.Watermark + options.ChunkSize);
                        if (t.Watermark >= last)
                        {
                            queue.Dequeue();
                            continue;
                        }
                        var n = dist.DistributeWindow(t, t.Watermark, to, run.RunId, now);
                        dist.SetWatermark(t, to);
                        new JobRunStore(db).AddCounts(run, n, 0);
                        tx.Commit();
                        if (n > 0) options.Log?.Invoke("Sent " + n + " customers to " + t.ChannelId + " (" + t.Database + " database).");
                    }
                    return true;
                }
                return false;
            });
        }

        /// <summary>Record mode: these HQ customers to every database of their legal entity. Returns how many rows were written.</summary>
        public int DistributeRecords(RecordRun recordRun, IReadOnlyList<Customer> customers, bool excludeOffline)
        {
            if (customers.Count == 0) return 0;
            var areas = customers.GroupBy(c => c.DataAreaId, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Select(c => c.AccountNumber).ToList(), StringComparer.OrdinalIgnoreCase);
            var targets = dist.Targets(null, excludeOffline).Where(t => areas.ContainsKey(t.DataAreaId)).ToList();
            var run = recordRun.Ensure(targets.Select(t => t.ChannelId).Distinct(StringComparer.OrdinalIgnoreCase));
            var written = 0;
            using (var tx = db.BeginWrite())
            {
                var now = DateTime.UtcNow;
                foreach (var t in targets) written += dist.DistributeAccounts(t, areas[t.DataAreaId], run.RunId, now);
                new JobRunStore(db).AddCounts(run, written, 0);
                tx.Commit();
            }
            return written;
        }

        public IReadOnlyList<DistributionPreview> Preview(string[] channelIds, bool excludeOffline) =>
            dist.Targets(channelIds, excludeOffline).Select(t => new DistributionPreview { ChannelId = t.ChannelId, Database = t.Database, Customers = dist.CountPending(t) }).ToList();
    }
}
