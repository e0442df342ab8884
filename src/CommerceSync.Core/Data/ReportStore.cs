using System;
using System.Collections.Generic;
using System.Linq;

namespace CommerceSync.Data
{
    /// <summary>
    /// Reconciliation: where every async customer is, per channel, now or at a past time reconstructed from the job history
    /// (upload runs, sync times, distribution times). One status rule for both, so a report "as of now" and one "as of" a moment
    /// ago agree.
    /// </summary>
    public sealed class ReportStore
    {
        // A customer operation's failure that was open at $t: recorded when HQ refused it, cleared when corrected or completed.
        private const string FailedAt = @"hq_customer_failure f WHERE f.channel_id = h.channel_id AND f.counter = h.counter
  AND f.failed_at <= $t AND (f.cleared_at IS NULL OR f.cleared_at > $t)";

        // Status of a create operation at $t: 0 pending upload, 1 uploaded, 2 converted, 3 distributed (its store had received
        // the account; distributed_at is when it first did), 4 failed.
        private const string StatusAt = @"
CASE WHEN h.counter IS NULL OR ur.started > $t THEN 0
     WHEN h.online_operation_completed = 1 AND h.synced_at <= $t THEN
        CASE WHEN EXISTS(SELECT 1 FROM channel_customer cc WHERE cc.channel_id = c.channel_id AND cc.database = 0
                         AND cc.account_number = h.account_number AND cc.distributed_at <= $t) THEN 3 ELSE 2 END
     WHEN EXISTS(SELECT 1 FROM " + FailedAt + @") THEN 4
     ELSE 1 END";

        private const string Creates = @"
SELECT c.channel_id, c.async_customer_id, c.created_at,
       (SELECT f.error FROM " + FailedAt + @" ORDER BY f.failed_at DESC LIMIT 1) AS error, " + StatusAt + @" AS status
FROM ch_async_customer c
LEFT JOIN hq_async_customer h ON h.channel_id = c.channel_id AND h.counter = c.counter
LEFT JOIN job_run ur ON ur.run_id = h.upload_run_id
WHERE c.operation = 1 AND c.created_at <= $t {0}";

        // Sales HQ held at $t that referenced an async customer HQ had no account for then, while that customer had failed
        // (or the sale itself had): what blocked posting, and orders that failed for their customer.
        private const string BlockedSales = @"
SELECT t.channel_id, t.type, COUNT(*) FROM hq_transaction t JOIN job_run ur ON ur.run_id = t.upload_run_id
WHERE ur.started <= $t AND t.account_number IS NULL AND t.async_customer_id IS NOT NULL
  AND NOT (t.status = 1 AND t.processed_at <= $t) {0}
  AND NOT EXISTS(SELECT 1 FROM retail_cust_table r JOIN cust_table ct ON ct.data_area_id = r.data_area_id AND ct.account_number = r.account_number
                 WHERE r.cust_account_async = t.async_customer_id AND ct.created_at <= $t)
  AND ((t.status = 2 AND t.processed_at <= $t)
       OR EXISTS(SELECT 1 FROM hq_async_customer h WHERE h.async_customer_id = t.async_customer_id AND h.operation = 1 AND EXISTS(SELECT 1 FROM " + FailedAt + @")))
GROUP BY t.channel_id, t.type;";

        // The operations other than creates that HQ refused and that are still failed (each table keeps its own status and
        // last error; only customer rows keep a failure history): failed by $t, and not corrected or completed since.
        private const string FailedOperationsSql = @"
SELECT channel_id, kind, COALESCE(last_error, ''), COUNT(*) FROM (
  SELECT channel_id, CASE operation WHEN 3 THEN 'Customer deactivation' ELSE 'Customer edit' END AS kind, last_error, synced_at
    FROM hq_async_customer WHERE operation <> 1 AND sync_status = 2
  UNION ALL SELECT channel_id, 'Address', last_error, synced_at FROM hq_async_address WHERE sync_status = 2
  UNION ALL SELECT channel_id, 'Attribute', last_error, synced_at FROM hq_async_attribute WHERE sync_status = 2
  UNION ALL SELECT channel_id, 'Contact', last_error, synced_at FROM hq_async_contact WHERE sync_status = 2
  UNION ALL SELECT channel_id, 'Affiliation', last_error, synced_at FROM hq_async_affiliation WHERE sync_status = 2) o
WHERE o.synced_at <= $t {0}
GROUP BY channel_id, kind, last_error;";

        // Sales "Validate store transactions" holds back (Error, not posted), by reason. Validation keeps no history: for a past
        // moment these are the sales in Error now that were already validated so by then.
        private const string HeldSql = @"
SELECT channel_id, COALESCE(validation_error, ''), COUNT(*) FROM hq_transaction
WHERE validation_status = 2 AND status <> 1 AND validated_at <= $t {0}
GROUP BY channel_id, validation_error ORDER BY 3 DESC, 2;";

        private readonly StoreDatabase db;

        public ReportStore(StoreDatabase db) { this.db = db; }

        /// <summary>One report per channel in scope (that existed at the moment asked), then the total (ChannelId "*").</summary>
        /// <summary>Async customers that these runs (the sync job, Synchronize orders) gave an account.</summary>
        public long ConvertedByRuns(IReadOnlyList<long> runIds)
        {
            if (runIds.Count == 0) return 0;
            var names = runIds.Select((r, i) => "$r" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return db.Scalar<long>("SELECT COUNT(*) FROM hq_async_customer WHERE operation = 1 AND account_number IS NOT NULL AND sync_run_id IN (" +
                string.Join(", ", names) + ");", names.Select((n, i) => (n, (object?)runIds[i])).ToArray());
        }

        /// <summary>Customers a job 1010 run sent to channel databases (each once, however many databases got it).</summary>
        public long DistributedByRun(long runId) =>
            db.Scalar<long>("SELECT COUNT(*) FROM (SELECT DISTINCT data_area_id, account_number FROM channel_customer WHERE distributed_run_id = $r) d;", ("$r", runId));

        /// <summary>Why validation holds sales back now (Error, not posted): each reason with how many sales, most first.</summary>
        public IReadOnlyList<(string Reason, long Count)> HeldByValidation(string[]? channelIds, DateTime? businessDate)
        {
            var where = new SqlFilter().In(channelIds, "channel_id", "$channels")
                .When(businessDate.HasValue, "business_date = $date", ("$date", businessDate.HasValue ? TransactionStore.DateText(businessDate.Value) : null));
            return db.ReadAll(@"SELECT COALESCE(validation_error, ''), COUNT(*) FROM hq_transaction WHERE validation_status = 2 AND status <> 1" + where.Sql + @"
GROUP BY validation_error ORDER BY 2 DESC, 1;", r => (r.GetString(0), r.GetInt64(1)), where.Args);
        }

        public IReadOnlyList<SyncReport> Report(string[]? channelIds, DateTime? asOf)
        {
            var at = (asOf ?? DateTime.UtcNow).ToUniversalTime();
            if (at > DateTime.UtcNow.AddMinutes(1))
            {
                // The history cannot tell what has not happened yet; a report "as of" tomorrow would only repeat today's.
                throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument,
                    "-AsOf " + at.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + " is in the future. Give a past moment, or leave -AsOf out for now.", asOf);
            }
            var creates = string.Format(Creates, new SqlFilter().In(channelIds, "c.channel_id", "$channels").Sql);
            var blockedSales = string.Format(BlockedSales, new SqlFilter().In(channelIds, "t.channel_id", "$channels").Sql);
            var args = new SqlFilter().In(channelIds, "", "$channels").With(("$t", at.ToStoreText()));
            var reports = new Dictionary<string, SyncReport>(StringComparer.OrdinalIgnoreCase);
            Func<string, SyncReport> get = ch =>
            {
                SyncReport? r;
                if (!reports.TryGetValue(ch, out r)) reports[ch] = r = new SyncReport { ChannelId = ch, AsOf = at };
                return r;
            };
            // Every channel in scope has its line, also one with nothing waiting: a runbook can tell "nothing stuck" from "not looked at".
            foreach (var ch in new ChannelStore(db).List())
            {
                if (ch.CreatedAt <= at && (channelIds == null || channelIds.Contains(ch.ChannelId, StringComparer.OrdinalIgnoreCase))) get(ch.ChannelId!); // a stored channel has its id
            }
            foreach (var row in db.Stream("SELECT channel_id, status, COUNT(*), MIN(created_at) FROM (" + creates + ") c GROUP BY channel_id, status;",
                r => (Channel: r.GetString(0), Status: r.GetInt32(1), Count: r.GetInt64(2), Oldest: r.Time(3)), args))
            {
                var rep = get(row.Channel);
                switch (row.Status)
                {
                    case 0: rep.PendingUpload = row.Count; break;
                    case 1: rep.UploadedNotConverted = row.Count; break;
                    case 2: rep.ConvertedNotDistributed = row.Count; break;
                    case 4: rep.Failed = row.Count; break;
                }
                if (row.Status <= 2)
                {
                    var age = at - row.Oldest;
                    if (!rep.OldestWaiting.HasValue || age > rep.OldestWaiting.Value) rep.OldestWaiting = age;
                }
            }
            foreach (var g in db.Stream("SELECT channel_id, COALESCE(error, ''), COUNT(*) FROM (" + creates + ") c WHERE status = 4 GROUP BY channel_id, error ORDER BY 3 DESC;",
                r => (Channel: r.GetString(0), Reason: r.GetString(1), Count: r.GetInt64(2)), args).GroupBy(x => x.Channel))
            {
                get(g.Key).FailuresByReason = g.Select(x => new FailureCount { Reason = x.Reason, Count = x.Count }).ToArray();
            }
            var failedOperations = string.Format(FailedOperationsSql, new SqlFilter().In(channelIds, "o.channel_id", "$channels").Sql);
            foreach (var g in db.Stream(failedOperations, r => (Channel: r.GetString(0), Kind: r.GetString(1), Reason: r.GetString(2), Count: r.GetInt64(3)), args)
                .GroupBy(x => x.Channel, StringComparer.OrdinalIgnoreCase))
            {
                var rep = get(g.Key);
                rep.FailedOperations = g.Sum(x => x.Count);
                rep.FailuresByReason = rep.FailuresByReason.Concat(g.Select(x => new FailureCount { Kind = x.Kind, Reason = x.Kind + ": " + x.Reason, Count = x.Count })
                    .OrderByDescending(f => f.Count)).ToArray();
            }
            foreach (var row in db.Stream(blockedSales, r => (Channel: r.GetString(0), Type: r.GetInt32(1), Count: r.GetInt64(2)), args))
            {
                if (row.Type == (int)TransactionType.CashAndCarry) get(row.Channel).TransactionsBlockingPosting = row.Count;
                else get(row.Channel).OrdersFailedForCustomer = row.Count;
            }
            foreach (var g in db.Stream(string.Format(HeldSql, new SqlFilter().In(channelIds, "channel_id", "$channels").Sql),
                r => (Channel: r.GetString(0), Reason: r.GetString(1), Count: r.GetInt64(2)), args).GroupBy(x => x.Channel, StringComparer.OrdinalIgnoreCase))
            {
                var rep = get(g.Key);
                rep.TransactionsHeldByValidation = g.Sum(x => x.Count);
                rep.HeldByReason = g.Select(x => new FailureCount { Kind = FailureCount.TransactionKind, Reason = x.Reason, Count = x.Count }).ToArray();
            }
            var list = reports.Values.OrderBy(r => r.ChannelId, StringComparer.OrdinalIgnoreCase).ToList();
            list.Add(new SyncReport
            {
                ChannelId = SyncReport.Total,
                AsOf = at,
                PendingUpload = list.Sum(r => r.PendingUpload),
                UploadedNotConverted = list.Sum(r => r.UploadedNotConverted),
                ConvertedNotDistributed = list.Sum(r => r.ConvertedNotDistributed),
                Failed = list.Sum(r => r.Failed),
                FailedOperations = list.Sum(r => r.FailedOperations),
                // Customers' reasons first, as on each channel's line; then the other operations'.
                FailuresByReason = list.SelectMany(r => r.FailuresByReason).GroupBy(f => (f.Kind, f.Reason))
                    .Select(g => new FailureCount { Kind = g.Key.Kind, Reason = g.Key.Reason, Count = g.Sum(f => f.Count) })
                    .OrderBy(f => f.IsOperation ? 1 : 0).ThenByDescending(f => f.Count).ToArray(),
                OldestWaiting = list.Max(r => r.OldestWaiting),
                TransactionsBlockingPosting = list.Sum(r => r.TransactionsBlockingPosting),
                OrdersFailedForCustomer = list.Sum(r => r.OrdersFailedForCustomer),
                TransactionsHeldByValidation = list.Sum(r => r.TransactionsHeldByValidation),
                HeldByReason = list.SelectMany(r => r.HeldByReason).GroupBy(f => f.Reason)
                    .Select(g => new FailureCount { Kind = FailureCount.TransactionKind, Reason = g.Key, Count = g.Sum(f => f.Count) })
                    .OrderByDescending(f => f.Count).ThenBy(f => f.Reason, StringComparer.Ordinal).ToArray(),
            });
            return list;
        }
    }
}
