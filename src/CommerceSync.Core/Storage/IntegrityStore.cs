using System.Collections.Generic;
using System.Linq;

namespace CommerceSync.Storage
{
    /// <summary>One broken invariant and how many rows break it.</summary>
    public sealed class IntegrityViolation
    {
        public string Check { get; set; }
        public long Count { get; set; }
        public string Description { get; set; }

        public override string ToString() => Check + ": " + Count;
    }

    /// <summary>
    /// The invariants every job keeps, whatever crashed or ran at the same time: one account per async customer, nothing lost
    /// between channel and HQ, every channel view agreeing with HQ as far as job 1010 has come, one sales order per order,
    /// statements that add up. Used by Test-CommerceStore, the crash and concurrency tests, and after a restore.
    /// </summary>
    public sealed class IntegrityStore
    {
        private static readonly (string Check, string Description, string Sql)[] Checks = BuildChecks().ToArray();
        private readonly StoreDatabase db;

        public IntegrityStore(StoreDatabase db) { this.db = db; }

        private static IEnumerable<(string, string, string)> BuildChecks()
        {
            yield return ("OneAccountPerAsyncCustomer", "Completed async creates whose account is not the one linked to their GUID (or has no link).", @"
SELECT COUNT(*) FROM hq_async_customer h WHERE h.operation = 1 AND h.online_operation_completed = 1
  AND NOT EXISTS(SELECT 1 FROM retail_cust_table r WHERE r.cust_account_async = h.async_customer_id AND r.account_number = h.account_number)");
            yield return ("AsyncLinkUnique", "Async GUIDs linked to more than one account.", @"
SELECT COUNT(*) FROM (SELECT cust_account_async FROM retail_cust_table WHERE cust_account_async IS NOT NULL GROUP BY cust_account_async HAVING COUNT(*) > 1)");
            yield return ("CustomerComplete", "Customers without their party or retail record.", @"
SELECT COUNT(*) FROM cust_table c WHERE NOT EXISTS(SELECT 1 FROM party p WHERE p.party_id = c.party_id)
  OR NOT EXISTS(SELECT 1 FROM retail_cust_table r WHERE r.data_area_id = c.data_area_id AND r.account_number = c.account_number)");
            foreach (var t in UploadStore.Tables)
            {
                yield return ("NothingLost:" + t.Channel, "Channel rows at or below HQ's watermark that HQ does not hold.", @"
SELECT COUNT(*) FROM " + t.Channel + @" c
WHERE c.counter <= (SELECT COALESCE(MAX(h.counter), 0) FROM " + t.Hq + @" h WHERE h.channel_id = c.channel_id)
  AND NOT EXISTS(SELECT 1 FROM " + t.Hq + " h WHERE h.channel_id = c.channel_id AND h.counter = c.counter)");
            }
            yield return ("ChannelViewsAgree", "Channel copies that differ from HQ although job 1010 has sent the customer's last change.", @"
SELECT COUNT(*) FROM channel_customer cc
JOIN cust_table c ON c.data_area_id = cc.data_area_id AND c.account_number = cc.account_number
JOIN distribution_watermark w ON w.channel_id = cc.channel_id AND w.database = cc.database
WHERE w.last_seq >= (SELECT MAX(x.seq) FROM hq_change x WHERE x.data_area_id = c.data_area_id AND x.account_number = c.account_number)
  AND (cc.name IS NOT c.name OR cc.email IS NOT c.email OR cc.phone IS NOT c.phone OR cc.blocked <> c.blocked)");
            yield return ("ChannelViewsComplete", "Customers a channel database should hold by its watermark but does not.", @"
SELECT COUNT(*) FROM distribution_watermark w
JOIN channel ch ON ch.channel_id = w.channel_id
JOIN cust_table c ON c.data_area_id = ch.data_area_id
WHERE (SELECT MAX(x.seq) FROM hq_change x WHERE x.data_area_id = c.data_area_id AND x.account_number = c.account_number) <= w.last_seq
  AND NOT EXISTS(SELECT 1 FROM channel_customer cc WHERE cc.channel_id = w.channel_id AND cc.database = w.database AND cc.account_number = c.account_number)");
            yield return ("OneSalesOrderPerOrder", "Synchronized customer orders without exactly one sales order.", @"
SELECT COUNT(*) FROM hq_transaction t WHERE t.type = 1 AND t.status = 1
  AND (SELECT COUNT(*) FROM sales_order s WHERE s.channel_id = t.channel_id AND s.transaction_id = t.transaction_id) <> 1");
            yield return ("StatementsAddUp", "Posted statements whose count or total differs from their transactions.", @"
SELECT COUNT(*) FROM statement s WHERE s.status = 1 AND (
  s.transaction_count <> (SELECT COUNT(*) FROM hq_transaction t WHERE t.statement_id = s.statement_id AND t.channel_id = s.channel_id)
  OR s.total_minor <> (SELECT COALESCE(SUM(t.amount_minor), 0) FROM hq_transaction t WHERE t.statement_id = s.statement_id AND t.channel_id = s.channel_id))");
        }

        /// <summary>Every check, with a count of 0 where the invariant holds.</summary>
        public IReadOnlyList<IntegrityViolation> Check() =>
            Checks.Select(c => new IntegrityViolation { Check = c.Check, Description = c.Description, Count = db.Scalar<long>(c.Sql + ";") }).ToList();
    }
}
