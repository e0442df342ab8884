using System;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Data;

namespace CommerceSync.Jobs
{
    /// <summary>
    /// End of day: per store and business day, calculates a statement from the uploaded cash-and-carry sales and posts it.
    /// Before posting, every async customer and address those sales reference is synchronized. A statement with a reference
    /// that cannot be synchronized is not posted: it is kept as Failed, naming the transactions and why, and is recalculated next time.
    /// </summary>
    public sealed class StatementPosting
    {
        private readonly StoreDatabase db;

        public StatementPosting(StoreDatabase db) { this.db = db; }

        /// <summary>Posts every due store day in scope (one committed transaction per statement). Returns the statements it calculated.</summary>
        public IReadOnlyList<Statement> Run(JobOptions options, DateTime? businessDate, out JobRun jobRun)
        {
            var orders = new OrderStore(db);
            var days = new Queue<(string ChannelId, string BusinessDate)>(orders.DueStatementDays(options.ChannelIds, businessDate));
            var statements = new List<Statement>();
            jobRun = JobExecution.RunBulk(db, JobNames.StatementPosting, options, options.ChannelIds ?? days.Select(d => d.ChannelId).Distinct().ToArray(),
                () => orders.CountDue(TransactionType.CashAndCarry, options.ChannelIds, businessDate, includeFailed: true), run =>
            {
                if (days.Count == 0) return null;
                var day = days.Dequeue();
                statements.Add(PostDay(run, day.ChannelId, TransactionStore.ParseDate(day.BusinessDate), options.Log));
                return day.ChannelId;
            });
            return statements;
        }

        private Statement PostDay(JobRun run, string channelId, DateTime businessDate, Action<string>? log)
        {
            var now = DateTime.UtcNow;
            var orders = new OrderStore(db);
            using (var tx = db.BeginWrite())
            {
                var rows = orders.ReadDue(TransactionType.CashAndCarry,
                    new TransactionScope { ChannelIds = new[] { channelId }, BusinessDate = businessDate, IncludeFailed = true }, int.MaxValue);
                var synced = TransactionReferences.Resolve(db, run, rows, now, log);
                var blocked = rows.Where(r => r.Error != null).ToList();
                var area = rows.Count > 0 ? rows[0].DataAreaId : new ChannelStore(db).Get(channelId).DataAreaId!; // a stored channel has its legal entity
                var statement = new Statement
                {
                    StatementId = orders.StatementIdFor(area, channelId, TransactionStore.DateText(businessDate), new NumberSequences(db)),
                    DataAreaId = area,
                    ChannelId = channelId,
                    BusinessDate = businessDate,
                    TransactionCount = rows.Count,
                    Total = TransactionStore.FromMinor(rows.Sum(r => r.AmountMinor)),
                    CalculatedAt = now,
                };
                if (blocked.Count > 0)
                {
                    statement.Status = StatementStatus.Failed;
                    statement.Error = "Not posted: " + blocked.Count + " transaction(s) reference customers or addresses that could not be synchronized. " +
                        string.Join(" ", blocked.Take(5).Select(b => b.Error)) + (blocked.Count > 5 ? " (and " + (blocked.Count - 5) + " more)" : "");
                    foreach (var b in blocked) orders.MarkFailed(b, run.RunId, now);
                    new JobRunStore(db).AddCounts(run, 0, rows.Count, synced.Customers);
                }
                else
                {
                    statement.Status = StatementStatus.Posted;
                    statement.PostedAt = now;
                    orders.PostTransactions(rows, statement.StatementId, run.RunId, now);
                    new JobRunStore(db).AddCounts(run, rows.Count, 0, synced.Customers);
                }
                orders.SaveStatement(statement, run.RunId);
                tx.Commit();
                log?.Invoke("Statement " + statement.StatementId + " for " + channelId + " on " + TransactionStore.DateText(businessDate) + ": " + statement.Status +
                    ", " + statement.TransactionCount + " transactions, total " + statement.Total.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
                return statement;
            }
        }

        /// <summary>The store days a run would post, with their counts (for -WhatIf).</summary>
        public IReadOnlyList<(string ChannelId, string BusinessDate)> Preview(string[]? channelIds, DateTime? businessDate) =>
            new OrderStore(db).DueStatementDays(channelIds, businessDate);
    }
}
