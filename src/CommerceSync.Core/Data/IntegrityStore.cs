using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using CommerceSync.Storage;

namespace CommerceSync.Data
{

    /// <summary>
    /// The invariants every job keeps, whatever crashed or ran at the same time: one account per async customer, nothing lost
    /// between channel and HQ, every channel view agreeing with HQ as far as job 1010 has come, one sales order per order,
    /// statements that add up, number sequences ahead of what they issued; and the engine's own check of the storage.
    /// Used by Test-CommerceStore, the crash and concurrency tests, and after a restore.
    /// </summary>
    /// <remarks>
    /// Each check is set-based (joins on keys, aggregates grouped once), never a subquery per row: a store of a million
    /// customers holds 20 million channel rows, and a lookup per row of them is what made the checks time out on PostgreSQL.
    /// </remarks>
    public sealed class IntegrityStore
    {
        /// <summary>The check of the engine's own storage (pages, b-trees, indexes).</summary>
        public const string PhysicalIntegrity = "PhysicalIntegrity";

        /// <summary>Customer accounts the number sequence would issue again.</summary>
        public const string NumberSequenceAhead = "NumberSequenceAhead";

        private static readonly (string Check, string Description, string Sql)[] Checks = BuildChecks().ToArray();
        private readonly StoreDatabase db;

        public IntegrityStore(StoreDatabase db) { this.db = db; }

        // A customer's last change (job 1010's unit), for customers HQ holds: grouped once, joined by key.
        private const string LastChange = ChangeLog.LastPerCustomer;

        private static IEnumerable<(string, string, string)> BuildChecks()
        {
            yield return ("OneAccountPerAsyncCustomer", "Completed async creates whose account is not the one linked to their GUID (or has no link).", @"
SELECT COUNT(*) FROM hq_async_customer h
LEFT JOIN retail_cust_table r ON r.cust_account_async = h.async_customer_id AND r.account_number = h.account_number
WHERE h.operation = 1 AND h.online_operation_completed = 1 AND r.account_number IS NULL");
            yield return ("AsyncLinkUnique", "Async GUIDs linked to more than one account.", @"
SELECT COUNT(*) FROM (SELECT cust_account_async FROM retail_cust_table WHERE cust_account_async IS NOT NULL GROUP BY cust_account_async HAVING COUNT(*) > 1)");
            yield return ("CustomerComplete", "Customers without their party or retail record.", @"
SELECT COUNT(*) FROM cust_table c
LEFT JOIN party p ON p.party_id = c.party_id
LEFT JOIN retail_cust_table r ON r.data_area_id = c.data_area_id AND r.account_number = c.account_number
WHERE p.party_id IS NULL OR r.account_number IS NULL");
            foreach (var t in UploadStore.Tables)
            {
                // HQ's watermark per channel is its highest counter; a channel row at or below it that HQ lacks was lost.
                yield return ("NothingLost:" + t.Channel, "Channel rows at or below HQ's watermark that HQ does not hold.", @"
SELECT COUNT(*) FROM " + t.Channel + @" c
JOIN (SELECT m.channel_id, MAX(m.counter) AS top FROM " + t.Hq + @" m GROUP BY m.channel_id) w ON w.channel_id = c.channel_id
LEFT JOIN " + t.Hq + @" h ON h.channel_id = c.channel_id AND h.counter = c.counter
WHERE c.counter <= w.top AND h.counter IS NULL");
            }
            yield return ("ChannelViewsAgree", "Channel copies that differ from HQ although job 1010 has sent the customer's last change.", @"
SELECT COUNT(*) FROM channel_customer cc
JOIN cust_table c ON c.data_area_id = cc.data_area_id AND c.account_number = cc.account_number
JOIN distribution_watermark w ON w.channel_id = cc.channel_id AND w.database = cc.database
JOIN " + LastChange + @" x ON x.data_area_id = c.data_area_id AND x.account_number = c.account_number
WHERE w.last_seq >= x.last_seq
  AND (cc.name IS NOT c.name OR cc.email IS NOT c.email OR cc.phone IS NOT c.phone OR cc.blocked <> c.blocked)");
            // Per channel database: the customers its watermark covers (a running count over the customers of its legal entity,
            // ordered by last change, read where the watermark falls in that order) less those it holds.
            yield return ("ChannelViewsComplete", "Customers a channel database should hold by its watermark but does not.", @"
WITH last_change AS MATERIALIZED (
  SELECT c.data_area_id, c.account_number, x.last_seq FROM cust_table c
  JOIN " + LastChange + @" x ON x.data_area_id = c.data_area_id AND x.account_number = c.account_number),
covered AS (
  SELECT e.channel_id, e.database, e.n FROM (
    SELECT u.channel_id, u.database, u.is_watermark,
           SUM(1 - u.is_watermark) OVER (PARTITION BY u.data_area_id ORDER BY u.seq, u.is_watermark ROWS UNBOUNDED PRECEDING) AS n
    FROM (SELECT l.data_area_id, l.last_seq AS seq, 0 AS is_watermark, NULL AS channel_id, NULL AS database FROM last_change l
          UNION ALL
          SELECT ch.data_area_id, w.last_seq, 1, w.channel_id, w.database FROM distribution_watermark w JOIN channel ch ON ch.channel_id = w.channel_id) u) e
  WHERE e.is_watermark = 1),
held AS (
  SELECT w.channel_id, w.database, COUNT(*) AS n FROM distribution_watermark w
  JOIN channel ch ON ch.channel_id = w.channel_id
  JOIN channel_customer cc ON cc.channel_id = w.channel_id AND cc.database = w.database
  JOIN last_change l ON l.data_area_id = ch.data_area_id AND l.account_number = cc.account_number
  WHERE l.last_seq <= w.last_seq
  GROUP BY w.channel_id, w.database)
SELECT COALESCE(SUM(v.n - COALESCE(h.n, 0)), 0) FROM covered v
LEFT JOIN held h ON h.channel_id = v.channel_id AND h.database = v.database");
            yield return ("OneSalesOrderPerOrder", "Synchronized customer orders without exactly one sales order.", @"
SELECT COUNT(*) FROM hq_transaction t
LEFT JOIN (SELECT s.channel_id, s.transaction_id, COUNT(*) AS n FROM sales_order s GROUP BY s.channel_id, s.transaction_id) o
  ON o.channel_id = t.channel_id AND o.transaction_id = t.transaction_id
WHERE t.type = 1 AND t.status = 1 AND COALESCE(o.n, 0) <> 1");
            yield return ("StatementsAddUp", "Posted statements whose count or total differs from their transactions.", @"
SELECT COUNT(*) FROM statement s
LEFT JOIN (SELECT t.statement_id, t.channel_id, COUNT(*) AS n, SUM(t.amount_minor) AS total FROM hq_transaction t
           WHERE t.statement_id IS NOT NULL GROUP BY t.statement_id, t.channel_id) a
  ON a.statement_id = s.statement_id AND a.channel_id = s.channel_id
WHERE s.status = 1 AND s.kind <> 2 AND (s.transaction_count <> COALESCE(a.n, 0) OR s.total_minor <> COALESCE(a.total, 0))");
            // A financial statement (kind 2) totals its store day's tenders and links no sale, so only these two hold for it.
            yield return ("StatementOrdersAddUp", "Sales a transactional statement posted without their sales order of that statement, or statement sales orders whose amount differs from their sales.", @"
SELECT (SELECT COUNT(*) FROM hq_transaction t JOIN statement st ON st.statement_id = t.statement_id AND st.channel_id = t.channel_id AND st.kind = 1
        WHERE t.type = 0 AND t.status = 1
          AND NOT EXISTS (SELECT 1 FROM sales_order o WHERE o.sales_id = t.sales_id AND o.statement_id = t.statement_id AND o.origin = 1))
     + (SELECT COUNT(*) FROM sales_order o WHERE o.origin = 1
          AND o.amount_minor <> (SELECT COALESCE(SUM(t.amount_minor), 0) FROM hq_transaction t WHERE t.sales_id = o.sales_id AND t.statement_id = o.statement_id))");
            // An account of the sequence's own shape (its prefix, then exactly its width in digits) at or past its next value
            // is one the sync job would issue again: every conversion of that legal entity would then fail.
            yield return (NumberSequenceAhead, "Customer accounts at or past their legal entity's next account number (the number sequence is behind them).", @"
SELECT COUNT(*) FROM number_sequence n
JOIN cust_table c ON c.data_area_id = n.data_area_id
WHERE n.code = '" + NumberSequences.Customer.Code + @"'
  AND length(c.account_number) = length(n.prefix) + n.width
  AND substr(c.account_number, 1, length(n.prefix)) = n.prefix
  AND CASE WHEN ltrim(substr(c.account_number, length(n.prefix) + 1), '0123456789') = ''
           THEN CAST(substr(c.account_number, length(n.prefix) + 1) AS BIGINT) ELSE -1 END >= n.next_value");
        }

        /// <summary>
        /// Every check, with a count of 0 where the invariant holds: first the engine's check of the storage (quick, or with
        /// <paramref name="full"/> thorough), then the invariants, all of them over one consistent state of the store.
        /// </summary>
        public IReadOnlyList<IntegrityViolation> Check(bool full = false)
        {
            var result = new List<IntegrityViolation>();
            var storage = db.CheckStorage(full);
            result.Add(new IntegrityViolation
            {
                Check = PhysicalIntegrity,
                Count = storage.Problems.Count,
                Description = !storage.Ran ? "Not checked: " + storage.What + "."
                    : storage.Problems.Count == 0 ? "Problems " + storage.What + " finds in the store's pages and indexes."
                    : storage.What + " found: " + string.Join("; ", storage.Problems.Take(3)) + (storage.Problems.Count > 3 ? "; ..." : ""),
            });
            // One consistent state of the store, unless the caller already reads in one.
            var snapshot = db.InTransaction ? null : db.Snapshot(wholeTableReads: true);
            try
            {
                foreach (var c in Checks)
                {
                    long count;
                    string description = c.Description;
                    try
                    {
                        count = Count(c.Sql + ";");
                    }
                    catch (CommerceSyncException ex) when (ex.ErrorId == ErrorIds.StoreNotSqlite && storage.Problems.Count > 0)
                    {
                        // Damaged storage can stop a check: it counts as broken, and the storage check says why.
                        count = 1;
                        description = "Could not be checked: " + ex.Message;
                    }
                    result.Add(new IntegrityViolation { Check = c.Check, Description = description, Count = count });
                }
            }
            finally
            {
                snapshot?.Dispose();
            }
            return result;
        }

        private long Count(string sql)
        {
            using (var cmd = db.Command(sql))
            {
                db.AllowLongRead(cmd);
                object? value;
                try
                {
                    value = cmd.ExecuteScalar();
                }
                catch (DbException ex)
                {
                    throw db.Translate(ex);
                }
                return value == null || value is System.DBNull ? 0 : System.Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }
}
