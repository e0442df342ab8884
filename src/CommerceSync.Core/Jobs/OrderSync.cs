using System;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Data;

namespace CommerceSync.Jobs
{
    /// <summary>
    /// "Synchronize orders": uploaded customer orders become HQ sales orders. An async customer or address an order references
    /// that HQ has not created yet is created first. Each order ends Success (with its sales order) or Failed (with the reason);
    /// a failure never blocks the others.
    /// </summary>
    public sealed class OrderSync
    {
        private readonly StoreDatabase db;

        public OrderSync(StoreDatabase db) { this.db = db; }

        /// <summary>Bulk mode: every uploaded customer order not yet synchronized (failed ones wait for a fix or an explicit retry).</summary>
        public JobRun Run(JobOptions options)
        {
            var scope = new TransactionScope { ChannelIds = JobExecution.ScopeChannels(options, JobNames.PJob) };
            string? channel = null;
            return JobExecution.RunBulk(db, JobNames.SynchronizeOrders, options, scope.ChannelIds,
                () => new OrderStore(db).CountDue(TransactionType.CustomerOrder, scope.ChannelIds, null, includeFailed: false),
                run => ProcessChunk(run, scope, options.ChunkSizeOr(JobOptions.DefaultChunkSize), options.Log, c => channel = c) > 0 ? channel ?? "" : null);
        }

        /// <summary>Record mode: these transactions (by channel and transaction id), failed ones retried. Returns their sales orders.</summary>
        public IReadOnlyList<SalesOrder> SyncRecords(RecordRun recordRun, IReadOnlyList<Transaction> transactions, int chunkSize = 5000, Action<string>? log = null)
        {
            if (transactions.Count == 0) return Array.Empty<SalesOrder>();
            // Transactions read from the store have their channel and id.
            var run = recordRun.Ensure(transactions.Select(t => t.ChannelId!).Distinct(StringComparer.OrdinalIgnoreCase));
            // Earlier failures are retried once, in as many chunks as they take; a row that fails again in this run is not read again, so the loop ends.
            var keys = new HashSet<(string, string)>(transactions.Select(t => (t.ChannelId!, t.TransactionId!)), KeyPairComparer.OrdinalIgnoreCase);
            var scope = new TransactionScope { TransactionKeys = keys.ToArray(), IncludeFailed = true, RetryRunId = run.RunId };
            while (ProcessChunk(run, scope, chunkSize, log) > 0)
            {
            }
            var ids = transactions.Select(t => t.TransactionId!).Distinct().ToArray();
            return new OrderStore(db).ReadSalesOrders(null, null, ids).Where(o => keys.Contains((o.ChannelId!, o.TransactionId!))).ToList();
        }

        /// <summary>One committed chunk of orders. Returns how many it decided.</summary>
        public int ProcessChunk(JobRun run, TransactionScope scope, int limit, Action<string>? log = null) => ProcessChunk(run, scope, limit, log, null);

        private int ProcessChunk(JobRun run, TransactionScope scope, int limit, Action<string>? log, Action<string>? channel)
        {
            var now = DateTime.UtcNow;
            using (var tx = db.BeginWrite())
            {
                var orders = new OrderStore(db);
                var rows = orders.ReadDue(TransactionType.CustomerOrder, scope, limit);
                if (rows.Count == 0) return 0;
                channel?.Invoke(rows[0].ChannelId);
                var synced = TransactionReferences.Resolve(db, run, rows, now, log, retryFailedCustomers: scope.RetryRunId.HasValue);
                var ok = rows.Where(r => r.Error == null).ToList();
                var numbers = new NumberSequences(db);
                var decided = new List<(DueTransaction, string)>(ok.Count);
                foreach (var area in ok.GroupBy(r => r.DataAreaId, StringComparer.OrdinalIgnoreCase))
                {
                    var ids = numbers.Allocate(area.Key, NumberSequences.SalesOrder, area.Count());
                    var i = 0;
                    foreach (var r in area) decided.Add((r, ids[i++]));
                }
                orders.ApplyOrders(decided, run.RunId, now);
                foreach (var r in rows.Where(r => r.Error != null)) orders.MarkFailed(r, run.RunId, now);
                new JobRunStore(db).AddCounts(run, ok.Count, rows.Count - ok.Count, synced.Customers);
                tx.Commit();
                log?.Invoke("Created " + ok.Count + " sales orders; " + (rows.Count - ok.Count) + " orders failed.");
                return rows.Count;
            }
        }

        public (long Orders, long WithAsyncReferences) Preview(string[]? channelIds)
        {
            var rows = new OrderStore(db).ReadDue(TransactionType.CustomerOrder, new TransactionScope { ChannelIds = channelIds }, int.MaxValue);
            return (rows.Count, rows.Count(r => r.AccountNumber == null));
        }
    }
}
