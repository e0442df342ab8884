using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CommerceSync.Rules;

namespace CommerceSync.Data
{
    public sealed class TransactionFilter
    {
        public string[]? ChannelIds { get; set; }
        public string[]? TransactionIds { get; set; }
        public TransactionType? Type { get; set; }
        public TransactionStatus[]? Statuses { get; set; }
        public string[]? AsyncCustomerIds { get; set; }
        public string[]? AccountNumbers { get; set; }
        public ValidationStatus[]? ValidationStatuses { get; set; }
        public bool IncludeLines { get; set; } = true;
    }

    /// <summary>Sales transactions as the channel records them, and their status at HQ.</summary>
    public sealed class TransactionStore
    {
        private readonly StoreDatabase db;
        private readonly ChannelStore channels;

        public TransactionStore(StoreDatabase db)
        {
            this.db = db;
            channels = new ChannelStore(db);
        }

        /// <summary>Amounts are kept in hundredths, so totals add up exactly.</summary>
        internal static long ToMinor(decimal amount) => (long)decimal.Round(amount * 100m, 0, MidpointRounding.AwayFromZero);
        internal static decimal FromMinor(long minor) => minor / 100m;
        internal static string DateText(DateTime d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        internal static DateTime ParseDate(string s) => DateTime.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        /// <summary>
        /// Checks a sale as a POS would: the customer reference must be one the store can see, a customer order needs a customer,
        /// amounts are positive. A customer given by both references keeps the GUID while the store has not received the account (job 1010).
        /// </summary>
        public Transaction Prepare(Transaction t)
        {
            var channel = channels.Get(t.ChannelId);
            t.ChannelId = channel.ChannelId;
            TransactionRules.PrepareAmount(t);
            var (account, asyncId) = TransactionRules.Reference(t.AccountNumber, t.AsyncCustomerId, a => StoreKnowsAccount(channel, a));
            if (asyncId != null && db.Scalar<long>("SELECT COUNT(*) FROM ch_async_customer WHERE channel_id = $ch AND async_customer_id = $id AND operation = 1;",
                    ("$ch", channel.ChannelId), ("$id", asyncId)) == 0)
            {
                throw TransactionRules.AsyncCustomerNotReferenceable(asyncId, channel.ChannelId);
            }
            if (account != null && !StoreKnowsAccount(channel, account) &&
                db.Scalar<long>("SELECT COUNT(*) FROM cust_table WHERE data_area_id = $a AND account_number = $acc;", ("$a", channel.DataAreaId), ("$acc", account)) == 0)
            {
                throw PosRules.NotKnownToChannel(account, channel.ChannelId);
            }
            var addressId = TransactionRules.SetCustomer(t, account, asyncId);
            if (addressId != null && !AddressVisible(channel, addressId, account, asyncId))
            {
                throw TransactionRules.AddressNotOfCustomer(addressId, channel.ChannelId);
            }
            if (t.Type == TransactionType.CustomerOrder && channel.CustomerOrderMode != CustomerOrderMode.Asynchronous)
            {
                var hqAccount = account ?? HeadquartersAccountOf(asyncId!); // a customer order has one of them (SetCustomer)
                var missing = hqAccount == null ? "async customer " + asyncId
                    : addressId != null && !HeadquartersHasAddress(channel.DataAreaId!, hqAccount, addressId) ? "address " + addressId : null;
                t.RealTimeOrder = OrderModeRules.CreateInRealTime(channel.CustomerOrderMode, db.HeadquartersAvailable, missing, channel.ChannelId!)
                    ? (hqAccount!, channel.DataAreaId!) : ((string, string)?)null;
            }
            if (TransactionRules.PrepareDateAndId(t, DateTime.UtcNow) &&
                db.Scalar<long>("SELECT COUNT(*) FROM ch_transaction WHERE channel_id = $ch AND transaction_id = $id;", ("$ch", channel.ChannelId), ("$id", t.TransactionId)) > 0)
            {
                throw TransactionRules.TransactionExists(t.TransactionId, channel.ChannelId);
            }
            return t;
        }

        private bool StoreKnowsAccount(Channel channel, string account) =>
            db.Scalar<long>("SELECT COUNT(*) FROM channel_customer WHERE channel_id = $ch AND database = 0 AND account_number = $acc;",
                ("$ch", channel.ChannelId), ("$acc", account)) > 0;

        /// <summary>The account HQ created for an async customer (by the sync job, Synchronize orders or posting), or null.</summary>
        private string? HeadquartersAccountOf(string asyncCustomerId) =>
            db.Scalar<string>("SELECT account_number FROM retail_cust_table WHERE cust_account_async = $id;", ("$id", asyncCustomerId));

        private bool HeadquartersHasAddress(string dataAreaId, string account, string addressId) =>
            db.Scalar<long>("SELECT COUNT(*) FROM hq_address WHERE data_area_id = $a AND account_number = $acc AND address_id = $aid;",
                ("$a", dataAreaId), ("$acc", account), ("$aid", addressId)) > 0;

        private bool AddressVisible(Channel channel, string addressId, string? account, string? asyncId)
        {
            // The address is the customer's at this store: added at the POS (for the async id or the account) and not deactivated
            // there since, or known at HQ and not deactivated at this POS.
            var owner = asyncId != null ? "async_customer_id = $id" : "account_number = $acc";
            return db.Scalar<long>(@"SELECT CASE WHEN (SELECT operation FROM ch_async_address WHERE channel_id = $ch AND address_id = $aid AND " + owner + @" ORDER BY counter DESC LIMIT 1) <> 3
 OR (EXISTS(SELECT 1 FROM hq_address WHERE data_area_id = $area AND account_number = $acc AND address_id = $aid)
     AND NOT EXISTS(SELECT 1 FROM ch_async_address WHERE channel_id = $ch AND address_id = $aid AND operation = 3 AND " + owner + @")) THEN 1 ELSE 0 END;",
                ("$ch", channel.ChannelId), ("$aid", addressId), ("$id", asyncId), ("$acc", account ?? ""), ("$area", channel.DataAreaId)) == 1;
        }

        /// <summary>Appends prepared transactions (and their lines) in one transaction, each with the channel's next counter.</summary>
        public void Append(IReadOnlyList<Transaction> prepared)
        {
            if (prepared.Count == 0) return;
            var now = DateTime.UtcNow;
            using (var tx = db.BeginWrite())
            using (var ins = db.Command(@"INSERT INTO ch_transaction(channel_id, counter, transaction_id, type, account_number, async_customer_id, delivery_address_id,
  amount_minor, line_count, business_date, created_at) VALUES ($ch, $n, $id, $type, $acc, $async, $addr, $amount, $lines, $date, $at);"))
            using (var line = db.Command("INSERT INTO ch_transaction_line(channel_id, transaction_id, line_number, item_id, quantity, price_minor) VALUES ($ch, $id, $no, $item, $qty, $price);"))
            {
                foreach (var group in prepared.GroupBy(t => t.ChannelId!, StringComparer.OrdinalIgnoreCase)) // prepared: each has its channel
                {
                    var counter = ChannelCounters.Reserve(db, group.Key, group.Count());
                    foreach (var t in group)
                    {
                        t.ReplicationCounter = counter++;
                        t.CreatedAt = now;
                        if (string.IsNullOrEmpty(t.TransactionId)) t.TransactionId = t.ChannelId + "-" + t.ReplicationCounter.ToString("D8", CultureInfo.InvariantCulture);
                        t.LineCount = t.Lines?.Length ?? 0;
                        db.Bind(ins, ("$ch", t.ChannelId), ("$n", t.ReplicationCounter), ("$id", t.TransactionId), ("$type", (int)t.Type),
                            ("$acc", t.AccountNumber), ("$async", t.AsyncCustomerId), ("$addr", t.DeliveryAddressId), ("$amount", ToMinor(t.Amount)),
                            ("$lines", t.LineCount), ("$date", DateText(t.BusinessDate)), ("$at", now.ToStoreText()));
                        ins.ExecuteNonQuery();
                        var no = 1;
                        foreach (var l in t.Lines ?? Array.Empty<TransactionLine>())
                        {
                            db.Bind(line, ("$ch", t.ChannelId), ("$id", t.TransactionId), ("$no", no++), ("$item", l.ItemId),
                                ("$qty", l.Quantity.ToString(CultureInfo.InvariantCulture)), ("$price", ToMinor(l.Price)));
                            line.ExecuteNonQuery();
                        }
                    }
                }
                new OrderStore(db).AddRealTimeOrders(prepared.Where(t => t.RealTimeOrder.HasValue).ToList(), now);
                tx.Commit();
            }
        }

        private const string SelectWithStatus = @"
SELECT * FROM (
  SELECT c.channel_id, c.counter, c.transaction_id, c.type,
         COALESCE(c.account_number, h.resolved_account, rt.account_number, CASE WHEN h.counter IS NOT NULL THEN r.account_number END) AS account,
         c.async_customer_id, c.delivery_address_id, c.amount_minor, c.line_count, c.business_date, c.created_at,
         CASE WHEN h.counter IS NULL THEN (CASE WHEN rt.sales_id IS NOT NULL THEN 2 ELSE 0 END)
              WHEN h.status = 2 THEN 4 WHEN h.status = 1 THEN (CASE WHEN c.type = 1 THEN 2 ELSE 3 END) ELSE 1 END AS status,
         COALESCE(h.sales_id, rt.sales_id), h.statement_id, h.last_error, COALESCE(h.validation_status, 0) AS validation_status, h.validation_error
  FROM ch_transaction c
  LEFT JOIN hq_transaction h ON h.channel_id = c.channel_id AND h.counter = c.counter
  LEFT JOIN retail_cust_table r ON r.cust_account_async = c.async_customer_id
  -- A customer order created at HQ in real time is synchronized before the P-job uploads it.
  LEFT JOIN sales_order rt ON c.type = 1 AND h.counter IS NULL AND rt.channel_id = c.channel_id AND rt.transaction_id = c.transaction_id AND rt.origin = 0
  WHERE 1 = 1 {0}
) s
WHERE 1 = 1 {1}
ORDER BY s.channel_id, s.counter;";

        public IEnumerable<Transaction> Read(TransactionFilter? filter)
        {
            filter = filter ?? new TransactionFilter();
            var inner = new SqlFilter()
                .In(filter.ChannelIds, "c.channel_id", "$channels")
                .In(filter.TransactionIds, "c.transaction_id", "$ids")
                .When(filter.Type.HasValue, "c.type = $type", ("$type", filter.Type.HasValue ? (object)(int)filter.Type.Value : null))
                .In(filter.AsyncCustomerIds, "c.async_customer_id", "$async");
            var outer = new SqlFilter()
                .InIntegers(filter.Statuses?.Select(s => (int)s), "s.status", "$statuses")
                .In(filter.AccountNumbers, "s.account", "$accounts")
                .InIntegers(filter.ValidationStatuses?.Select(v => (int)v), "s.validation_status", "$validation");
            var rows = db.Stream(string.Format(SelectWithStatus, inner.Sql, outer.Sql), r => new Transaction
            {
                ChannelId = r.GetString(0),
                ReplicationCounter = r.GetInt64(1),
                TransactionId = r.GetString(2),
                Type = (TransactionType)r.GetInt32(3),
                AccountNumber = r.Str(4),
                AsyncCustomerId = r.Str(5),
                DeliveryAddressId = r.Str(6),
                Amount = FromMinor(r.GetInt64(7)),
                LineCount = r.GetInt32(8),
                BusinessDate = ParseDate(r.GetString(9)),
                CreatedAt = r.Time(10),
                Status = (TransactionStatus)r.GetInt32(11),
                SalesId = r.Str(12),
                StatementId = r.Str(13),
                Error = r.GetInt32(11) == (int)TransactionStatus.Failed ? r.Str(14) : null,
                ValidationStatus = (ValidationStatus)r.GetInt32(15),
                ValidationError = r.Str(16),
            }, inner.With(outer.Args));
            return filter.IncludeLines ? WithLines(rows) : rows;
        }

        private IEnumerable<Transaction> WithLines(IEnumerable<Transaction> rows)
        {
            foreach (var t in rows)
            {
                if (t.LineCount > 0)
                {
                    t.Lines = db.Stream("SELECT item_id, quantity, price_minor FROM ch_transaction_line WHERE channel_id = $ch AND transaction_id = $id ORDER BY line_number;",
                        r => new TransactionLine { ItemId = r.GetString(0), Quantity = decimal.Parse(r.GetString(1), CultureInfo.InvariantCulture), Price = FromMinor(r.GetInt64(2)) },
                        ("$ch", t.ChannelId), ("$id", t.TransactionId)).ToArray();
                }
                yield return t;
            }
        }
    }
}
