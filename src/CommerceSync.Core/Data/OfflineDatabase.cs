using System.Linq;

namespace CommerceSync.Data
{
    /// <summary>
    /// A channel's offline database (the off_ tables: what its registers create while offline) as it rejoins the channel
    /// database. On its own, so the channel's settings (which start the move) and the async customers (which write the
    /// tables) need not call into each other.
    /// </summary>
    internal sealed class OfflineDatabase
    {
        private readonly StoreDatabase db;

        public OfflineDatabase(StoreDatabase db) { this.db = db; }

        /// <summary>
        /// A register back online: the customers it created offline move to the channel database, in the order they were made,
        /// with new replication counters, so the P-job uploads them like any other. Returns how many customers moved.
        /// </summary>
        public int MoveToChannel(string channelId)
        {
            using (var tx = db.BeginWrite())
            {
                var range = db.Stream(@"SELECT MIN(seq), MAX(seq) FROM (SELECT seq FROM off_async_customer WHERE channel_id = $ch
  UNION ALL SELECT seq FROM off_async_address WHERE channel_id = $ch UNION ALL SELECT seq FROM off_async_attribute WHERE channel_id = $ch);",
                    r => (Min: r.LongOrNull(0), Max: r.LongOrNull(1)), ("$ch", channelId)).Single();
                if (!range.Min.HasValue) return 0;
                // MAX is null only when MIN is.
                var first = ChannelCounters.Reserve(db, channelId, (int)(range.Max!.Value - range.Min.Value + 1));
                var shift = ("$shift", (object)(first - range.Min.Value));
                var ch = ("$ch", (object)channelId);
                var moved = db.Execute(@"INSERT INTO ch_async_customer(channel_id, counter, async_customer_id, operation, first_name, middle_name, last_name, name,
  relationship_type, customer_group, currency, language, email, phone, created_at, receipt_option, receipt_email)
SELECT channel_id, seq + $shift, async_customer_id, 1, first_name, middle_name, last_name, name, relationship_type, customer_group, currency, language, email, phone, created_at,
  receipt_option, receipt_email
FROM off_async_customer WHERE channel_id = $ch;", shift, ch);
                db.Execute(@"INSERT INTO ch_async_address(channel_id, counter, address_id, async_customer_id, operation, name, street, street_number, city, county, state, zip_code, country, purpose, is_primary, created_at)
SELECT channel_id, seq + $shift, address_id, async_customer_id, 1, name, street, street_number, city, county, state, zip_code, country, purpose, is_primary, created_at
FROM off_async_address WHERE channel_id = $ch;", shift, ch);
                db.Execute(@"INSERT INTO ch_async_attribute(channel_id, counter, async_customer_id, operation, name, data_type, value, created_at)
SELECT channel_id, seq + $shift, async_customer_id, 1, name, data_type, value, created_at FROM off_async_attribute WHERE channel_id = $ch;", shift, ch);
                foreach (var t in new[] { "off_async_customer", "off_async_address", "off_async_attribute" })
                {
                    db.Execute("DELETE FROM " + t + " WHERE channel_id = $ch;", ch);
                }
                tx.Commit();
                return moved;
            }
        }
    }
}
