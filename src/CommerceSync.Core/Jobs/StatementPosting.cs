using System;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Data;
using CommerceSync.Rules;

namespace CommerceSync.Jobs
{
    /// <summary>
    /// Statement posting, in the store's posting mode (trickle-feed.md).
    /// Legacy, at end of day: per store and business day, calculates a statement from the uploaded cash-and-carry sales and posts it.
    /// Before posting, every async customer and address those sales reference is synchronized. A statement with a reference
    /// that cannot be synchronized is not posted: it is kept as Failed, naming the transactions and why, and is recalculated next time.
    /// Trickle feed, as often as it runs: validates the sales not posted yet (<see cref="TransactionValidation"/>), then posts a
    /// transactional statement per store and business day from the Successful ones, with one invoiced sales order per customer;
    /// a sale in Error waits alone. With end of day, a financial statement per store and business day totals its tenders.
    /// </summary>
    public sealed class StatementPosting
    {
        private readonly StoreDatabase db;

        public StatementPosting(StoreDatabase db) { this.db = db; }

        /// <summary>Posts every due store day in scope (one committed transaction per statement). Returns the statements it calculated.</summary>
        public IReadOnlyList<Statement> Run(JobOptions options, DateTime? businessDate, out JobRun jobRun) => Run(options, businessDate, false, out jobRun);

        /// <summary>As above; <paramref name="endOfDay"/> also closes each store day with a financial statement (trickle feed; legacy posting is always end of day).</summary>
        public IReadOnlyList<Statement> Run(JobOptions options, DateTime? businessDate, bool endOfDay, out JobRun jobRun) =>
            db.StatementPostingMode == StatementPostingMode.TrickleFeed ? RunTrickleFeed(options, businessDate, endOfDay, out jobRun) : RunLegacy(options, businessDate, out jobRun);

        private IReadOnlyList<Statement> RunLegacy(JobOptions options, DateTime? businessDate, out JobRun jobRun)
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

        private IReadOnlyList<Statement> RunTrickleFeed(JobOptions options, DateTime? businessDate, bool endOfDay, out JobRun jobRun)
        {
            var orders = new OrderStore(db);
            var validation = new TransactionValidation(db);
            var statements = new List<Statement>();
            var scopeChannels = options.ChannelIds ?? Preview(null, businessDate, endOfDay).Select(d => d.ChannelId).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            var chunkSize = options.ChunkSizeOr(JobOptions.DefaultChunkSize);
            Queue<(string ChannelId, string BusinessDate)>? transactional = null, financial = null;
            string? channel = null;
            jobRun = JobExecution.RunBulk(db, JobNames.StatementPosting, options, scopeChannels,
                () => orders.CountByValidation(options.ChannelIds, businessDate, ValidationStatus.None, ValidationStatus.Successful, ValidationStatus.Error), run =>
            {
                // 1. Validate what is not Successful yet, in chunks; 2. a transactional statement per store day; 3. at end of day, the financial ones.
                if (transactional == null)
                {
                    if (validation.ValidateChunk(run, TransactionValidation.Due(run, options.ChannelIds, businessDate), chunkSize, options.Log, false, false, c => channel = c) > 0) return channel ?? "";
                    transactional = new Queue<(string, string)>(orders.DueTransactionalDays(options.ChannelIds, businessDate));
                    var held = orders.CountByValidation(options.ChannelIds, businessDate, ValidationStatus.Error);
                    if (held > 0) new JobRunStore(db).AddCounts(run, 0, (int)held, 0);
                }
                if (transactional.Count > 0)
                {
                    var day = transactional.Dequeue();
                    var posted = PostTransactional(run, day.ChannelId, day.BusinessDate, options.Log);
                    if (posted != null) statements.Add(posted);
                    return day.ChannelId;
                }
                if (!endOfDay) return null;
                if (financial == null) financial = new Queue<(string, string)>(orders.DueFinancialDays(options.ChannelIds, businessDate));
                if (financial.Count == 0) return null;
                var close = financial.Dequeue();
                var statement = PostFinancial(run, close.ChannelId, close.BusinessDate, options.Log);
                if (statement != null) statements.Add(statement);
                return close.ChannelId;
            });
            return statements;
        }

        /// <summary>One store day's validated sales in a new transactional statement, posted with one invoiced sales order per customer; null when another run took them first.</summary>
        private Statement? PostTransactional(JobRun run, string channelId, string businessDate, Action<string>? log)
        {
            var now = DateTime.UtcNow;
            var orders = new OrderStore(db);
            using (var tx = db.BeginWrite())
            {
                var rows = orders.ReadPostable(channelId, businessDate);
                // Validated while the channel had a default customer that has been cleared since: held again, with the reason.
                var unowned = rows.Where(r => r.ResolvedAccount == null).ToList();
                foreach (var r in unowned) r.Error = PostingRules.CustomerAccount(r.TransactionId, r.ChannelId, null, null, null);
                orders.SaveValidation(unowned, run.RunId, now);
                rows = rows.Where(r => r.ResolvedAccount != null).ToList();
                if (unowned.Count > 0) new JobRunStore(db).AddCounts(run, 0, unowned.Count, 0);
                if (rows.Count == 0)
                {
                    tx.Commit();
                    return null;
                }
                var area = rows[0].DataAreaId;
                var numbers = new NumberSequences(db);
                var accounts = rows.Select(r => r.ResolvedAccount!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                var ids = numbers.Allocate(area, NumberSequences.SalesOrder, accounts.Count);
                var salesIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < accounts.Count; i++) salesIds[accounts[i]] = ids[i];
                var statement = Posted(StatementKind.Transactional, numbers, area, channelId, businessDate, rows.Count, rows.Sum(r => r.AmountMinor), now);
                orders.PostStatementSales(rows, salesIds, statement.StatementId!, run.RunId, now);
                orders.SaveStatement(statement, run.RunId);
                new JobRunStore(db).AddCounts(run, rows.Count, 0, 0);
                tx.Commit();
                log?.Invoke("Transactional statement " + statement.StatementId + " for " + channelId + " on " + businessDate + ": " + rows.Count +
                    " transactions in " + accounts.Count + " sales orders, total " + statement.Total.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
                return statement;
            }
        }

        /// <summary>End of day for one store day: a financial statement of the tenders the day's sales took; null when another run closed the day first.</summary>
        private Statement? PostFinancial(JobRun run, string channelId, string businessDate, Action<string>? log)
        {
            var now = DateTime.UtcNow;
            var orders = new OrderStore(db);
            using (var tx = db.BeginWrite())
            {
                if (orders.HasFinancialStatement(channelId, businessDate)) return null;
                var area = new ChannelStore(db).Get(channelId).DataAreaId!; // a stored channel has its legal entity
                var tenders = orders.DayTenders(channelId, businessDate);
                var statement = Posted(StatementKind.Financial, new NumberSequences(db), area, channelId, businessDate, tenders.Count, tenders.TotalMinor, now);
                orders.SaveStatement(statement, run.RunId);
                tx.Commit();
                log?.Invoke("Financial statement " + statement.StatementId + " for " + channelId + " on " + businessDate + ": tenders of " + tenders.Count +
                    " transactions, total " + statement.Total.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
                return statement;
            }
        }

        /// <summary>A trickle-feed statement, posted as it is calculated: its number from the legal entity's statement sequence.</summary>
        private static Statement Posted(StatementKind kind, NumberSequences numbers, string area, string channelId, string businessDate, int count, long totalMinor, DateTime now) =>
            new Statement
            {
                StatementId = numbers.Allocate(area, NumberSequences.Statement, 1)[0],
                Kind = kind,
                DataAreaId = area,
                ChannelId = channelId,
                BusinessDate = TransactionStore.ParseDate(businessDate),
                TransactionCount = count,
                Total = TransactionStore.FromMinor(totalMinor),
                CalculatedAt = now,
                Status = StatementStatus.Posted,
                PostedAt = now,
            };

        /// <summary>
        /// The store days a run would post (for -WhatIf and a run's channels): in legacy, the days with sales not posted; in trickle
        /// feed, those too (validation decides which of their sales post), and with end of day the days it would close.
        /// </summary>
        public IReadOnlyList<(string ChannelId, string BusinessDate)> Preview(string[]? channelIds, DateTime? businessDate, bool endOfDay)
        {
            var orders = new OrderStore(db);
            var days = orders.DueStatementDays(channelIds, businessDate);
            if (!endOfDay || db.StatementPostingMode != StatementPostingMode.TrickleFeed) return days;
            return days.Concat(orders.DueFinancialDays(channelIds, businessDate)).Distinct().OrderBy(d => d.ChannelId, StringComparer.OrdinalIgnoreCase).ThenBy(d => d.BusinessDate, StringComparer.Ordinal).ToList();
        }

        /// <summary>The store days a run would post, with their counts (for -WhatIf).</summary>
        public IReadOnlyList<(string ChannelId, string BusinessDate)> Preview(string[]? channelIds, DateTime? businessDate) => Preview(channelIds, businessDate, false);
    }
}
