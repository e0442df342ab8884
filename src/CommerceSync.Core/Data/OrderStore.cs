using System;
using System.Data.Common;
using System.Collections.Generic;
using System.Linq;

namespace CommerceSync.Data
{
    /// <summary>An uploaded sales transaction waiting for Synchronize orders or statement posting.</summary>
    public sealed class DueTransaction
    {
        public string ChannelId = "";
        public long Counter;
        public string TransactionId = "";
        public string? AccountNumber;
        public string? AsyncCustomerId;
        public string? DeliveryAddressId;
        public long AmountMinor;
        public string BusinessDate = "";
        public string DataAreaId = "";
        /// <summary>Set by the job: the account the transaction resolves to, or why it cannot.</summary>
        public string? ResolvedAccount;
        public string? Error;
    }

    public sealed class TransactionScope
    {
        public string[]? ChannelIds { get; set; }
        /// <summary>These transactions only, by channel and transaction id.</summary>
        public (string ChannelId, string TransactionId)[]? TransactionKeys { get; set; }
        public bool IncludeFailed { get; set; }
        /// <summary>With <see cref="IncludeFailed"/>: skip rows that already failed in this run, so a run retries each failed row once, however many chunks it takes.</summary>
        public long? RetryRunId { get; set; }
        public DateTime? BusinessDate { get; set; }
        /// <summary>Only transactions whose validation status is one of these.</summary>
        public ValidationStatus[]? ValidationStatuses { get; set; }
        /// <summary>Skip rows this validation run already decided, so a run validates each row once however many chunks it takes.</summary>
        public long? NotValidatedInRun { get; set; }
    }

    /// <summary>What Get-CommerceSalesOrder asks for; each list given narrows the result.</summary>
    public sealed class SalesOrderFilter
    {
        public string[]? ChannelIds { get; set; }
        public string[]? SalesIds { get; set; }
        public string[]? TransactionIds { get; set; }
        public string[]? AccountNumbers { get; set; }
        public SalesOrderStatus[]? Statuses { get; set; }
        public SalesOrderOrigin[]? Origins { get; set; }
    }

    /// <summary>The SQL of the two other paths: Synchronize orders (sales orders) and statement posting (statements).</summary>
    public sealed class OrderStore
    {
        private readonly StoreDatabase db;
        private bool tempReady;

        public OrderStore(StoreDatabase db) { this.db = db; }

        private const string DueColumns = @"SELECT h.channel_id, h.counter, h.transaction_id, h.account_number, h.async_customer_id, h.delivery_address_id, h.amount_minor, h.business_date, ch.data_area_id
FROM hq_transaction h JOIN channel ch ON ch.channel_id = h.channel_id";

        private static DueTransaction MapDue(DbDataReader r) => new DueTransaction
        {
            ChannelId = r.GetString(0), Counter = r.GetInt64(1), TransactionId = r.GetString(2), AccountNumber = r.Str(3), AsyncCustomerId = r.Str(4),
            DeliveryAddressId = r.Str(5), AmountMinor = r.GetInt64(6), BusinessDate = r.GetString(7), DataAreaId = r.GetString(8),
        };

        /// <summary>Uploaded transactions of a type not done yet, oldest first.</summary>
        public List<DueTransaction> ReadDue(TransactionType type, TransactionScope scope, int limit)
        {
            // "status <> 1" always: SQLite uses the partial index ix_hq_transaction_due only when the query repeats its condition
            // ("status = 0" alone does not tell it so), and without that index every chunk scans the whole transaction table.
            var sql = DueColumns + " WHERE h.type = $type AND h.status <> 1" + (scope.IncludeFailed ? "" : " AND h.status = 0");
            var args = new List<(string, object?)> { ("$type", (int)type), ("$limit", limit) };
            if (scope.ChannelIds != null)
            {
                sql += " AND h.channel_id IN (SELECT value FROM json_each($channels))";
                args.Add(("$channels", SqlText.JsonArray(scope.ChannelIds)));
            }
            if (scope.TransactionKeys != null)
            {
                sql += " AND EXISTS (SELECT 1 FROM json_each($keys) k WHERE h.channel_id = json_extract(k.value, '$[0]') AND h.transaction_id = json_extract(k.value, '$[1]'))";
                args.Add(("$keys", SqlText.JsonPairs(scope.TransactionKeys)));
            }
            if (scope.IncludeFailed && scope.RetryRunId.HasValue)
            {
                sql += " AND (h.status = 0 OR h.processed_run_id IS NOT $retryRun)";
                args.Add(("$retryRun", scope.RetryRunId.Value));
            }
            if (scope.BusinessDate.HasValue)
            {
                sql += " AND h.business_date = $date";
                args.Add(("$date", TransactionStore.DateText(scope.BusinessDate.Value)));
            }
            if (scope.ValidationStatuses != null)
            {
                sql += " AND h.validation_status IN (SELECT CAST(value AS INTEGER) FROM json_each($validation))";
                args.Add(("$validation", "[" + string.Join(",", scope.ValidationStatuses.Select(v => (int)v)) + "]"));
            }
            if (scope.NotValidatedInRun.HasValue)
            {
                sql += " AND h.validated_run_id IS NOT $validationRun";
                args.Add(("$validationRun", scope.NotValidatedInRun.Value));
            }
            return db.ReadAll(sql + " ORDER BY h.channel_id, h.business_date, h.counter LIMIT $limit;", MapDue, args.ToArray());
        }

        /// <summary>Uploaded transactions of a type still to synchronize or post (with failed ones when a run retries them), for progress.</summary>
        public long CountDue(TransactionType type, string[]? channelIds, DateTime? businessDate, bool includeFailed)
        {
            var where = new SqlFilter().In(channelIds, "channel_id", "$channels")
                .When(businessDate.HasValue, "business_date = $date", ("$date", businessDate.HasValue ? TransactionStore.DateText(businessDate.Value) : null));
            // "status <> 1" as in ReadDue: it lets SQLite count over the partial index ix_hq_transaction_due.
            return db.Scalar<long>("SELECT COUNT(*) FROM hq_transaction WHERE type = $type AND status <> 1" + (includeFailed ? "" : " AND status = 0") + where.Sql + ";",
                where.With(("$type", (int)type)));
        }

        /// <summary>Store and business days with cash-and-carry sales not yet in a posted statement.</summary>
        public List<(string ChannelId, string BusinessDate)> DueStatementDays(string[]? channelIds, DateTime? businessDate)
        {
            var where = new SqlFilter().In(channelIds, "channel_id", "$channels")
                .When(businessDate.HasValue, "business_date = $date", ("$date", businessDate.HasValue ? TransactionStore.DateText(businessDate.Value) : null));
            return db.ReadAll(@"SELECT DISTINCT channel_id, business_date FROM hq_transaction
WHERE type = 0 AND status <> 1" + where.Sql + @"
ORDER BY channel_id, business_date;", r => (r.GetString(0), r.GetString(1)), where.Args);
        }

        /// <summary>Why async customers have no account: the sync job's last error, or that HQ never received them.</summary>
        public Dictionary<string, string> CustomerFailures(IEnumerable<string> asyncCustomerIds) =>
            db.Stream(@"SELECT ids.value, (SELECT h.last_error FROM hq_async_customer h WHERE h.async_customer_id = ids.value AND h.operation = 1)
FROM json_each($ids) ids;", r => (r.GetString(0), r.Str(1)), ("$ids", SqlText.JsonArray(asyncCustomerIds)))
              .ToDictionary(x => x.Item1, x => x.Item2 ?? "HQ has not received it; run the P-job.", StringComparer.OrdinalIgnoreCase);

        /// <summary>Which (legal entity, account, address id) triples HQ has; for the others, the sync job's last error if any.</summary>
        public Dictionary<string, string> MissingAddresses(IEnumerable<(string Area, string Account, string AddressId)> wanted)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var w in wanted.Distinct())
            {
                var found = db.Scalar<long>("SELECT COUNT(*) FROM hq_address WHERE data_area_id = $a AND account_number = $acc AND address_id = $id;",
                    ("$a", w.Area), ("$acc", w.Account), ("$id", w.AddressId));
                if (found > 0) continue;
                var error = db.Scalar<string>("SELECT last_error FROM hq_async_address WHERE address_id = $id AND sync_status = 2 ORDER BY counter DESC LIMIT 1;", ("$id", w.AddressId));
                result[w.AddressId] = error ?? "HQ has no such address for customer " + w.Account + ".";
            }
            return result;
        }

        private void EnsureTemp()
        {
            if (tempReady) return;
            db.Execute(@"CREATE TEMP TABLE IF NOT EXISTS order_work(
  channel_id TEXT NOT NULL, counter INTEGER NOT NULL, number TEXT, account_number TEXT, data_area_id TEXT NOT NULL, PRIMARY KEY(channel_id, counter));");
            tempReady = true;
        }

        private void FillWork(IEnumerable<(DueTransaction Row, string Number)> rows)
        {
            EnsureTemp();
            db.Execute("DELETE FROM temp.order_work;");
            db.InsertRows("temp.order_work", new[] { "channel_id", "counter", "number", "account_number", "data_area_id" },
                rows.Select(x => new object?[] { x.Row.ChannelId, x.Row.Counter, x.Number, x.Row.ResolvedAccount, x.Row.DataAreaId }));
        }

        /// <summary>Creates the sales orders of a chunk set-based and marks their transactions Success.</summary>
        public void ApplyOrders(IReadOnlyList<(DueTransaction Row, string SalesId)> orders, long runId, DateTime now)
        {
            if (orders.Count == 0) return;
            FillWork(orders);
            db.Execute(@"INSERT INTO sales_order(data_area_id, sales_id, channel_id, transaction_id, account_number, delivery_address_id, amount_minor, created_at, run_id)
SELECT w.data_area_id, w.number, h.channel_id, h.transaction_id, w.account_number, h.delivery_address_id, h.amount_minor, $now, $run
FROM temp.order_work w JOIN hq_transaction h ON h.channel_id = w.channel_id AND h.counter = w.counter;", ("$now", now.ToStoreText()), ("$run", runId));
            db.Execute(@"UPDATE hq_transaction SET status = 1, last_error = NULL, sales_id = w.number, resolved_account = w.account_number, processed_run_id = $run, processed_at = $now
FROM temp.order_work w WHERE hq_transaction.channel_id = w.channel_id AND hq_transaction.counter = w.counter;", ("$now", now.ToStoreText()), ("$run", runId));
        }

        /// <summary>Run id of a sales order no job made: the channel created it at HQ in real time.</summary>
        public const long RealTimeRunId = 0;

        /// <summary>
        /// The sales orders of customer orders just recorded by a channel that creates them at HQ at once (inside the caller's
        /// write): the P-job uploads their transactions later as done (<see cref="MarkRealTimeOrdersDone"/>), so Synchronize orders never makes them twice.
        /// </summary>
        public void AddRealTimeOrders(IReadOnlyList<Transaction> orders, DateTime now)
        {
            if (orders.Count == 0) return;
            var numbers = new NumberSequences(db);
            foreach (var area in orders.GroupBy(o => o.RealTimeOrder!.Value.DataAreaId, StringComparer.OrdinalIgnoreCase))
            {
                var ids = numbers.Allocate(area.Key, NumberSequences.SalesOrder, area.Count());
                var i = 0;
                foreach (var o in area)
                {
                    o.Status = TransactionStatus.Synchronized;
                    o.SalesId = ids[i];
                    db.Execute(@"INSERT INTO sales_order(data_area_id, sales_id, channel_id, transaction_id, account_number, delivery_address_id, amount_minor, created_at, run_id, origin)
VALUES ($area, $sales, $ch, $tx, $acc, $addr, $amount, $now, $run, 0);",
                        ("$area", area.Key), ("$sales", ids[i++]), ("$ch", o.ChannelId), ("$tx", o.TransactionId), ("$acc", o.RealTimeOrder!.Value.Account),
                        ("$addr", o.DeliveryAddressId), ("$amount", TransactionStore.ToMinor(o.Amount)), ("$now", now.ToStoreText()), ("$run", RealTimeRunId));
                }
            }
        }

        /// <summary>Customer orders of a channel the P-job just uploaded (above the watermark) that already have their real-time sales order: done.</summary>
        public void MarkRealTimeOrdersDone(string channelId, long watermark, long runId, DateTime now) =>
            db.Execute(@"UPDATE hq_transaction SET status = 1, last_error = NULL, sales_id = o.sales_id, resolved_account = o.account_number, processed_run_id = $run, processed_at = $now
FROM sales_order o
WHERE hq_transaction.channel_id = $ch AND hq_transaction.counter > $wm AND hq_transaction.type = 1 AND hq_transaction.status = 0
  AND o.channel_id = hq_transaction.channel_id AND o.transaction_id = hq_transaction.transaction_id AND o.origin = 0;",
                ("$ch", channelId), ("$wm", watermark), ("$run", runId), ("$now", now.ToStoreText()));

        public void MarkFailed(DueTransaction row, long runId, DateTime now) =>
            db.Execute("UPDATE hq_transaction SET status = 2, last_error = $e, processed_run_id = $run, processed_at = $now WHERE channel_id = $ch AND counter = $n;",
                ("$e", row.Error), ("$run", runId), ("$now", now.ToStoreText()), ("$ch", row.ChannelId), ("$n", row.Counter));

        /// <summary>The statement id to use for a store and day: the one that failed before (recalculated now), else a new number.</summary>
        public string StatementIdFor(string dataAreaId, string channelId, string businessDate, NumberSequences numbers) =>
            db.Scalar<string>("SELECT statement_id FROM statement WHERE data_area_id = $a AND channel_id = $ch AND business_date = $d AND status = 2 ORDER BY statement_id LIMIT 1;",
                ("$a", dataAreaId), ("$ch", channelId), ("$d", businessDate))
            ?? numbers.Allocate(dataAreaId, NumberSequences.Statement, 1)[0];

        public void SaveStatement(Statement s, long runId)
        {
            db.Execute(@"INSERT INTO statement(data_area_id, statement_id, channel_id, business_date, transaction_count, total_minor, status, last_error, calculated_at, posted_at, run_id, kind)
VALUES ($a, $id, $ch, $d, $n, $total, $s, $e, $calc, $posted, $run, $kind)
ON CONFLICT(data_area_id, statement_id) DO UPDATE SET transaction_count = excluded.transaction_count, total_minor = excluded.total_minor, status = excluded.status,
  last_error = excluded.last_error, calculated_at = excluded.calculated_at, posted_at = excluded.posted_at, run_id = excluded.run_id;",
                ("$a", s.DataAreaId), ("$id", s.StatementId), ("$ch", s.ChannelId), ("$d", TransactionStore.DateText(s.BusinessDate)), ("$n", s.TransactionCount),
                ("$total", TransactionStore.ToMinor(s.Total)), ("$s", (int)s.Status), ("$e", s.Error), ("$calc", s.CalculatedAt.ToStoreText()),
                ("$posted", s.PostedAt?.ToStoreText()), ("$run", runId), ("$kind", (int)s.Kind));
        }

        /// <summary>Marks the statement's transactions posted, set-based.</summary>
        public void PostTransactions(IReadOnlyList<DueTransaction> rows, string statementId, long runId, DateTime now)
        {
            FillWork(rows.Select(r => (r, statementId)));
            db.Execute(@"UPDATE hq_transaction SET status = 1, last_error = NULL, statement_id = w.number, resolved_account = w.account_number, processed_run_id = $run, processed_at = $now
FROM temp.order_work w WHERE hq_transaction.channel_id = w.channel_id AND hq_transaction.counter = w.counter;", ("$now", now.ToStoreText()), ("$run", runId));
        }

        // ---- Trickle feed (trickle-feed.md, valid-checker.md) ----

        /// <summary>The default customer of each channel given (null when it has none): where trickle feed posts anonymous sales.</summary>
        public Dictionary<string, string?> DefaultCustomers(IEnumerable<string> channelIds) =>
            db.Stream("SELECT channel_id, default_customer FROM channel WHERE channel_id IN (SELECT value FROM json_each($channels));",
                r => (r.GetString(0), r.Str(1)), ("$channels", SqlText.JsonArray(channelIds.Distinct(StringComparer.OrdinalIgnoreCase))))
              .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.OrdinalIgnoreCase);

        /// <summary>Records what validation decided for each row (Successful with its account, or Error with the reason), set-based.</summary>
        public void SaveValidation(IReadOnlyList<DueTransaction> rows, long runId, DateTime now)
        {
            if (rows.Count == 0) return;
            db.Execute(@"CREATE TEMP TABLE IF NOT EXISTS validation_work(
  channel_id TEXT NOT NULL, counter INTEGER NOT NULL, status INTEGER NOT NULL, error TEXT, account_number TEXT, PRIMARY KEY(channel_id, counter));");
            db.Execute("DELETE FROM temp.validation_work;");
            db.InsertRows("temp.validation_work", new[] { "channel_id", "counter", "status", "error", "account_number" },
                rows.Select(r => new object?[] { r.ChannelId, r.Counter, (int)(r.Error == null ? ValidationStatus.Successful : ValidationStatus.Error), r.Error, r.Error == null ? r.ResolvedAccount : null }));
            db.Execute(@"UPDATE hq_transaction SET validation_status = w.status, validation_error = w.error, resolved_account = w.account_number, validated_run_id = $run, validated_at = $now
FROM temp.validation_work w WHERE hq_transaction.channel_id = w.channel_id AND hq_transaction.counter = w.counter;", ("$now", now.ToStoreText()), ("$run", runId));
        }

        /// <summary>Cash-and-carry sales not posted yet, by validation status, for progress and -WhatIf.</summary>
        public long CountByValidation(string[]? channelIds, DateTime? businessDate, params ValidationStatus[] statuses)
        {
            var where = new SqlFilter().In(channelIds, "channel_id", "$channels")
                .When(businessDate.HasValue, "business_date = $date", ("$date", businessDate.HasValue ? TransactionStore.DateText(businessDate.Value) : null))
                .InIntegers(statuses.Select(v => (int)v), "validation_status", "$validation");
            return db.Scalar<long>("SELECT COUNT(*) FROM hq_transaction WHERE type = 0 AND status <> 1" + where.Sql + ";", where.Args);
        }

        /// <summary>Store and business days with validated cash-and-carry sales not posted yet.</summary>
        public List<(string ChannelId, string BusinessDate)> DueTransactionalDays(string[]? channelIds, DateTime? businessDate)
        {
            var where = new SqlFilter().In(channelIds, "channel_id", "$channels")
                .When(businessDate.HasValue, "business_date = $date", ("$date", businessDate.HasValue ? TransactionStore.DateText(businessDate.Value) : null));
            return db.ReadAll(@"SELECT DISTINCT channel_id, business_date FROM hq_transaction
WHERE type = 0 AND status <> 1 AND validation_status = 1" + where.Sql + @"
ORDER BY channel_id, business_date;", r => (r.GetString(0), r.GetString(1)), where.Args);
        }

        /// <summary>A store day's validated sales not posted yet, each with the account it posts to: its own, else the channel's default customer.</summary>
        public List<DueTransaction> ReadPostable(string channelId, string businessDate)
        {
            // The due columns, then the account: the sale's own (set by validation), else the channel's default customer.
            return db.ReadAll(@"SELECT h.channel_id, h.counter, h.transaction_id, h.account_number, h.async_customer_id, h.delivery_address_id, h.amount_minor, h.business_date, ch.data_area_id,
  COALESCE(h.resolved_account, ch.default_customer)
FROM hq_transaction h JOIN channel ch ON ch.channel_id = h.channel_id
WHERE h.type = 0 AND h.status <> 1 AND h.validation_status = 1 AND h.channel_id = $ch AND h.business_date = $date
ORDER BY h.counter;", r =>
            {
                var row = MapDue(r);
                row.ResolvedAccount = r.Str(9);
                return row;
            }, ("$ch", channelId), ("$date", businessDate));
        }

        /// <summary>
        /// Posts a transactional statement's sales: one invoiced sales order per customer (retail-statements.md), each sale marked
        /// posted in the statement with its customer's order. <paramref name="salesIds"/> gives each account its order number.
        /// </summary>
        public void PostStatementSales(IReadOnlyList<DueTransaction> rows, IReadOnlyDictionary<string, string> salesIds, string statementId, long runId, DateTime now)
        {
            if (rows.Count == 0) return;
            FillWork(rows.Select(r => (r, salesIds[r.ResolvedAccount!])));
            db.Execute(@"INSERT INTO sales_order(data_area_id, sales_id, channel_id, transaction_id, account_number, delivery_address_id, amount_minor, created_at, run_id, origin, statement_id, invoiced)
SELECT w.data_area_id, w.number, MIN(h.channel_id), NULL, w.account_number, NULL, SUM(h.amount_minor), $now, $run, 1, $statement, 1
FROM temp.order_work w JOIN hq_transaction h ON h.channel_id = w.channel_id AND h.counter = w.counter
GROUP BY w.data_area_id, w.number, w.account_number;", ("$now", now.ToStoreText()), ("$run", runId), ("$statement", statementId));
            db.Execute(@"UPDATE hq_transaction SET status = 1, last_error = NULL, statement_id = $statement, sales_id = w.number, resolved_account = w.account_number, processed_run_id = $run, processed_at = $now
FROM temp.order_work w WHERE hq_transaction.channel_id = w.channel_id AND hq_transaction.counter = w.counter;", ("$now", now.ToStoreText()), ("$run", runId), ("$statement", statementId));
        }

        /// <summary>Store and business days with uploaded cash-and-carry sales and no financial statement yet: what end of day closes.</summary>
        public List<(string ChannelId, string BusinessDate)> DueFinancialDays(string[]? channelIds, DateTime? businessDate)
        {
            var where = new SqlFilter().In(channelIds, "h.channel_id", "$channels")
                .When(businessDate.HasValue, "h.business_date = $date", ("$date", businessDate.HasValue ? TransactionStore.DateText(businessDate.Value) : null));
            return db.ReadAll(@"SELECT DISTINCT h.channel_id, h.business_date FROM hq_transaction h
WHERE h.type = 0" + where.Sql + @"
  AND NOT EXISTS (SELECT 1 FROM statement s WHERE s.channel_id = h.channel_id AND s.business_date = h.business_date AND s.kind = 2)
ORDER BY h.channel_id, h.business_date;", r => (r.GetString(0), r.GetString(1)), where.Args);
        }

        /// <summary>Legacy statements not posted (Failed): they block a move to trickle feed.</summary>
        public long CountPendingLegacyStatements() => db.Scalar<long>("SELECT COUNT(*) FROM statement WHERE kind = 0 AND status <> 1;");

        /// <summary>Whether a store day already has its financial statement (another run may have closed it while this one waited).</summary>
        public bool HasFinancialStatement(string channelId, string businessDate) =>
            db.Scalar<long>("SELECT COUNT(*) FROM statement WHERE channel_id = $ch AND business_date = $d AND kind = 2;", ("$ch", channelId), ("$d", businessDate)) > 0;

        /// <summary>The tenders a store took on a day: how many cash-and-carry sales HQ has for it, and their total.</summary>
        public (int Count, long TotalMinor) DayTenders(string channelId, string businessDate) =>
            db.ReadAll("SELECT COUNT(*), COALESCE(SUM(amount_minor), 0) FROM hq_transaction WHERE type = 0 AND channel_id = $ch AND business_date = $d;",
                r => (r.GetInt32(0), r.GetInt64(1)), ("$ch", channelId), ("$d", businessDate))[0];

        public IEnumerable<SalesOrder> ReadSalesOrders(string[]? channelIds, string[]? salesIds, string[]? transactionIds) =>
            ReadSalesOrders(new SalesOrderFilter { ChannelIds = channelIds, SalesIds = salesIds, TransactionIds = transactionIds });

        /// <summary>Sales orders that match every filter given (a null filter matches all), by company and sales id.</summary>
        public IEnumerable<SalesOrder> ReadSalesOrders(SalesOrderFilter? filter)
        {
            filter = filter ?? new SalesOrderFilter();
            var where = new SqlFilter().In(filter.ChannelIds, "channel_id", "$channels").In(filter.SalesIds, "sales_id", "$sales")
                // A customer order's own order, or the statement order a posted sale went into (statement orders have no single transaction).
                .When(filter.TransactionIds != null, @"(transaction_id IN (SELECT value FROM json_each($tx))
  OR (origin = 1 AND sales_id IN (SELECT h.sales_id FROM hq_transaction h WHERE h.type = 0 AND h.channel_id = sales_order.channel_id AND h.transaction_id IN (SELECT value FROM json_each($tx)))))",
                    ("$tx", filter.TransactionIds == null ? null : SqlText.JsonArray(filter.TransactionIds)))
                .In(filter.AccountNumbers, "account_number", "$acc")
                .InIntegers(filter.Origins?.Select(o => (int)o), "origin", "$origins")
                // Nothing changes an order's status after it is created yet: all are Created.
                .When(filter.Statuses != null && !filter.Statuses.Contains(SalesOrderStatus.Created), "1 = 0");
            return db.Stream(@"SELECT sales_id, data_area_id, transaction_id, channel_id, account_number, delivery_address_id, amount_minor, created_at, origin, statement_id, invoiced, run_id FROM sales_order
WHERE 1 = 1" + where.Sql + " ORDER BY data_area_id, sales_id;", r => new SalesOrder
            {
                SalesId = r.GetString(0), DataAreaId = r.GetString(1), TransactionId = r.Str(2), ChannelId = r.GetString(3), AccountNumber = r.GetString(4),
                DeliveryAddressId = r.Str(5), Amount = TransactionStore.FromMinor(r.GetInt64(6)), CreatedAt = r.Time(7), Status = nameof(SalesOrderStatus.Created),
                Origin = (SalesOrderOrigin)r.GetInt32(8), StatementId = r.Str(9), Invoiced = r.Bool(10), CreatedInRealTime = r.GetInt64(11) == RealTimeRunId,
            }, where.Args);
        }

        /// <summary>Sales ids that start with <paramref name="prefix"/>, for tab completion.</summary>
        public IEnumerable<(string Value, string Tooltip)> CompleteSalesIds(string prefix, int max) =>
            db.ReadAll("SELECT sales_id, account_number, channel_id, transaction_id FROM sales_order WHERE sales_id LIKE $p ESCAPE '\\' ORDER BY sales_id LIMIT $n;",
                r => (r.GetString(0), r.GetString(0) + " - " + r.GetString(1) + " at " + r.GetString(2) + " (" + r.GetString(3) + ")"),
                ("$p", SqlText.WildcardToLike(prefix) + "%"), ("$n", max));

        public IEnumerable<Statement> ReadStatements(string[]? channelIds, string[]? statementIds, DateTime? businessDate, StatementStatus[]? statuses)
        {
            var where = new SqlFilter().In(channelIds, "channel_id", "$channels").In(statementIds, "statement_id", "$ids")
                .When(businessDate.HasValue, "business_date = $date", ("$date", businessDate.HasValue ? TransactionStore.DateText(businessDate.Value) : null))
                .InIntegers(statuses?.Select(s => (int)s), "status", "$statuses");
            return db.Stream(@"SELECT statement_id, data_area_id, channel_id, business_date, transaction_count, total_minor, status, last_error, calculated_at, posted_at, kind FROM statement
WHERE 1 = 1" + where.Sql + @"
ORDER BY channel_id, business_date, statement_id;", r => new Statement
            {
                StatementId = r.GetString(0), DataAreaId = r.GetString(1), ChannelId = r.GetString(2), BusinessDate = TransactionStore.ParseDate(r.GetString(3)),
                TransactionCount = r.GetInt32(4), Total = TransactionStore.FromMinor(r.GetInt64(5)), Status = (StatementStatus)r.GetInt32(6), Error = r.Str(7),
                CalculatedAt = r.Time(8), PostedAt = r.TimeOrNull(9), Kind = (StatementKind)r.GetInt32(10),
            }, where.Args);
        }
    }
}
