using System.Collections.Generic;
using System.Linq;

namespace CommerceSync.Data
{
    /// <summary>The P-job's SQL: incremental copies of the channel's async tables to HQ above a per-channel, per-table watermark.</summary>
    public sealed class UploadStore
    {
        /// <summary>The uploaded tables, each with the columns both sides share.</summary>
        internal static readonly (string Channel, string Hq, string ChannelColumns, string HqColumns)[] Tables =
        {
            ("ch_async_customer", "hq_async_customer",
             "channel_id, counter, async_customer_id, account_number, operation, first_name, middle_name, last_name, name, relationship_type, customer_group, currency, language, email, phone, created_at, receipt_option, receipt_email",
             "channel_id, counter, async_customer_id, given_account, operation, first_name, middle_name, last_name, name, relationship_type, customer_group, currency, language, email, phone, created_at, receipt_option, receipt_email"),
            Same("ch_async_address", "hq_async_address",
             "channel_id, counter, address_id, async_customer_id, account_number, operation, name, street, street_number, city, county, state, zip_code, country, purpose, is_primary, created_at"),
            Same("ch_async_attribute", "hq_async_attribute",
             "channel_id, counter, async_customer_id, account_number, operation, name, data_type, value, created_at"),
            Same("ch_async_contact", "hq_async_contact",
             "channel_id, counter, async_customer_id, account_number, operation, contact_type, locator, description, is_primary, created_at"),
            Same("ch_async_affiliation", "hq_async_affiliation",
             "channel_id, counter, async_customer_id, account_number, operation, affiliation, created_at"),
            Same("ch_transaction", "hq_transaction",
             "channel_id, counter, transaction_id, type, account_number, async_customer_id, delivery_address_id, amount_minor, line_count, business_date, created_at"),
        };

        private static (string, string, string, string) Same(string channel, string hq, string columns) => (channel, hq, columns, columns);

        public const int CustomerTable = 0, AddressTable = 1, AttributeTable = 2, ContactTable = 3, AffiliationTable = 4, TransactionTable = 5;

        private readonly StoreDatabase db;

        public UploadStore(StoreDatabase db) { this.db = db; }

        /// <summary>The largest counter HQ holds for the channel in that table: everything above it is due.</summary>
        public long Watermark(int table, string channelId) =>
            db.Scalar<long>("SELECT COALESCE(MAX(counter), 0) FROM " + Tables[table].Hq + " WHERE channel_id = $ch;", ("$ch", channelId));

        /// <summary>Rows due for upload per table, up to <paramref name="upTo"/>.</summary>
        public long CountDue(int table, string channelId, long upTo = long.MaxValue) =>
            db.Scalar<long>("SELECT COUNT(*) FROM " + Tables[table].Channel + " WHERE channel_id = $ch AND counter > $wm AND counter <= $up;",
                ("$ch", channelId), ("$wm", Watermark(table, channelId)), ("$up", upTo));

        /// <summary>
        /// Copies at most <paramref name="limit"/> due rows, oldest first, stamped with the run. Returns how many, and how many of
        /// their customers the run had not counted yet. Never touches rows HQ already has.
        /// </summary>
        public (int Rows, int Customers) UploadChunk(int table, string channelId, long upTo, int limit, long runId)
        {
            var t = Tables[table];
            var watermark = Watermark(table, channelId);
            var rows = db.Execute("INSERT INTO " + t.Hq + "(" + t.HqColumns + ", upload_run_id) SELECT " + t.ChannelColumns + ", $run FROM " + t.Channel +
                " WHERE channel_id = $ch AND counter > $wm AND counter <= $up ORDER BY counter LIMIT $limit;",
                ("$run", runId), ("$ch", channelId), ("$wm", watermark), ("$up", upTo), ("$limit", limit));
            if (rows > 0) new SessionStore(db).Add(runId, DataSessionType.Upload, SessionStore.PJobSchedule, channelId, ChannelDatabaseKind.Channel, rows);
            if (rows > 0 && table == TransactionTable) new OrderStore(db).MarkRealTimeOrdersDone(channelId, watermark, runId, System.DateTime.UtcNow);
            if (rows == 0 || table == TransactionTable) return (rows, 0);
            // The rows just copied are all HQ holds above the old watermark: their customers, by async id, or by account number
            // for a customer the store knows synced.
            var customers = RunCustomers.Add(db, runId, "SELECT COALESCE(async_customer_id, " + (table == CustomerTable ? "given_account" : "account_number") +
                ") AS customer_key FROM " + t.Hq + " WHERE channel_id = $ch AND counter > $wm", ("$ch", channelId), ("$wm", watermark));
            return (rows, customers);
        }

        /// <summary>Per channel, the largest counter of any operation of these async customers: uploading up to it uploads all of them.</summary>
        public Dictionary<string, long> MaxCounters(IEnumerable<string> asyncCustomerIds, IEnumerable<(string ChannelId, string TransactionId)>? transactions = null)
        {
            var ids = SqlText.JsonArray(asyncCustomerIds);
            return db.Stream(@"SELECT channel_id, MAX(counter) FROM (
  SELECT channel_id, counter FROM ch_async_customer WHERE async_customer_id IN (SELECT value FROM json_each($ids))
  UNION ALL SELECT channel_id, counter FROM ch_async_address WHERE async_customer_id IN (SELECT value FROM json_each($ids))
  UNION ALL SELECT channel_id, counter FROM ch_async_attribute WHERE async_customer_id IN (SELECT value FROM json_each($ids))
  UNION ALL SELECT channel_id, counter FROM ch_async_contact WHERE async_customer_id IN (SELECT value FROM json_each($ids))
  UNION ALL SELECT channel_id, counter FROM ch_async_affiliation WHERE async_customer_id IN (SELECT value FROM json_each($ids))
  UNION ALL SELECT t.channel_id, t.counter FROM " + SqlText.JoinKeys("$tx", "ch_transaction", "t", "channel_id", "transaction_id") + @")
GROUP BY channel_id;", r => (r.GetString(0), r.GetInt64(1)), ("$ids", ids), ("$tx", SqlText.JsonPairs(transactions ?? Enumerable.Empty<(string, string)>())))
                .ToDictionary(x => x.Item1, x => x.Item2, System.StringComparer.OrdinalIgnoreCase);
        }
    }
}
