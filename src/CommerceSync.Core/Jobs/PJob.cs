using System;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Data;

namespace CommerceSync.Jobs
{
    /// <summary>What a P-job run would upload from one channel.</summary>
    public sealed class UploadPreview
    {
        public string? ChannelId { get; set; }
        public long Customers { get; set; }
        public long Addresses { get; set; }
        public long Attributes { get; set; }
        public long ContactsAndAffiliations { get; set; }
        public long Transactions { get; set; }
        public long Total => Customers + Addresses + Attributes + ContactsAndAffiliations + Transactions;
    }

    /// <summary>
    /// The P-job: uploads the channel's async operation rows to HQ, incrementally, above the largest counter HQ
    /// already holds for that channel and table. It never rewrites what was uploaded, so running it again is harmless.
    /// </summary>
    public sealed class PJob
    {
        /// <summary>
        /// Operation rows per transaction in bulk mode. Uploaded rows are small copies, but each lands in indexes keyed by random
        /// GUIDs, so every commit rewrites a page per row: larger commits write each page once for many rows (at 1M customers,
        /// 50,000 rows per commit upload in about half the time 5,000 do).
        /// </summary>
        public const int DefaultChunkSize = 50000;

        private readonly StoreDatabase db;
        private readonly UploadStore uploads;

        public PJob(StoreDatabase db)
        {
            this.db = db;
            uploads = new UploadStore(db);
        }

        /// <summary>Bulk mode: everything due in the given channels (all when none are given).</summary>
        public JobRun Run(JobOptions options)
        {
            var channelIds = ScopeChannels(options.ChannelIds);
            var pending = channelIds.SelectMany(c => Enumerable.Range(0, UploadStore.Tables.Length).Select(t => (Channel: c, Table: t))).ToList();
            return JobExecution.RunBulk(db, JobNames.PJob, options, channelIds, () => CountDue(channelIds), run =>
            {
                while (pending.Count > 0)
                {
                    // Each channel table is claimed for its chunk: workers on a shared store upload different ones at once.
                    var (index, n) = JobExecution.OnNextFree(db, pending, p => Claims.Upload(p.Channel, p.Table), p =>
                    {
                        var (rows, customers) = uploads.UploadChunk(p.Table, p.Channel, long.MaxValue, options.ChunkSizeOr(DefaultChunkSize), run.RunId);
                        if (rows > 0) new JobRunStore(db).AddCounts(run, rows, 0, customers);
                        return rows;
                    });
                    if (n > 0)
                    {
                        var channel = pending[index].Channel;
                        options.Log?.Invoke("Uploaded " + n + " rows of " + UploadStore.Tables[pending[index].Table].Channel + " from " + channel + ".");
                        return channel;
                    }
                    pending.RemoveAt(index);
                }
                return null;
            });
        }

        /// <summary>
        /// Record mode: uploads the channels of these customers far enough that all their rows are at HQ.
        /// The watermark rule still holds: older rows of the same channel go up with them, never after them.
        /// </summary>
        public IReadOnlyList<AsyncCustomer> UploadRecords(RecordRun recordRun, IReadOnlyList<AsyncCustomer> records, int chunkSize = 5000)
        {
            if (records.Count == 0) return records;
            // Records read from the store have their ids.
            var ids = records.Select(r => r.AsyncCustomerId!).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            UploadUpTo(recordRun, uploads.MaxCounters(ids), chunkSize);
            return new AsyncCustomerStore(db).Read(new AsyncCustomerFilter { AsyncCustomerIds = ids }).ToList();
        }

        /// <summary>Record mode for sales transactions: as for customers, the channel goes up to and including them.</summary>
        public IReadOnlyList<Transaction> UploadTransactions(RecordRun recordRun, IReadOnlyList<Transaction> records, int chunkSize = 5000)
        {
            if (records.Count == 0) return records;
            var wanted = new HashSet<(string, string)>(records.Select(t => (t.ChannelId!, t.TransactionId!)), KeyPairComparer.OrdinalIgnoreCase);
            UploadUpTo(recordRun, uploads.MaxCounters(Array.Empty<string>(), wanted), chunkSize);
            var channels = records.Select(t => t.ChannelId!).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            return new TransactionStore(db).Read(new TransactionFilter { ChannelIds = channels, TransactionIds = records.Select(t => t.TransactionId!).Distinct().ToArray() })
                .Where(t => wanted.Contains((t.ChannelId!, t.TransactionId!))).ToList();
        }

        private void UploadUpTo(RecordRun recordRun, Dictionary<string, long> upTo, int chunkSize)
        {
            var run = recordRun.Ensure(upTo.Keys);
            foreach (var kv in upTo)
            {
                for (var table = 0; table < UploadStore.Tables.Length; table++)
                {
                    int n;
                    do
                    {
                        using (var tx = db.BeginWrite())
                        {
                            var (rows, customers) = uploads.UploadChunk(table, kv.Key, kv.Value, chunkSize, run.RunId);
                            n = rows;
                            if (n > 0) new JobRunStore(db).AddCounts(run, n, 0, customers);
                            tx.Commit();
                        }
                    } while (n == chunkSize);
                }
            }
        }

        /// <summary>Rows due for upload in these channels: one indexed count per channel table, above its watermark.</summary>
        public long CountDue(string[]? channelIds) =>
            ScopeChannels(channelIds).Sum(c => Enumerable.Range(0, UploadStore.Tables.Length).Sum(t => uploads.CountDue(t, c)));

        /// <summary>What a run would upload, without uploading (for -WhatIf).</summary>
        public IReadOnlyList<UploadPreview> Preview(string[]? channelIds) =>
            ScopeChannels(channelIds).Select(c => new UploadPreview
            {
                ChannelId = c,
                Customers = uploads.CountDue(UploadStore.CustomerTable, c),
                Addresses = uploads.CountDue(UploadStore.AddressTable, c),
                Attributes = uploads.CountDue(UploadStore.AttributeTable, c),
                ContactsAndAffiliations = uploads.CountDue(UploadStore.ContactTable, c) + uploads.CountDue(UploadStore.AffiliationTable, c),
                Transactions = uploads.CountDue(UploadStore.TransactionTable, c),
            }).ToList();

        private string[] ScopeChannels(string[]? channelIds) =>
            channelIds ?? new ChannelStore(db).List().Select(c => c.ChannelId!).ToArray(); // a stored channel has its id
    }
}
