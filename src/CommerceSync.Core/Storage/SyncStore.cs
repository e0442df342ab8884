using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Data.Sqlite;

namespace CommerceSync.Storage
{
    /// <summary>Which uploaded rows a sync run looks at.</summary>
    public sealed class SyncScope
    {
        public string[] ChannelIds { get; set; }
        /// <summary>Only these async customers (record mode, or an admin retrying one).</summary>
        public string[] AsyncCustomerIds { get; set; }
        /// <summary>Also addresses with these ids, whoever owns them (orders and statements name the address they reference).</summary>
        public string[] AddressIds { get; set; }
        /// <summary>Retry rows that failed before. Bulk runs skip them: they would fail the same way until fixed.</summary>
        public bool IncludeFailed { get; set; }
    }

    /// <summary>One uploaded customer operation waiting for the sync job.</summary>
    public sealed class DueCustomerOperation
    {
        public string ChannelId;
        public long Counter;
        public string AsyncCustomerId;
        public AsyncOperation Operation;
        public string FirstName, MiddleName, LastName, Name, Email, Phone, Currency, CustomerGroup;
        public RelationshipType RelationshipType;
        public string DataAreaId;
    }

    /// <summary>One uploaded address or attribute operation whose customer HQ can now name.</summary>
    public sealed class DueChildOperation
    {
        public string ChannelId;
        public long Counter;
        public string AsyncCustomerId;
        public string GivenAccount;
        public string OwnerAccount;
        public bool OwnerExists;
        public string DataAreaId;
        public string Country;
        public AttributeDataType DataType;
        public string Value;
    }

    /// <summary>The sync job's SQL ("Synchronize customers and channel requests"): reads due rows, creates accounts set-based per chunk.</summary>
    public sealed class SyncStore
    {
        public const string CustomerSequence = "Customer";
        public const string PartySequence = "Party";
        private readonly StoreDatabase db;
        private bool tempReady;

        public SyncStore(StoreDatabase db) { this.db = db; }

        private static (string Sql, (string, object)[] Args) Scope(string alias, SyncScope s, bool addresses = false)
        {
            var sql = "";
            var args = new List<(string, object)>();
            if (s.AsyncCustomerIds != null || (addresses && s.AddressIds != null))
            {
                var parts = new List<string>();
                if (s.AsyncCustomerIds != null)
                {
                    parts.Add(alias + ".async_customer_id IN (SELECT value FROM json_each($ids))");
                    args.Add(("$ids", SqlText.JsonArray(s.AsyncCustomerIds)));
                }
                if (addresses && s.AddressIds != null)
                {
                    parts.Add(alias + ".address_id IN (SELECT value FROM json_each($addressIds))");
                    args.Add(("$addressIds", SqlText.JsonArray(s.AddressIds)));
                }
                sql += " AND (" + string.Join(" OR ", parts) + ")";
            }
            else if (s.AddressIds != null)
            {
                sql += " AND 0"; // scoped to addresses only: no customer or attribute rows
            }
            if (s.ChannelIds != null)
            {
                sql += " AND " + alias + ".channel_id IN (SELECT value FROM json_each($channels))";
                args.Add(("$channels", SqlText.JsonArray(s.ChannelIds)));
            }
            if (!s.IncludeFailed) sql += " AND " + alias + ".sync_status <> 2";
            return (sql, args.ToArray());
        }

        /// <summary>The oldest due customer operations in counter order.</summary>
        public List<DueCustomerOperation> ReadDueCustomers(SyncScope scope, int limit)
        {
            var (where, args) = Scope("h", scope);
            return db.Query(@"SELECT h.channel_id, h.counter, h.async_customer_id, h.operation, h.first_name, h.middle_name, h.last_name, h.name,
  h.email, h.phone, h.currency, h.customer_group, h.relationship_type, ch.data_area_id
FROM hq_async_customer h JOIN channel ch ON ch.channel_id = h.channel_id
WHERE h.online_operation_completed = 0 AND h.operation = 1" + where + " ORDER BY h.channel_id, h.counter LIMIT $limit;", r => new DueCustomerOperation
            {
                ChannelId = r.GetString(0), Counter = r.GetInt64(1), AsyncCustomerId = r.GetString(2), Operation = (AsyncOperation)r.GetInt32(3),
                FirstName = r.Str(4), MiddleName = r.Str(5), LastName = r.Str(6), Name = r.Str(7), Email = r.Str(8), Phone = r.Str(9),
                Currency = r.Str(10), CustomerGroup = r.Str(11), RelationshipType = (RelationshipType)r.GetInt32(12), DataAreaId = r.GetString(13),
            }, args.Concat(new (string, object)[] { ("$limit", limit) }).ToArray()).ToList();
        }

        /// <summary>Accounts already created for these async customers, by any path: the exactly-once check.</summary>
        public Dictionary<string, string> ExistingAccounts(IEnumerable<string> asyncCustomerIds) =>
            db.Query("SELECT cust_account_async, account_number FROM retail_cust_table WHERE cust_account_async IN (SELECT value FROM json_each($ids));",
                r => (r.GetString(0), r.GetString(1)), ("$ids", SqlText.JsonArray(asyncCustomerIds)))
              .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.OrdinalIgnoreCase);

        /// <summary>Reserves <paramref name="count"/> customer account numbers of a legal entity. Call inside a write transaction.</summary>
        public List<string> AllocateAccountNumbers(string dataAreaId, int count) =>
            AllocateNumbers(dataAreaId, CustomerSequence, db.GetSetting("AccountNumberFormat") ?? StoreDatabase.DefaultAccountNumberFormat, count);

        /// <summary>
        /// Reserves <paramref name="count"/> numbers of a legal entity's number sequence, creating it with <paramref name="defaultFormat"/>
        /// on first use; returns them formatted. Call inside a write transaction.
        /// </summary>
        public List<string> AllocateNumbers(string dataAreaId, string code, string defaultFormat, int count)
        {
            var format = AccountNumberFormat.Parse(defaultFormat);
            db.Execute("INSERT INTO number_sequence(data_area_id, code, prefix, width, next_value) VALUES ($a, $c, $p, $w, 1) ON CONFLICT DO NOTHING;",
                ("$a", dataAreaId), ("$c", code), ("$p", format.Prefix), ("$w", format.Width));
            var row = db.Query("UPDATE number_sequence SET next_value = next_value + $n WHERE data_area_id = $a AND code = $c RETURNING next_value - $n, prefix, width;",
                r => (First: r.GetInt64(0), Prefix: r.GetString(1), Width: r.GetInt32(2)), ("$n", count), ("$a", dataAreaId), ("$c", code)).Single();
            var seq = AccountNumberFormat.Parse(row.Prefix + new string('#', row.Width));
            if (row.First + count - 1 > seq.MaxValue)
            {
                throw new CommerceSyncException(ErrorIds.NumberSequenceExhausted, ErrorKind.InvalidOperation,
                    "The " + code + " number sequence of legal entity '" + dataAreaId + "' (" + seq + ") has no numbers left.", dataAreaId);
            }
            var result = new List<string>(count);
            for (var i = 0; i < count; i++) result.Add(seq.Format(row.First + i));
            return result;
        }

        public long AllocatePartyIds(int count) =>
            db.Scalar<long>("SELECT COALESCE(MAX(party_id), 0) + 1 FROM party;");

        private void EnsureTemp()
        {
            if (tempReady) return;
            db.Execute(@"CREATE TEMP TABLE IF NOT EXISTS sync_work(
  channel_id TEXT NOT NULL, counter INTEGER NOT NULL, account_number TEXT NOT NULL, data_area_id TEXT NOT NULL,
  party_id INTEGER, name TEXT, is_new INTEGER NOT NULL, PRIMARY KEY(channel_id, counter));");
            tempReady = true;
        }

        /// <summary>A decided row of the current chunk: create (is_new) or link to an existing account.</summary>
        public sealed class CustomerDecision
        {
            public DueCustomerOperation Row;
            public string AccountNumber;
            public long? PartyId;
            public string Name;
            public bool IsNew;
        }

        /// <summary>Applies a chunk's decisions set-based: party, CustTable, RetailCustTable (the async link), change log, and the uploaded rows' completion.</summary>
        public void ApplyCustomers(IReadOnlyList<CustomerDecision> decisions, long runId, DateTime now)
        {
            if (decisions.Count == 0) return;
            EnsureTemp();
            db.Execute("DELETE FROM temp.sync_work;");
            using (var ins = db.Command("INSERT INTO temp.sync_work(channel_id, counter, account_number, data_area_id, party_id, name, is_new) VALUES ($ch, $n, $acc, $area, $party, $name, $new);"))
            {
                foreach (var d in decisions)
                {
                    AsyncCustomerStore.Bind(ins, ("$ch", d.Row.ChannelId), ("$n", d.Row.Counter), ("$acc", d.AccountNumber), ("$area", d.Row.DataAreaId),
                        ("$party", d.PartyId), ("$name", d.Name), ("$new", d.IsNew ? 1 : 0));
                    ins.ExecuteNonQuery();
                }
            }
            var t = ("$now", (object)now.ToStoreText());
            var run = ("$run", (object)runId);
            db.Execute("INSERT INTO party(party_id, name, party_type) SELECT w.party_id, w.name, h.relationship_type FROM temp.sync_work w JOIN hq_async_customer h ON h.channel_id = w.channel_id AND h.counter = w.counter WHERE w.is_new = 1;");
            db.Execute(@"INSERT INTO cust_table(data_area_id, account_number, party_id, first_name, middle_name, last_name, name, customer_group, currency, language, email, phone, created_at, modified_at)
SELECT w.data_area_id, w.account_number, w.party_id, h.first_name, h.middle_name, h.last_name, w.name, h.customer_group, UPPER(h.currency), h.language, h.email, h.phone, $now, $now
FROM temp.sync_work w JOIN hq_async_customer h ON h.channel_id = w.channel_id AND h.counter = w.counter WHERE w.is_new = 1;", t);
            db.Execute(@"INSERT INTO retail_cust_table(data_area_id, account_number, cust_account_async, origin_channel_id)
SELECT w.data_area_id, w.account_number, h.async_customer_id, h.channel_id
FROM temp.sync_work w JOIN hq_async_customer h ON h.channel_id = w.channel_id AND h.counter = w.counter WHERE w.is_new = 1;");
            db.Execute("INSERT INTO hq_change(data_area_id, account_number, run_id) SELECT data_area_id, account_number, $run FROM temp.sync_work WHERE is_new = 1 ORDER BY channel_id, counter;", run);
            db.Execute(@"UPDATE hq_async_customer SET online_operation_completed = 1, sync_status = 1, last_error = NULL,
  account_number = w.account_number, sync_run_id = $run, synced_at = $now
FROM temp.sync_work w WHERE hq_async_customer.channel_id = w.channel_id AND hq_async_customer.counter = w.counter;", run, t);
        }

        /// <summary>Marks one uploaded row failed with its reason; it stays uncompleted so an admin can fix and retry it.</summary>
        public void MarkFailed(string table, string channelId, long counter, string error, long runId, DateTime now) =>
            db.Execute("UPDATE " + ChildTable(table) + " SET sync_status = 2, last_error = $e, sync_run_id = $run, synced_at = $now WHERE channel_id = $ch AND counter = $n;",
                ("$e", error), ("$run", runId), ("$now", now.ToStoreText()), ("$ch", channelId), ("$n", counter));

        private static string ChildTable(string table)
        {
            switch (table)
            {
                case "customer": return "hq_async_customer";
                case "address": return "hq_async_address";
                case "attribute": return "hq_async_attribute";
                default: throw new ArgumentOutOfRangeException(nameof(table));
            }
        }

        /// <summary>
        /// Due address or attribute operations whose customer HQ can name: a synced account given at the POS,
        /// or an async customer that has its account now. The rest wait for their customer.
        /// </summary>
        public List<DueChildOperation> ReadDueChildren(string table, SyncScope scope, int limit)
        {
            var (where, args) = Scope("a", scope, addresses: table == "address");
            var extra = table == "address" ? "a.country, NULL, NULL" : "NULL, a.data_type, a.value";
            return db.Query(@"SELECT a.channel_id, a.counter, a.async_customer_id, a.account_number, COALESCE(a.account_number, r.account_number), ch.data_area_id,
  EXISTS(SELECT 1 FROM cust_table c WHERE c.data_area_id = ch.data_area_id AND c.account_number = COALESCE(a.account_number, r.account_number)), " + extra + @"
FROM " + ChildTable(table) + @" a JOIN channel ch ON ch.channel_id = a.channel_id
LEFT JOIN retail_cust_table r ON r.cust_account_async = a.async_customer_id
WHERE a.online_operation_completed = 0 AND (a.account_number IS NOT NULL OR r.account_number IS NOT NULL)" + where + " ORDER BY a.channel_id, a.counter LIMIT $limit;",
                r => new DueChildOperation
                {
                    ChannelId = r.GetString(0), Counter = r.GetInt64(1), AsyncCustomerId = r.Str(2), GivenAccount = r.Str(3), OwnerAccount = r.Str(4),
                    DataAreaId = r.GetString(5), OwnerExists = r.Bool(6), Country = r.Str(7),
                    DataType = r.IsDBNull(8) ? AttributeDataType.Text : (AttributeDataType)r.GetInt32(8), Value = r.Str(9),
                }, args.Concat(new (string, object)[] { ("$limit", limit) }).ToArray()).ToList();
        }

        /// <summary>Applies valid address or attribute operations set-based, latest counter last so it wins, and logs the customers as changed.</summary>
        public void ApplyChildren(string table, IReadOnlyList<DueChildOperation> rows, long runId, DateTime now)
        {
            if (rows.Count == 0) return;
            EnsureTemp();
            db.Execute("DELETE FROM temp.sync_work;");
            using (var ins = db.Command("INSERT INTO temp.sync_work(channel_id, counter, account_number, data_area_id, is_new) VALUES ($ch, $n, $acc, $area, 0);"))
            {
                foreach (var d in rows)
                {
                    AsyncCustomerStore.Bind(ins, ("$ch", d.ChannelId), ("$n", d.Counter), ("$acc", d.OwnerAccount), ("$area", d.DataAreaId));
                    ins.ExecuteNonQuery();
                }
            }
            var src = ChildTable(table);
            if (table == "address")
            {
                db.Execute(@"INSERT INTO hq_address(data_area_id, account_number, address_id, name, street, street_number, city, county, state, zip_code, country, purpose, is_primary)
SELECT w.data_area_id, w.account_number, a.address_id, a.name, a.street, a.street_number, a.city, a.county, a.state, a.zip_code, UPPER(TRIM(a.country)), a.purpose, a.is_primary
FROM temp.sync_work w JOIN hq_async_address a ON a.channel_id = w.channel_id AND a.counter = w.counter
WHERE true ORDER BY a.counter
ON CONFLICT(data_area_id, account_number, address_id) DO UPDATE SET name = excluded.name, street = excluded.street, street_number = excluded.street_number,
  city = excluded.city, county = excluded.county, state = excluded.state, zip_code = excluded.zip_code, country = excluded.country,
  purpose = excluded.purpose, is_primary = excluded.is_primary;");
            }
            else
            {
                db.Execute(@"INSERT INTO hq_customer_attribute(data_area_id, account_number, name, data_type, value)
SELECT w.data_area_id, w.account_number, a.name, a.data_type, a.value
FROM temp.sync_work w JOIN hq_async_attribute a ON a.channel_id = w.channel_id AND a.counter = w.counter
WHERE true ORDER BY a.counter
ON CONFLICT(data_area_id, account_number, name) DO UPDATE SET data_type = excluded.data_type, value = excluded.value;");
            }
            db.Execute("UPDATE cust_table SET modified_at = $now WHERE (data_area_id, account_number) IN (SELECT data_area_id, account_number FROM temp.sync_work);", ("$now", now.ToStoreText()));
            db.Execute("INSERT INTO hq_change(data_area_id, account_number, run_id) SELECT DISTINCT data_area_id, account_number, $run FROM temp.sync_work;", ("$run", runId));
            db.Execute("UPDATE " + src + @" SET online_operation_completed = 1, sync_status = 1, last_error = NULL, resolved_account = w.account_number, sync_run_id = $run, synced_at = $now
FROM temp.sync_work w WHERE " + src + ".channel_id = w.channel_id AND " + src + ".counter = w.counter;",
                ("$run", runId), ("$now", now.ToStoreText()));
        }

    }
}
