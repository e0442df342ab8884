using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;

namespace CommerceSync.Storage
{
    /// <summary>Filters for reading async customers. Null means "any".</summary>
    public sealed class AsyncCustomerFilter
    {
        public string[] ChannelIds { get; set; }
        public AsyncCustomerStatus[] Statuses { get; set; }
        public string[] AsyncCustomerIds { get; set; }
        public string NameWildcard { get; set; }
        public bool IncludeDetails { get; set; } = true;
    }

    /// <summary>The channel side of async customers (the operation logs a POS writes) and the admin's view of their status.</summary>
    public sealed class AsyncCustomerStore
    {
        private readonly StoreDatabase db;
        private readonly ChannelStore channels;

        public AsyncCustomerStore(StoreDatabase db)
        {
            this.db = db;
            channels = new ChannelStore(db);
        }

        /// <summary>
        /// Checks a customer as a POS would and fills what the POS fills (the GUID, the channel's default group and currency).
        /// Throws a <see cref="CommerceSyncException"/> for this one customer; the caller decides whether the batch goes on.
        /// </summary>
        public AsyncCustomer Prepare(AsyncCustomer draft)
        {
            var channel = channels.Get(draft.ChannelId);
            var problem = CustomerRules.CheckAtChannel(draft.Name, draft.FirstName, draft.MiddleName, draft.LastName, draft.Email, draft.Phone)
                ?? CustomerRules.Length("CustomerGroup", draft.CustomerGroup, 30)
                ?? CustomerRules.Length("Currency", draft.Currency, 10)
                ?? CustomerRules.Length("Language", draft.Language, 10);
            if (problem != null)
            {
                var id = problem.StartsWith("A customer needs", StringComparison.Ordinal) ? ErrorIds.NameRequired : ErrorIds.InvalidValue;
                throw new CommerceSyncException(id, ErrorKind.InvalidArgument, problem, draft);
            }
            draft.ChannelId = channel.ChannelId;
            draft.Name = CustomerRules.FullName(draft.Name, draft.FirstName, draft.MiddleName, draft.LastName);
            draft.DataAreaId = channel.DataAreaId;
            draft.CustomerGroup = string.IsNullOrWhiteSpace(draft.CustomerGroup) ? channel.DefaultCustomerGroup : draft.CustomerGroup.Trim();
            draft.Currency = string.IsNullOrWhiteSpace(draft.Currency) ? channel.DefaultCurrency : draft.Currency.Trim().ToUpperInvariant();
            if (string.IsNullOrWhiteSpace(draft.AsyncCustomerId))
            {
                draft.AsyncCustomerId = Guid.NewGuid().ToString();
            }
            else
            {
                Guid parsed;
                if (!Guid.TryParse(draft.AsyncCustomerId, out parsed))
                {
                    throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument, "AsyncCustomerId must be a GUID.", draft.AsyncCustomerId);
                }
                draft.AsyncCustomerId = parsed.ToString();
                if (db.Scalar<long>("SELECT COUNT(*) FROM ch_async_customer WHERE async_customer_id = $id AND operation = 1;", ("$id", draft.AsyncCustomerId)) > 0)
                {
                    throw new CommerceSyncException(ErrorIds.AsyncCustomerExists, ErrorKind.AlreadyExists, "Async customer '" + draft.AsyncCustomerId + "' already exists.", draft.AsyncCustomerId);
                }
            }
            foreach (var a in draft.Addresses ?? Array.Empty<AsyncAddress>())
            {
                PrepareAddress(a, channel);
                a.AsyncCustomerId = draft.AsyncCustomerId;
            }
            draft.Status = AsyncCustomerStatus.Pending;
            return draft;
        }

        private static void PrepareAddress(AsyncAddress a, Channel channel)
        {
            a.ChannelId = channel.ChannelId;
            if (string.IsNullOrWhiteSpace(a.AddressId)) a.AddressId = Guid.NewGuid().ToString("N");
            var problem = CustomerRules.Length("Street", a.Street, CustomerRules.MaxFieldLength)
                ?? CustomerRules.Length("City", a.City, 60) ?? CustomerRules.Length("State", a.State, 30)
                ?? CustomerRules.Length("ZipCode", a.ZipCode, 20) ?? CustomerRules.Length("Country", a.Country, 10)
                ?? CustomerRules.Length("AddressId", a.AddressId, 60);
            if (problem != null) throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument, problem, a);
            if (string.IsNullOrWhiteSpace(a.Purpose)) a.Purpose = "Home";
        }

        /// <summary>Appends the create operations (customer, addresses, attributes) of prepared customers, in one transaction.</summary>
        public void Append(IReadOnlyList<AsyncCustomer> prepared)
        {
            if (prepared.Count == 0) return;
            var now = DateTime.UtcNow;
            using (var tx = db.BeginWrite())
            using (var cust = db.Command(@"INSERT INTO ch_async_customer(channel_id, counter, async_customer_id, operation, first_name, middle_name, last_name, name,
  relationship_type, customer_group, currency, language, email, phone, created_at)
VALUES ($ch, $n, $id, 1, $fn, $mn, $ln, $name, $rt, $grp, $cur, $lang, $email, $phone, $at);"))
            using (var addr = AddressInsert())
            using (var attr = db.Command(@"INSERT INTO ch_async_attribute(channel_id, counter, async_customer_id, account_number, operation, name, data_type, value, created_at)
VALUES ($ch, $n, $id, NULL, 1, $name, $type, $value, $at);"))
            {
                foreach (var group in prepared.GroupBy(c => c.ChannelId, StringComparer.OrdinalIgnoreCase))
                {
                    var needed = group.Sum(c => 1 + (c.Addresses?.Length ?? 0) + (c.Attributes?.Length ?? 0));
                    var counter = channels.ReserveCounters(group.Key, needed);
                    foreach (var c in group)
                    {
                        c.CreatedAt = now;
                        c.ReplicationCounter = counter;
                        Bind(cust, ("$ch", c.ChannelId), ("$n", counter++), ("$id", c.AsyncCustomerId), ("$fn", c.FirstName), ("$mn", c.MiddleName),
                            ("$ln", c.LastName), ("$name", c.Name), ("$rt", (int)c.RelationshipType), ("$grp", c.CustomerGroup), ("$cur", c.Currency),
                            ("$lang", c.Language), ("$email", c.Email), ("$phone", c.Phone), ("$at", now.ToStoreText()));
                        cust.ExecuteNonQuery();
                        foreach (var a in c.Addresses ?? Array.Empty<AsyncAddress>())
                        {
                            a.CreatedAt = now;
                            a.ReplicationCounter = counter;
                            BindAddress(addr, a, counter++, now);
                            addr.ExecuteNonQuery();
                        }
                        foreach (var t in c.Attributes ?? Array.Empty<CustomerAttribute>())
                        {
                            Bind(attr, ("$ch", c.ChannelId), ("$n", counter++), ("$id", c.AsyncCustomerId), ("$name", t.Name), ("$type", (int)t.DataType),
                                ("$value", t.Value), ("$at", now.ToStoreText()));
                            attr.ExecuteNonQuery();
                        }
                    }
                }
                tx.Commit();
            }
        }

        /// <summary>
        /// Checks and appends one address created at a POS, for an async customer of that channel or for a customer the channel knows by account number.
        /// </summary>
        public AsyncAddress AppendAddress(AsyncAddress address)
        {
            var channel = channels.Get(address.ChannelId);
            PrepareAddress(address, channel);
            var hasAsync = !string.IsNullOrWhiteSpace(address.AsyncCustomerId);
            var hasAccount = !string.IsNullOrWhiteSpace(address.AccountNumber);
            if (hasAsync == hasAccount)
            {
                throw new CommerceSyncException(ErrorIds.AddressOwnerRequired, ErrorKind.InvalidArgument,
                    "An address belongs to exactly one customer: give either -AsyncCustomerId or -AccountNumber.", address);
            }
            if (hasAsync)
            {
                if (db.Scalar<long>("SELECT COUNT(*) FROM ch_async_customer WHERE async_customer_id = $id AND channel_id = $ch AND operation = 1;",
                    ("$id", address.AsyncCustomerId.Trim()), ("$ch", channel.ChannelId)) == 0)
                {
                    throw new CommerceSyncException(ErrorIds.AsyncCustomerNotFound, ErrorKind.NotFound,
                        "Async customer '" + address.AsyncCustomerId + "' was not created at channel '" + channel.ChannelId + "'.", address.AsyncCustomerId);
                }
                address.AsyncCustomerId = address.AsyncCustomerId.Trim();
            }
            else
            {
                var known = db.Scalar<long>(@"SELECT (SELECT COUNT(*) FROM cust_table WHERE data_area_id = $area AND account_number = $acc)
 + (SELECT COUNT(*) FROM channel_customer WHERE channel_id = $ch AND account_number = $acc);",
                    ("$area", channel.DataAreaId), ("$acc", address.AccountNumber.Trim()), ("$ch", channel.ChannelId));
                if (known == 0)
                {
                    throw new CommerceSyncException(ErrorIds.CustomerNotFound, ErrorKind.NotFound,
                        "Customer '" + address.AccountNumber + "' is not known to channel '" + channel.ChannelId + "'.", address.AccountNumber);
                }
                address.AccountNumber = address.AccountNumber.Trim();
            }
            var now = DateTime.UtcNow;
            using (var tx = db.BeginWrite())
            using (var cmd = AddressInsert())
            {
                var counter = channels.ReserveCounters(channel.ChannelId, 1);
                address.CreatedAt = now;
                address.ReplicationCounter = counter;
                BindAddress(cmd, address, counter, now);
                cmd.ExecuteNonQuery();
                tx.Commit();
            }
            return address;
        }

        private SqliteCommand AddressInsert() => db.Command(@"INSERT INTO ch_async_address(channel_id, counter, address_id, async_customer_id, account_number, operation,
  name, street, street_number, city, county, state, zip_code, country, purpose, is_primary, created_at)
VALUES ($ch, $n, $aid, $id, $acc, 1, $name, $street, $no, $city, $county, $state, $zip, $country, $purpose, $primary, $at);");

        private static void BindAddress(SqliteCommand cmd, AsyncAddress a, long counter, DateTime now) =>
            Bind(cmd, ("$ch", a.ChannelId), ("$n", counter), ("$aid", a.AddressId), ("$id", a.AsyncCustomerId), ("$acc", a.AccountNumber),
                ("$name", a.Name), ("$street", a.Street), ("$no", a.StreetNumber), ("$city", a.City), ("$county", a.County), ("$state", a.State),
                ("$zip", a.ZipCode), ("$country", a.Country), ("$purpose", a.Purpose), ("$primary", a.IsPrimary ? 1 : 0), ("$at", now.ToStoreText()));

        /// <summary>Rebinds a prepared command's parameters, so a batch reuses one statement.</summary>
        internal static void Bind(SqliteCommand cmd, params (string Name, object Value)[] values)
        {
            if (cmd.Parameters.Count == 0)
            {
                foreach (var v in values) cmd.Parameters.AddWithValue(v.Name, v.Value ?? DBNull.Value);
                return;
            }
            foreach (var v in values) cmd.Parameters[v.Name].Value = v.Value ?? DBNull.Value;
        }

        /// <summary>Async customer ids starting with a prefix, for tab completion.</summary>
        public IEnumerable<(string Value, string Tooltip)> CompleteIds(string prefix, int max) =>
            db.Query("SELECT async_customer_id, channel_id, COALESCE(name, TRIM(COALESCE(first_name, '') || ' ' || COALESCE(last_name, ''))) FROM ch_async_customer WHERE operation = 1 AND async_customer_id LIKE $p ESCAPE '\\' ORDER BY async_customer_id LIMIT $n;",
                r => (r.GetString(0), r.GetString(0) + " - " + r.Str(2) + " (" + r.GetString(1) + ")"), ("$p", SqlText.WildcardToLike(prefix) + "%"), ("$n", max)).ToList();

        // Status of the create operation, derived from where its rows are: channel only, HQ copy, HQ account, channel copy of the account.
        private const string SelectWithStatus = @"
SELECT * FROM (
  SELECT c.channel_id, c.counter, c.async_customer_id, c.first_name, c.middle_name, c.last_name, c.name, c.relationship_type,
         c.customer_group, c.currency, c.language, c.email, c.phone, c.created_at, ch.data_area_id,
         r.account_number, h.last_error,
         CASE WHEN r.account_number IS NOT NULL THEN
                CASE WHEN EXISTS(SELECT 1 FROM channel_customer cc WHERE cc.async_customer_id = c.async_customer_id AND cc.channel_id = c.channel_id AND cc.database = 0)
                     THEN 3 ELSE 2 END
              WHEN h.counter IS NULL THEN 0
              WHEN h.sync_status = 2 THEN 4
              ELSE 1 END AS status
  FROM ch_async_customer c
  JOIN channel ch ON ch.channel_id = c.channel_id
  LEFT JOIN hq_async_customer h ON h.channel_id = c.channel_id AND h.counter = c.counter
  LEFT JOIN retail_cust_table r ON r.cust_account_async = c.async_customer_id
  WHERE c.operation = 1
    AND ($channels IS NULL OR c.channel_id IN (SELECT value FROM json_each($channels)))
    AND ($ids IS NULL OR c.async_customer_id IN (SELECT value FROM json_each($ids)))
    AND ($name IS NULL OR c.name LIKE $name ESCAPE '\' OR c.first_name LIKE $name ESCAPE '\' OR c.last_name LIKE $name ESCAPE '\'
         OR (COALESCE(c.first_name, '') || ' ' || COALESCE(c.last_name, '')) LIKE $name ESCAPE '\')
) s
WHERE ($statuses IS NULL OR s.status IN (SELECT value FROM json_each($statuses)))
ORDER BY s.channel_id, s.counter;";

        /// <summary>Streams async customers with their status, loading addresses and attributes a block at a time.</summary>
        public IEnumerable<AsyncCustomer> Read(AsyncCustomerFilter filter)
        {
            filter = filter ?? new AsyncCustomerFilter();
            var rows = db.Query(SelectWithStatus, MapCustomer,
                ("$channels", filter.ChannelIds == null ? null : SqlText.JsonArray(filter.ChannelIds)),
                ("$ids", filter.AsyncCustomerIds == null ? null : SqlText.JsonArray(filter.AsyncCustomerIds)),
                ("$name", filter.NameWildcard == null ? null : SqlText.WildcardToLike(filter.NameWildcard)),
                ("$statuses", filter.Statuses == null ? null : "[" + string.Join(",", filter.Statuses.Select(s => ((int)s).ToString())) + "]"));
            if (!filter.IncludeDetails) return rows;
            return WithDetails(rows);
        }

        private IEnumerable<AsyncCustomer> WithDetails(IEnumerable<AsyncCustomer> rows)
        {
            const int Block = 500;
            var block = new List<AsyncCustomer>(Block);
            foreach (var c in rows)
            {
                block.Add(c);
                if (block.Count == Block)
                {
                    LoadDetails(block);
                    foreach (var b in block) yield return b;
                    block.Clear();
                }
            }
            LoadDetails(block);
            foreach (var b in block) yield return b;
        }

        private void LoadDetails(List<AsyncCustomer> block)
        {
            if (block.Count == 0) return;
            var byId = block.ToDictionary(c => c.AsyncCustomerId, StringComparer.OrdinalIgnoreCase);
            var ids = SqlText.JsonArray(byId.Keys);
            var addresses = new Dictionary<string, List<AsyncAddress>>(StringComparer.OrdinalIgnoreCase);
            foreach (var a in db.Query(AddressSelect + " WHERE a.async_customer_id IN (SELECT value FROM json_each($ids)) ORDER BY a.channel_id, a.counter;", MapAddress, ("$ids", ids)))
            {
                List<AsyncAddress> list;
                if (!addresses.TryGetValue(a.AsyncCustomerId, out list)) addresses[a.AsyncCustomerId] = list = new List<AsyncAddress>();
                list.Add(a);
            }
            var attributes = new Dictionary<string, List<CustomerAttribute>>(StringComparer.OrdinalIgnoreCase);
            foreach (var (id, attr) in db.Query("SELECT async_customer_id, name, data_type, value FROM ch_async_attribute WHERE async_customer_id IN (SELECT value FROM json_each($ids)) ORDER BY channel_id, counter;",
                r => (r.GetString(0), new CustomerAttribute { Name = r.GetString(1), DataType = (AttributeDataType)r.GetInt32(2), Value = r.Str(3) }), ("$ids", ids)))
            {
                List<CustomerAttribute> list;
                if (!attributes.TryGetValue(id, out list)) attributes[id] = list = new List<CustomerAttribute>();
                list.RemoveAll(x => string.Equals(x.Name, attr.Name, StringComparison.OrdinalIgnoreCase)); // latest operation wins
                list.Add(attr);
            }
            foreach (var c in block)
            {
                List<AsyncAddress> a;
                List<CustomerAttribute> t;
                c.Addresses = addresses.TryGetValue(c.AsyncCustomerId, out a) ? a.ToArray() : Array.Empty<AsyncAddress>();
                c.Attributes = attributes.TryGetValue(c.AsyncCustomerId, out t) ? t.ToArray() : Array.Empty<CustomerAttribute>();
            }
        }

        private const string AddressSelect = @"SELECT a.address_id, a.channel_id, a.async_customer_id, COALESCE(a.account_number, h.resolved_account), a.name, a.street, a.street_number,
  a.city, a.county, a.state, a.zip_code, a.country, a.purpose, a.is_primary, h.sync_status, h.counter IS NOT NULL, h.last_error, a.counter, a.created_at
FROM ch_async_address a LEFT JOIN hq_async_address h ON h.channel_id = a.channel_id AND h.counter = a.counter";

        private static AsyncAddress MapAddress(SqliteDataReader r) => new AsyncAddress
        {
            AddressId = r.GetString(0),
            ChannelId = r.GetString(1),
            AsyncCustomerId = r.Str(2),
            AccountNumber = r.Str(3),
            Name = r.Str(4),
            Street = r.Str(5),
            StreetNumber = r.Str(6),
            City = r.Str(7),
            County = r.Str(8),
            State = r.Str(9),
            ZipCode = r.Str(10),
            Country = r.Str(11),
            Purpose = r.Str(12),
            IsPrimary = r.Bool(13),
            SyncStatus = (OperationSyncStatus)r.Long(14),
            Uploaded = r.Bool(15),
            Error = r.Str(16),
            ReplicationCounter = r.GetInt64(17),
            CreatedAt = r.Time(18),
        };

        private static AsyncCustomer MapCustomer(SqliteDataReader r) => new AsyncCustomer
        {
            ChannelId = r.GetString(0),
            ReplicationCounter = r.GetInt64(1),
            AsyncCustomerId = r.GetString(2),
            FirstName = r.Str(3),
            MiddleName = r.Str(4),
            LastName = r.Str(5),
            Name = CustomerRules.FullName(r.Str(6), r.Str(3), r.Str(4), r.Str(5)),
            RelationshipType = (RelationshipType)r.GetInt32(7),
            CustomerGroup = r.Str(8),
            Currency = r.Str(9),
            Language = r.Str(10),
            Email = r.Str(11),
            Phone = r.Str(12),
            CreatedAt = r.Time(13),
            DataAreaId = r.GetString(14),
            AccountNumber = r.Str(15),
            Status = (AsyncCustomerStatus)r.GetInt32(17),
            Error = r.GetInt32(17) == (int)AsyncCustomerStatus.Failed ? r.Str(16) : null,
        };
    }
}
