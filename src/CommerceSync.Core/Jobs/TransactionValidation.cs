using System;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Data;
using CommerceSync.Rules;

namespace CommerceSync.Jobs
{
    /// <summary>
    /// "Validate store transactions" (valid-checker.md): each uploaded cash-and-carry sale not posted yet ends Successful (trickle-feed
    /// posting takes it) or Error (held back alone, with the reason; a later run tries it again). The customer account rule is
    /// where the async customer rule lives in trickle feed: a referenced async customer or address HQ does not have yet is
    /// synchronized first, through the sync job's own step, so it is created once whichever job reaches it first.
    /// Customer orders are not validated (their status stays None, "the transaction type doesn't require" it): Synchronize orders takes them.
    /// </summary>
    public sealed class TransactionValidation
    {
        private readonly StoreDatabase db;

        public TransactionValidation(StoreDatabase db) { this.db = db; }

        /// <summary>Bulk mode: every uploaded sale not posted and not validated Successful yet (so earlier errors are tried again), each once per run.</summary>
        public JobRun Run(JobOptions options, DateTime? businessDate = null)
        {
            var channels = JobExecution.ScopeChannels(options, JobNames.PJob);
            var orders = new OrderStore(db);
            string? channel = null;
            return JobExecution.RunBulk(db, JobNames.ValidateTransactions, options, channels,
                () => orders.CountByValidation(channels, businessDate, ValidationStatus.None, ValidationStatus.Error),
                run => ValidateChunk(run, Due(run, channels, businessDate), options.ChunkSizeOr(JobOptions.DefaultChunkSize), options.Log, true, false, c => channel = c) > 0 ? channel ?? "" : null);
        }

        /// <summary>Record mode: these sales (by channel and transaction id) validated again, whatever they were; customers that failed before are tried again once.</summary>
        public void ValidateRecords(RecordRun recordRun, IReadOnlyList<Transaction> transactions, int chunkSize = JobOptions.DefaultChunkSize, Action<string>? log = null)
        {
            if (transactions.Count == 0) return;
            // Transactions read from the store have their channel and id.
            var run = recordRun.Ensure(transactions.Select(t => t.ChannelId!).Distinct(StringComparer.OrdinalIgnoreCase));
            var keys = transactions.Select(t => (t.ChannelId!, t.TransactionId!)).Distinct(KeyPairComparer.OrdinalIgnoreCase).ToArray();
            var scope = new TransactionScope { TransactionKeys = keys, IncludeFailed = true, NotValidatedInRun = run.RunId };
            while (ValidateChunk(run, scope, chunkSize, log, true, true, null) > 0)
            {
            }
        }

        /// <summary>What a bulk run takes: not posted, not Successful yet, not decided in this run.</summary>
        internal static TransactionScope Due(JobRun run, string[]? channelIds, DateTime? businessDate) => new TransactionScope
        {
            ChannelIds = channelIds,
            BusinessDate = businessDate,
            IncludeFailed = true, // a sale a legacy statement failed on is validated like any other
            ValidationStatuses = new[] { ValidationStatus.None, ValidationStatus.Error },
            NotValidatedInRun = run.RunId,
        };

        /// <summary>
        /// One committed chunk: synchronize what the sales reference, apply the rules, record each decision. With
        /// <paramref name="countRows"/> the decisions count as the run's processed and failed rows (statement posting, which
        /// validates before it posts, counts the sales it posts instead). Returns how many sales it decided.
        /// </summary>
        internal int ValidateChunk(JobRun run, TransactionScope scope, int limit, Action<string>? log, bool countRows, bool retryFailedCustomers, Action<string>? channel)
        {
            var now = DateTime.UtcNow;
            using (var tx = db.BeginWrite())
            {
                var orders = new OrderStore(db);
                var rows = orders.ReadDue(TransactionType.CashAndCarry, scope, limit);
                if (rows.Count == 0) return 0;
                channel?.Invoke(rows[0].ChannelId);
                var synced = TransactionReferences.Resolve(db, run, rows, now, log, retryFailedCustomers);
                var defaults = orders.DefaultCustomers(rows.Select(r => r.ChannelId));
                foreach (var r in rows)
                {
                    r.Error = PostingRules.CustomerAccount(r.TransactionId, r.ChannelId, r.ResolvedAccount, r.Error, defaults[r.ChannelId]);
                }
                orders.SaveValidation(rows, run.RunId, now);
                var failed = rows.Count(r => r.Error != null);
                new JobRunStore(db).AddCounts(run, countRows ? rows.Count - failed : 0, countRows ? failed : 0, synced.Customers);
                tx.Commit();
                log?.Invoke("Validated " + rows.Count + " transactions: " + (rows.Count - failed) + " successful, " + failed + " with errors.");
                return rows.Count;
            }
        }

        /// <summary>For -WhatIf: how many sales a bulk run would validate.</summary>
        public long Preview(string[]? channelIds, DateTime? businessDate) =>
            new OrderStore(db).CountByValidation(channelIds, businessDate, ValidationStatus.None, ValidationStatus.Error);
    }
}
