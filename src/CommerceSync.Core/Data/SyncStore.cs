using System;
using System.Data.Common;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Rules;

using CommerceSync.Data.Engines;

namespace CommerceSync.Data
{
    /// <summary>Which uploaded rows a sync run looks at.</summary>
    public sealed class SyncScope
    {
        public string[]? ChannelIds { get; set; }
        /// <summary>Only these async customers (record mode, or an admin retrying one).</summary>
        public string[]? AsyncCustomerIds { get; set; }
        /// <summary>Also addresses with these ids, whoever owns them (orders and statements name the address they reference).</summary>
        public string[]? AddressIds { get; set; }
        /// <summary>Retry rows that failed before. Bulk runs skip them: they would fail the same way until fixed.</summary>
        public bool IncludeFailed { get; set; }
        /// <summary>With <see cref="IncludeFailed"/>: skip rows that already failed in this run, so a run retries each failed row once, however many chunks it takes.</summary>
        public long? RetryRunId { get; set; }
    }

    /// <summary>The sync job's SQL ("Synchronize customers and channel requests"): reads due rows, creates and updates accounts set-based per chunk.</summary>
    public sealed class SyncStore
    {
        /// <summary>
        /// The child tables the sync job applies after customers, with what it checks and how it writes them. A chunk may hold
        /// several operations on the same address, attribute or contact: only the latest (by counter) is written, as one upsert
        /// may change each row once.
        /// </summary>
        internal static readonly Dictionary<string, (string Hq, string CheckedColumns, string Apply)> Children = new Dictionary<string, (string, string, string)>
        {
            // An address's latest row wins, in counter order: operations 1 and 2 write it whole, 3 deactivates it (HQ drops it
            // from the customer). Then one primary address per customer and purpose: a row that makes an address primary takes
            // the flag, for good, from the customer's other address of that purpose, unless that one was made primary later (as
            // the POS folds its log, AddressRules.Fold).
            ["address"] = ("hq_async_address", "a.country, a.operation", @"
DELETE FROM temp.sync_address_rows;
INSERT INTO temp.sync_address_rows(data_area_id, account_number, address_id, counter, operation, name, street, street_number, city, county, state, zip_code, country, purpose, is_primary)
SELECT w.data_area_id, w.account_number, a.address_id, a.counter, a.operation, a.name, a.street, a.street_number, a.city, a.county, a.state, a.zip_code,
       UPPER(TRIM(a.country)), a.purpose, a.is_primary
FROM temp.sync_work w JOIN hq_async_address a ON a.channel_id = w.channel_id AND a.counter = w.counter
-- An operation that failed before (a run took it: sync_run_id), retried or corrected after a later operation of the same
-- address was applied, is out of date: it completes unapplied. Only such rows pay for the look at later rows.
WHERE NOT (a.sync_run_id IS NOT NULL AND EXISTS(SELECT 1 FROM hq_async_address n
  WHERE n.channel_id = a.channel_id AND n.counter > a.counter AND n.address_id = a.address_id AND n.sync_status = 1));
DELETE FROM temp.sync_address_latest;
INSERT INTO temp.sync_address_latest(data_area_id, account_number, address_id, counter, operation, name, street, street_number, city, county, state, zip_code, country, purpose, is_primary)
SELECT data_area_id, account_number, address_id, counter, operation, name, street, street_number, city, county, state, zip_code, country, purpose, is_primary FROM (
  SELECT r.*, ROW_NUMBER() OVER (PARTITION BY r.data_area_id, r.account_number, r.address_id ORDER BY r.counter DESC) AS latest
  FROM temp.sync_address_rows r) x
WHERE latest = 1;
INSERT INTO hq_address(data_area_id, account_number, address_id, name, street, street_number, city, county, state, zip_code, country, purpose, is_primary)
SELECT data_area_id, account_number, address_id, name, street, street_number, city, county, state, zip_code, country, purpose, is_primary FROM temp.sync_address_latest
WHERE operation <> 3
ON CONFLICT(data_area_id, account_number, address_id) DO UPDATE SET name = excluded.name, street = excluded.street, street_number = excluded.street_number,
  city = excluded.city, county = excluded.county, state = excluded.state, zip_code = excluded.zip_code, country = excluded.country,
  purpose = excluded.purpose, is_primary = excluded.is_primary;
DELETE FROM hq_address WHERE (data_area_id, account_number, address_id) IN (
  SELECT data_area_id, account_number, address_id FROM temp.sync_address_latest WHERE operation = 3);
UPDATE hq_address SET is_primary = 0
FROM (SELECT data_area_id, account_number, address_id, purpose, counter FROM temp.sync_address_rows WHERE is_primary = 1 AND operation <> 3) p
WHERE hq_address.data_area_id = p.data_area_id AND hq_address.account_number = p.account_number AND hq_address.is_primary = 1
  AND COALESCE(hq_address.purpose, '') = COALESCE(p.purpose, '') AND hq_address.address_id <> p.address_id
  AND p.counter > COALESCE((SELECT l.counter FROM temp.sync_address_latest l WHERE l.data_area_id = hq_address.data_area_id
    AND l.account_number = hq_address.account_number AND l.address_id = hq_address.address_id), -1);"),
            ["attribute"] = ("hq_async_attribute", "a.value, a.data_type, a.name", @"
INSERT INTO hq_customer_attribute(data_area_id, account_number, name, data_type, value)
SELECT data_area_id, account_number, name, data_type, value FROM (
  SELECT w.data_area_id, w.account_number, a.name, a.data_type, a.value,
         ROW_NUMBER() OVER (PARTITION BY w.data_area_id, w.account_number, a.name ORDER BY a.counter DESC) AS latest
  FROM temp.sync_work w JOIN hq_async_attribute a ON a.channel_id = w.channel_id AND a.counter = w.counter) x
WHERE latest = 1
ON CONFLICT(data_area_id, account_number, name) DO UPDATE SET data_type = excluded.data_type, value = excluded.value;"),
            ["contact"] = ("hq_async_contact", "a.locator, a.contact_type", @"
INSERT INTO hq_customer_contact(data_area_id, account_number, contact_type, locator, description, is_primary)
SELECT data_area_id, account_number, contact_type, locator, description, is_primary FROM (
  SELECT w.data_area_id, w.account_number, a.contact_type, TRIM(a.locator) AS locator, a.description, a.is_primary,
         ROW_NUMBER() OVER (PARTITION BY w.data_area_id, w.account_number, a.contact_type, TRIM(a.locator) ORDER BY a.counter DESC) AS latest
  FROM temp.sync_work w JOIN hq_async_contact a ON a.channel_id = w.channel_id AND a.counter = w.counter WHERE a.operation <> 3) x
WHERE latest = 1
ON CONFLICT(data_area_id, account_number, contact_type, locator) DO UPDATE SET description = excluded.description, is_primary = excluded.is_primary;
DELETE FROM hq_customer_contact WHERE (data_area_id, account_number, contact_type, locator) IN (
  SELECT w.data_area_id, w.account_number, a.contact_type, TRIM(a.locator)
  FROM temp.sync_work w JOIN hq_async_contact a ON a.channel_id = w.channel_id AND a.counter = w.counter WHERE a.operation = 3);"),
            ["affiliation"] = ("hq_async_affiliation", "a.affiliation, 0", @"
INSERT INTO hq_customer_affiliation(data_area_id, account_number, affiliation)
SELECT w.data_area_id, w.account_number, a.affiliation
FROM temp.sync_work w JOIN hq_async_affiliation a ON a.channel_id = w.channel_id AND a.counter = w.counter
WHERE a.operation <> 3 ORDER BY a.counter
ON CONFLICT DO NOTHING;
DELETE FROM hq_customer_affiliation WHERE (data_area_id, account_number, affiliation) IN (
  SELECT w.data_area_id, w.account_number, a.affiliation
  FROM temp.sync_work w JOIN hq_async_affiliation a ON a.channel_id = w.channel_id AND a.counter = w.counter WHERE a.operation = 3);"),
        };

        private readonly StoreDatabase db;
        private bool tempReady;

        public SyncStore(StoreDatabase db)
        {
            this.db = db;
            Changes = new ChangeLog(db);
        }

        /// <summary>Where the Apply methods note the customers they change; the caller writes it once per transaction, before commit.</summary>
        internal ChangeLog Changes { get; }

        /// <summary>
        /// The table's partial index of due rows, forced unless the scope is a list of ids: given a list of channels, SQLite
        /// otherwise walks the primary key past every row already completed, on every chunk, so a run slowed as it went.
        /// </summary>
        private static string DueIndex(string index, SyncScope s) =>
            s.AsyncCustomerIds == null && s.AddressIds == null ? " " + PlannerHints.IndexedBy(index) : "";

        private static (string Sql, (string, object?)[] Args) Scope(string alias, SyncScope s, bool addresses = false)
        {
            var sql = "";
            var args = new List<(string, object?)>();
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
                sql += " AND 1 = 0"; // scoped to addresses only: no customer, attribute, contact or affiliation rows
            }
            if (s.ChannelIds != null && s.ChannelIds.Length == 1)
            {
                // One channel (a worker's claimed chunk): a plain equality, so PostgreSQL walks that channel's due rows by index
                // rather than every due row of the store (80 ms a chunk at 20k customers, whatever was left in the channel).
                sql += " AND " + alias + ".channel_id = $channel";
                args.Add(("$channel", s.ChannelIds[0]));
            }
            else if (s.ChannelIds != null)
            {
                sql += " AND " + alias + ".channel_id IN (SELECT value FROM json_each($channels))";
                args.Add(("$channels", SqlText.JsonArray(s.ChannelIds)));
            }
            if (!s.IncludeFailed) sql += " AND " + alias + ".sync_status <> 2";
            else if (s.RetryRunId.HasValue)
            {
                sql += " AND (" + alias + ".sync_status <> 2 OR " + alias + ".sync_run_id IS NOT $retryRun)";
                args.Add(("$retryRun", s.RetryRunId.Value));
            }
            return (sql, args.ToArray());
        }

        private const string CustomerColumns = @"SELECT h.channel_id, h.counter, h.async_customer_id, h.given_account, h.operation, h.first_name, h.middle_name, h.last_name, h.name,
  h.email, h.phone, h.currency, h.customer_group, h.language, h.relationship_type, ch.data_area_id, h.receipt_option, h.receipt_email";

        // A query that reads more than CustomerColumns reads it from this ordinal on.
        private const int CustomerColumnCount = 18;

        private static DueCustomerOperation MapCustomer(DbDataReader r) => new DueCustomerOperation
        {
            ChannelId = r.GetString(0), Counter = r.GetInt64(1), AsyncCustomerId = r.Str(2), GivenAccount = r.Str(3), Operation = (AsyncOperation)r.GetInt32(4),
            FirstName = r.Str(5), MiddleName = r.Str(6), LastName = r.Str(7), Name = r.Str(8), Email = r.Str(9), Phone = r.Str(10),
            Currency = r.Str(11), CustomerGroup = r.Str(12), Language = r.Str(13), RelationshipType = (RelationshipType)r.GetInt32(14), DataAreaId = r.GetString(15),
            ReceiptOption = r.IsDBNull(16) ? (ReceiptOption?)null : (ReceiptOption)r.GetInt32(16), ReceiptEmail = r.Str(17),
        };

        private static (string, object?)[] With(IEnumerable<(string, object?)> args, params (string, object?)[] more) => args.Concat(more).ToArray();

        /// <summary>
        /// Operation rows a bulk run in these channels has to decide (customers, edits and their children, not those that failed
        /// before): one count per table over its partial index of uncompleted rows, for progress. Edits that a create folds in
        /// are counted but not decided on their own, and children whose customer fails stay due: a run may end below it.
        /// </summary>
        public long CountDue(string[]? channelIds)
        {
            var (where, args) = Scope("h", new SyncScope { ChannelIds = channelIds });
            return new[] { "hq_async_customer" }.Concat(Children.Values.Select(c => c.Hq))
                .Sum(t => db.Scalar<long>("SELECT COUNT(*) FROM " + t + " h WHERE h.online_operation_completed = 0" + where + ";", args));
        }

        /// <summary>The oldest due create operations in counter order.</summary>
        public List<DueCustomerOperation> ReadDueCustomers(SyncScope scope, int limit)
        {
            var (where, args) = Scope("h", scope);
            return db.ReadAll(CustomerColumns + @"
FROM hq_async_customer h" + DueIndex("ix_hq_async_customer_due", scope) + @" JOIN channel ch ON ch.channel_id = h.channel_id
WHERE h.online_operation_completed = 0 AND h.operation = 1" + where + " ORDER BY h.channel_id, h.counter LIMIT $limit;",
                MapCustomer, With(args, ("$limit", limit)));
        }

        /// <summary>Uploaded, unprocessed updates and deactivations of these async customers, oldest first: folded into their create.</summary>
        public List<DueCustomerOperation> ReadPendingChanges(IEnumerable<string> asyncCustomerIds) =>
            db.ReadAll(CustomerColumns + @"
FROM hq_async_customer h JOIN channel ch ON ch.channel_id = h.channel_id
WHERE h.online_operation_completed = 0 AND h.operation <> 1 AND h.async_customer_id IN (SELECT value FROM json_each($ids))
ORDER BY h.counter;", MapCustomer, ("$ids", SqlText.JsonArray(asyncCustomerIds)));

        /// <summary>Due updates and deactivations whose customer already has an account (synced, or converted earlier), oldest first.</summary>
        public List<DueCustomerOperation> ReadDueChanges(SyncScope scope, int limit)
        {
            var (where, args) = Scope("h", scope);
            return db.ReadAll(CustomerColumns + @", COALESCE(h.given_account, r.account_number)
FROM hq_async_customer h" + DueIndex("ix_hq_async_customer_due_change", scope) + @" JOIN channel ch ON ch.channel_id = h.channel_id
LEFT JOIN retail_cust_table r ON r.cust_account_async = h.async_customer_id
WHERE h.online_operation_completed = 0 AND h.operation <> 1 AND (h.given_account IS NOT NULL OR r.account_number IS NOT NULL)" + where +
                " ORDER BY h.channel_id, h.counter LIMIT $limit;",
                r => { var d = MapCustomer(r); d.OwnerAccount = r.GetString(CustomerColumnCount); return d; }, With(args, ("$limit", limit)));
        }

        /// <summary>The HQ state of an account, as an operation to fold changes into; null when the account does not exist.</summary>
        public DueCustomerOperation? CurrentState(string dataAreaId, string account) =>
            db.Stream(@"SELECT first_name, middle_name, last_name, name, email, phone, currency, customer_group, language, blocked
FROM cust_table WHERE data_area_id = $a AND account_number = $acc;", r => new DueCustomerOperation
            {
                FirstName = r.Str(0), MiddleName = r.Str(1), LastName = r.Str(2), Name = r.Str(3), Email = r.Str(4), Phone = r.Str(5),
                Currency = r.Str(6), CustomerGroup = r.Str(7), Language = r.Str(8), Blocked = r.Bool(9), DataAreaId = dataAreaId, OwnerAccount = account,
            }, ("$a", dataAreaId), ("$acc", account)).FirstOrDefault();

        /// <summary>Accounts already created for these async customers, by any path: the exactly-once check.</summary>
        public Dictionary<string, string> ExistingAccounts(IEnumerable<string> asyncCustomerIds) =>
            db.Stream("SELECT cust_account_async, account_number FROM retail_cust_table WHERE cust_account_async IN (SELECT value FROM json_each($ids));",
                r => (r.GetString(0), r.GetString(1)), ("$ids", SqlText.JsonArray(asyncCustomerIds)))
              .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.OrdinalIgnoreCase);

        private void EnsureTemp()
        {
            if (tempReady) return;
            db.Execute(@"CREATE TEMP TABLE IF NOT EXISTS sync_work(
  channel_id TEXT NOT NULL, counter INTEGER NOT NULL, account_number TEXT NOT NULL, data_area_id TEXT NOT NULL, is_new INTEGER NOT NULL,
  party_id INTEGER, async_customer_id TEXT, origin_channel_id TEXT,
  first_name TEXT, middle_name TEXT, last_name TEXT, name TEXT, relationship_type INTEGER, customer_group TEXT, currency TEXT, language TEXT,
  email TEXT, phone TEXT, blocked INTEGER, receipt_option INTEGER, receipt_email TEXT,
  PRIMARY KEY(channel_id, counter));
CREATE TEMP TABLE IF NOT EXISTS sync_chunk(
  async_customer_id TEXT NOT NULL PRIMARY KEY, account_number TEXT NOT NULL, data_area_id TEXT NOT NULL) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS sync_address_rows(
  data_area_id TEXT NOT NULL, account_number TEXT NOT NULL, address_id TEXT NOT NULL, counter INTEGER NOT NULL, operation INTEGER NOT NULL,
  name TEXT, street TEXT, street_number TEXT, city TEXT, county TEXT, state TEXT, zip_code TEXT, country TEXT, purpose TEXT, is_primary INTEGER NOT NULL);
CREATE TEMP TABLE IF NOT EXISTS sync_address_latest(
  data_area_id TEXT NOT NULL, account_number TEXT NOT NULL, address_id TEXT NOT NULL, counter INTEGER NOT NULL, operation INTEGER NOT NULL,
  name TEXT, street TEXT, street_number TEXT, city TEXT, county TEXT, state TEXT, zip_code TEXT, country TEXT, purpose TEXT, is_primary INTEGER NOT NULL,
  PRIMARY KEY(data_area_id, account_number, address_id));");
            tempReady = true;
        }

        /// <summary>A decided create of the current chunk: a new account (IsNew), or the link to one another path made first.</summary>
        public sealed class CustomerDecision
        {
            /// <summary>The create, with later changes of the same customer folded in.</summary>
            public DueCustomerOperation Row = null!; // always given
            /// <summary>The folded-in later operations, completed with the create.</summary>
            public List<DueCustomerOperation> Folded = new List<DueCustomerOperation>();
            /// <summary>Null for a new account until the sequence gives it.</summary>
            public string? AccountNumber;
            public long? PartyId;
            public bool IsNew;
        }

        private static readonly string[] WorkColumns =
        {
            "channel_id", "counter", "account_number", "data_area_id", "is_new", "party_id", "async_customer_id", "origin_channel_id",
            "first_name", "middle_name", "last_name", "name", "relationship_type", "customer_group", "currency", "language", "email", "phone", "blocked",
            "receipt_option", "receipt_email",
        };

        // A decided create, then the later operations folded into it (completed with it, nothing of their own to write).
        private static IEnumerable<object?[]> WorkRows(CustomerDecision d)
        {
            var r = d.Row;
            yield return new object?[]
            {
                r.ChannelId, r.Counter, d.AccountNumber, r.DataAreaId, d.IsNew ? 1 : 0, d.PartyId, r.AsyncCustomerId, r.ChannelId,
                r.FirstName, r.MiddleName, r.LastName, CustomerRules.FullName(r.Name, r.FirstName, r.MiddleName, r.LastName),
                (int)r.RelationshipType, r.CustomerGroup, r.Currency?.ToUpperInvariant(), r.Language, r.Email, r.Phone, r.Blocked ? 1 : 0,
                (int?)r.ReceiptOption, r.ReceiptEmail,
            };
            foreach (var f in d.Folded)
            {
                yield return new object?[] { f.ChannelId, f.Counter, d.AccountNumber, r.DataAreaId, 0, null, f.AsyncCustomerId, null, null, null, null, null, null, null, null, null, null, null, null, null, null };
            }
        }

        /// <summary>
        /// Applies a chunk's decisions set-based: party, CustTable, RetailCustTable (the async link), the customers changed (noted in the <see cref="ChangeLog"/>),
        /// and the completion of every uploaded row involved. A row with counter below 0 is a real-time create with no uploaded row.
        /// </summary>
        /// <returns>How many of the chunk's customers (created or linked) the run had not counted yet.</returns>
        public int ApplyCustomers(IReadOnlyList<CustomerDecision> decisions, long runId, DateTime now)
        {
            if (decisions.Count == 0) return 0;
            EnsureTemp();
            db.Execute("DELETE FROM temp.sync_work;");
            db.InsertRows("temp.sync_work", WorkColumns, decisions.SelectMany(d => WorkRows(d)));
            var t = ("$now", (object)now.ToStoreText());
            var run = ("$run", (object)runId);
            db.Execute("INSERT INTO party(party_id, name, party_type) SELECT party_id, name, relationship_type FROM temp.sync_work WHERE is_new = 1;");
            db.Execute(@"INSERT INTO cust_table(data_area_id, account_number, party_id, first_name, middle_name, last_name, name, customer_group, currency, language, email, phone, blocked, created_at, modified_at,
  receipt_option, receipt_email)
SELECT data_area_id, account_number, party_id, first_name, middle_name, last_name, name, customer_group, currency, language, email, phone, blocked, $now, $now,
  receipt_option, receipt_email
FROM temp.sync_work WHERE is_new = 1;", t);
            db.Execute(@"INSERT INTO retail_cust_table(data_area_id, account_number, cust_account_async, origin_channel_id)
SELECT data_area_id, account_number, async_customer_id, origin_channel_id FROM temp.sync_work WHERE is_new = 1;");
            Changes.Note("SELECT data_area_id, account_number FROM temp.sync_work WHERE is_new = 1");
            // The chunk's customers and their accounts, for ReadDueChildrenOfChunk.
            db.Execute(@"DELETE FROM temp.sync_chunk;
INSERT OR IGNORE INTO temp.sync_chunk(async_customer_id, account_number, data_area_id)
SELECT async_customer_id, account_number, data_area_id FROM temp.sync_work WHERE async_customer_id IS NOT NULL;");
            db.Execute(@"UPDATE hq_async_customer SET online_operation_completed = 1, sync_status = 1, last_error = NULL,
  account_number = w.account_number, sync_run_id = $run, synced_at = $now
FROM temp.sync_work w WHERE hq_async_customer.channel_id = w.channel_id AND hq_async_customer.counter = w.counter;", run, t);
            db.Execute(@"UPDATE hq_customer_failure SET cleared_at = $now WHERE cleared_at IS NULL
  AND EXISTS(SELECT 1 FROM temp.sync_work w WHERE w.channel_id = hq_customer_failure.channel_id AND w.counter = hq_customer_failure.counter);", t);
            // A linked customer (another path created its account first) was converted here too, though HQ's customer did not change.
            return RunCustomers.Add(db, runId, RunCustomers.Keys("temp.sync_work"));
        }

        /// <summary>An open failure of a customer operation ends: it was corrected, or HQ completed it.</summary>
        /// <summary>
        /// HQ's copy of an attribute operation takes the attribute as its definition reads it (its spelling, type and value), so
        /// a row recorded as free text before its definition reaches the customer as defined. The channel's row stays as it was.
        /// </summary>
        public void ConformAttribute(string channelId, long counter, CustomerAttribute t) =>
            db.Execute("UPDATE hq_async_attribute SET name = $name, data_type = $type, value = $value WHERE channel_id = $ch AND counter = $n;",
                ("$name", t.Name), ("$type", (int)t.DataType), ("$value", t.Value), ("$ch", channelId), ("$n", counter));

        internal static void ClearFailure(StoreDatabase db, string channelId, long counter, DateTime now) =>
            db.Execute("UPDATE hq_customer_failure SET cleared_at = $now WHERE cleared_at IS NULL AND channel_id = $ch AND counter = $n;",
                ("$now", now.ToStoreText()), ("$ch", channelId), ("$n", counter));

        /// <summary>Applies one update or deactivation to an existing account (the merged state is already checked), and completes its row.</summary>
        public void ApplyChange(DueCustomerOperation merged, DueCustomerOperation row, long runId, DateTime now)
        {
            db.Execute(@"UPDATE cust_table SET first_name = $fn, middle_name = $mn, last_name = $ln, name = $name, email = $email, phone = $phone,
  currency = $cur, customer_group = $grp, language = $lang, blocked = $blocked, modified_at = $now
WHERE data_area_id = $a AND account_number = $acc;",
                ("$fn", merged.FirstName), ("$mn", merged.MiddleName), ("$ln", merged.LastName),
                ("$name", merged.Name),
                ("$email", merged.Email), ("$phone", merged.Phone), ("$cur", merged.Currency?.ToUpperInvariant()), ("$grp", merged.CustomerGroup), ("$lang", merged.Language),
                ("$blocked", merged.Blocked ? 1 : 0), ("$now", now.ToStoreText()), ("$a", merged.DataAreaId), ("$acc", merged.OwnerAccount));
            EnsureTemp();
            Changes.Note(merged.DataAreaId!, merged.OwnerAccount!); // CurrentState gives both
            db.Execute(@"UPDATE hq_async_customer SET online_operation_completed = 1, sync_status = 1, last_error = NULL, account_number = $acc, sync_run_id = $run, synced_at = $now
WHERE channel_id = $ch AND counter = $n;", ("$acc", merged.OwnerAccount), ("$run", runId), ("$now", now.ToStoreText()), ("$ch", row.ChannelId), ("$n", row.Counter));
            ClearFailure(db, row.ChannelId!, row.Counter, now); // read from the store
        }

        /// <summary>Writes an address straight to an HQ customer (a real-time create).</summary>
        public void InsertAddress(string dataAreaId, string account, AsyncAddress a) =>
            db.Execute(@"INSERT INTO hq_address(data_area_id, account_number, address_id, name, street, street_number, city, county, state, zip_code, country, purpose, is_primary)
VALUES ($area, $acc, $aid, $name, $street, $no, $city, $county, $state, $zip, UPPER(TRIM($country)), $purpose, $primary);",
                ("$area", dataAreaId), ("$acc", account), ("$aid", a.AddressId), ("$name", a.Name), ("$street", a.Street), ("$no", a.StreetNumber),
                ("$city", a.City), ("$county", a.County), ("$state", a.State), ("$zip", a.ZipCode), ("$country", a.Country), ("$purpose", a.Purpose),
                ("$primary", a.IsPrimary ? 1 : 0));

        /// <summary>Writes an attribute straight to an HQ customer (a real-time create).</summary>
        public void UpsertAttribute(string dataAreaId, string account, CustomerAttribute t) =>
            db.Execute(@"INSERT INTO hq_customer_attribute(data_area_id, account_number, name, data_type, value) VALUES ($area, $acc, $name, $type, $value)
ON CONFLICT(data_area_id, account_number, name) DO UPDATE SET data_type = excluded.data_type, value = excluded.value;",
                ("$area", dataAreaId), ("$acc", account), ("$name", t.Name), ("$type", (int)t.DataType), ("$value", t.Value));

        /// <summary>Adds an affiliation straight to an HQ customer (a real-time create), once.</summary>
        public void InsertAffiliation(string dataAreaId, string account, string affiliation) =>
            db.Execute(@"INSERT INTO hq_customer_affiliation(data_area_id, account_number, affiliation) VALUES ($area, $acc, $aff)
ON CONFLICT(data_area_id, account_number, affiliation) DO NOTHING;", ("$area", dataAreaId), ("$acc", account), ("$aff", affiliation));

        /// <summary>Marks one uploaded row failed with its reason; it stays uncompleted so an admin can fix and retry it.</summary>
        public void MarkFailed(string table, string channelId, long counter, string error, long runId, DateTime now)
        {
            db.Execute("UPDATE " + HqTable(table) + " SET sync_status = 2, last_error = $e, sync_run_id = $run, synced_at = $now WHERE channel_id = $ch AND counter = $n;",
                ("$e", error), ("$run", runId), ("$now", now.ToStoreText()), ("$ch", channelId), ("$n", counter));
            if (table != "customer") return;
            // Failing again while still failed keeps the time it first failed, with the latest reason.
            db.Execute(@"INSERT INTO hq_customer_failure(channel_id, counter, failed_at, error) VALUES ($ch, $n, $now, $e)
ON CONFLICT(channel_id, counter) WHERE cleared_at IS NULL DO UPDATE SET error = excluded.error;",
                ("$e", error), ("$now", now.ToStoreText()), ("$ch", channelId), ("$n", counter));
        }

        private static string HqTable(string table) => table == "customer" ? "hq_async_customer" : Children[table].Hq;

        /// <summary>
        /// Due child operations whose customer HQ can name: a synced account given at the POS, or an async customer that has
        /// its account now. The rest wait for their customer.
        /// </summary>
        public List<DueChildOperation> ReadDueChildren(string table, SyncScope scope, int limit)
        {
            var (where, args) = Scope("a", scope, addresses: table == "address");
            return db.ReadAll(@"SELECT a.channel_id, a.counter, a.async_customer_id, COALESCE(a.account_number, r.account_number), ch.data_area_id,
  EXISTS(SELECT 1 FROM cust_table c WHERE c.data_area_id = ch.data_area_id AND c.account_number = COALESCE(a.account_number, r.account_number)), " + Children[table].CheckedColumns + @"
FROM " + Children[table].Hq + @" a" + DueIndex("ix_" + Children[table].Hq + "_due", scope) + @" JOIN channel ch ON ch.channel_id = a.channel_id
LEFT JOIN retail_cust_table r ON r.cust_account_async = a.async_customer_id
WHERE a.online_operation_completed = 0 AND (a.account_number IS NOT NULL OR r.account_number IS NOT NULL)" + where + " ORDER BY a.channel_id, a.counter LIMIT $limit;",
                MapChild, With(args, ("$limit", limit)));
        }

        /// <summary>
        /// Due child operations of the customers the last <see cref="ApplyCustomers"/> call created or linked (their accounts are
        /// known and exist), found from those customers rather than by scanning what is due. CROSS JOIN keeps that order: left to
        /// itself SQLite prefers to walk every due row and probe the chunk, which is quadratic over a large backlog.
        /// </summary>
        public List<DueChildOperation> ReadDueChildrenOfChunk(string table, SyncScope scope)
        {
            if (!tempReady) return new List<DueChildOperation>();
            var failed = !scope.IncludeFailed ? " AND a.sync_status <> 2"
                : scope.RetryRunId.HasValue ? " AND (a.sync_status <> 2 OR a.sync_run_id IS NOT $retryRun)" : "";
            return db.ReadAll(@"SELECT a.channel_id, a.counter, a.async_customer_id, k.account_number, k.data_area_id, 1, " + Children[table].CheckedColumns + @"
FROM temp.sync_chunk k " + PlannerHints.KeepJoinOrder + "JOIN " + Children[table].Hq + @" a ON a.async_customer_id = k.async_customer_id
WHERE a.online_operation_completed = 0 AND a.account_number IS NULL" + failed + " ORDER BY a.channel_id, a.counter;",
                MapChild, ("$retryRun", scope.RetryRunId));
        }

        private static DueChildOperation MapChild(DbDataReader r) => new DueChildOperation
        {
            ChannelId = r.GetString(0), Counter = r.GetInt64(1), AsyncCustomerId = r.Str(2), OwnerAccount = r.Str(3),
            DataAreaId = r.GetString(4), OwnerExists = r.Bool(5), Checked = r.Str(6), Kind = r.IsDBNull(7) ? 0 : r.GetInt32(7),
            Name = r.FieldCount > 8 ? r.Str(8) : null,
        };

        /// <summary>Applies valid child operations set-based, latest counter last so it wins, and logs their customers as changed.</summary>
        public void ApplyChildren(string table, IReadOnlyList<DueChildOperation> rows, long runId, DateTime now)
        {
            if (rows.Count == 0) return;
            EnsureTemp();
            db.Execute("DELETE FROM temp.sync_work;");
            db.InsertRows("temp.sync_work", new[] { "channel_id", "counter", "account_number", "data_area_id", "is_new" },
                rows.Select(d => new object?[] { d.ChannelId, d.Counter, d.OwnerAccount, d.DataAreaId, 0 }));
            var (src, _, apply) = Children[table];
            if (table == "attribute")
            {
                // The value HQ had before, for the status page's old value (audit-async-customer-operations.md).
                db.Execute(@"UPDATE hq_async_attribute SET old_value = (SELECT v.value FROM hq_customer_attribute v
  WHERE v.data_area_id = w.data_area_id AND v.account_number = w.account_number AND v.name = hq_async_attribute.name)
FROM temp.sync_work w WHERE hq_async_attribute.channel_id = w.channel_id AND hq_async_attribute.counter = w.counter;");
            }
            db.Execute(apply);
            // A customer this chunk created already carries this time: leave its row alone.
            db.Execute("UPDATE cust_table SET modified_at = $now WHERE (data_area_id, account_number) IN (SELECT data_area_id, account_number FROM temp.sync_work) AND modified_at IS NOT $now;", ("$now", now.ToStoreText()));
            Changes.Note("SELECT data_area_id, account_number FROM temp.sync_work");
            db.Execute("UPDATE " + src + @" SET online_operation_completed = 1, sync_status = 1, last_error = NULL, resolved_account = w.account_number, sync_run_id = $run, synced_at = $now
FROM temp.sync_work w WHERE " + src + ".channel_id = w.channel_id AND " + src + ".counter = w.counter;",
                ("$run", runId), ("$now", now.ToStoreText()));
        }
    }
}
