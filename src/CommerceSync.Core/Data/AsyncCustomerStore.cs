using System;
using System.Data.Common;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Rules;

namespace CommerceSync.Data
{
    /// <summary>Filters for reading async customers. Null means "any".</summary>
    public sealed class AsyncCustomerFilter
    {
        public string[]? ChannelIds { get; set; }
        public AsyncCustomerStatus[]? Statuses { get; set; }
        public string[]? AsyncCustomerIds { get; set; }
        public string? NameWildcard { get; set; }
        public bool IncludeDetails { get; set; } = true;
    }

    /// <summary>The channel side of async customers (the operation logs a POS writes) and the admin's view of their status.</summary>
    public sealed class AsyncCustomerStore
    {
        private readonly StoreDatabase db;
        private readonly ChannelStore channels;
        private FeatureStates? features;
        private CustomerAttributeCatalog? attributes;

        /// <summary>The attribute definitions, read once for this object (a cmdlet call).</summary>
        private CustomerAttributeCatalog Catalog() => attributes ?? (attributes = new AttributeStore(db).Catalog());

        public AsyncCustomerStore(StoreDatabase db)
        {
            this.db = db;
            channels = new ChannelStore(db);
        }

        /// <summary>
        /// Checks a customer as a POS would and fills what the POS fills (the GUID, the channel's default group and currency).
        /// Throws a <see cref="CommerceSyncException"/> for this one customer; the caller decides whether the batch goes on.
        /// </summary>
        /// <param name="featureStates">The store's feature switches as the caller read them; null: read here, once for this object.</param>
        public AsyncCustomer Prepare(AsyncCustomer draft, FeatureStates? featureStates = null)
        {
            var channel = channels.Get(draft.ChannelId);
            return Prepare(draft, channel, DefaultCustomerOf(channel), null, featureStates);
        }

        /// <summary>
        /// As <see cref="Prepare(AsyncCustomer, FeatureStates)"/>, with the channel, its default customer and the attribute
        /// catalog already read (an import reads each channel once, the catalog once); a catalog or states not given are read
        /// here, once for this object.
        /// </summary>
        /// <param name="realTime">The customer is created in real time at HQ, not async (the async features do not concern it).</param>
        public AsyncCustomer Prepare(AsyncCustomer draft, Channel channel, Customer? defaultCustomer, CustomerAttributeCatalog? attributes = null,
            FeatureStates? featureStates = null, bool realTime = false)
        {
            var states = featureStates ?? features ?? (features = new FeatureStore(db).Read());
            var catalog = attributes ?? Catalog();
            // With a customer attribute group set, only its attributes are taken, each as its definition says (customer-attributes.md).
            if (draft.Attributes != null) draft.Attributes = draft.Attributes.Select(t => AttributeRules.Conform(catalog, t)).ToArray();
            if (!PosRules.PrepareCustomer(draft, channel, defaultCustomer, FeatureRules.InheritsAffiliations(states, realTime)))
            {
                draft.AsyncCustomerId = SequentialId.NewGuid().ToString();
            }
            else if (db.Scalar<long>("SELECT COUNT(*) FROM ch_async_customer WHERE async_customer_id = $id AND operation = 1;", ("$id", draft.AsyncCustomerId)) > 0)
            {
                throw PosRules.AsyncCustomerExists(draft.AsyncCustomerId!); // given, so PrepareCustomer checked it
            }
            foreach (var a in draft.Addresses ?? Array.Empty<AsyncAddress>())
            {
                PrepareAddress(a, channel, draft.RelationshipType);
                a.AsyncCustomerId = draft.AsyncCustomerId;
            }
            if (draft.Addresses != null) AddressRules.OnePrimaryPerPurpose(draft.Addresses);
            return draft;
        }

        /// <summary>The store's default customer as HQ has it (with its affiliations); null when the store has none.</summary>
        public Customer? DefaultCustomerOf(Channel channel) =>
            channel.DefaultCustomer == null ? null
            : new CustomerStore(db).ReadHeadquarters(new CustomerFilter { AccountNumbers = new[] { channel.DefaultCustomer } })
                .FirstOrDefault(c => string.Equals(c.DataAreaId, channel.DataAreaId, StringComparison.OrdinalIgnoreCase));

        private static void PrepareAddress(AsyncAddress a, Channel channel, RelationshipType owner)
        {
            if (string.IsNullOrWhiteSpace(a.AddressId)) a.AddressId = SequentialId.NewGuid().ToString("N");
            PosRules.PrepareAddress(a, channel, owner);
        }

        /// <summary>
        /// Appends the create operations (customer, addresses, attributes) of prepared customers, in one transaction: to the channel
        /// database with replication counters, or, for a register that is offline, to its offline database in creation order.
        /// </summary>
        public void Append(IReadOnlyList<AsyncCustomer> prepared, bool offline = false)
        {
            if (prepared.Count == 0) return;
            using (var tx = db.BeginWrite())
            {
                AppendInTransaction(prepared, offline);
                tx.Commit();
            }
        }

        /// <summary>As <see cref="Append"/>, inside the caller's write transaction (several channels in one commit).</summary>
        internal void AppendInTransaction(IReadOnlyList<AsyncCustomer> prepared, bool offline)
        {
            if (prepared.Count == 0) return;
            var now = DateTime.UtcNow;
            var at = now.ToStoreText();
            // Same columns on both sides; the offline database orders rows by seq instead of a replication counter, and its
            // rows are all creates.
            var order = offline ? "seq" : "counter";
            var customerColumns = new List<string> { "channel_id", order, "async_customer_id" };
            if (!offline) customerColumns.Add("operation");
            customerColumns.AddRange(new[] { "first_name", "middle_name", "last_name", "name", "relationship_type", "customer_group", "currency", "language", "email", "phone", "created_at", "receipt_option", "receipt_email" });
            var addressColumns = new List<string> { "channel_id", order, "address_id", "async_customer_id" };
            if (!offline) addressColumns.AddRange(new[] { "account_number", "operation" });
            addressColumns.AddRange(new[] { "name", "street", "street_number", "city", "county", "state", "zip_code", "country", "purpose", "is_primary", "created_at" });
            var attributeColumns = new List<string> { "channel_id", order, "async_customer_id" };
            if (!offline) attributeColumns.Add("operation");
            attributeColumns.AddRange(new[] { "name", "data_type", "value", "created_at" });

            // The affiliations a customer is created with (its default customer's): the offline database keeps none, so a
            // customer a register creates offline gets them only when a POS edit adds them.
            var affiliationColumns = new[] { "channel_id", "counter", "async_customer_id", "operation", "affiliation", "created_at" };
            var affiliationRows = new List<object?[]>();
            var customerRows = new List<object?[]>(prepared.Count);
            var addressRows = new List<object?[]>();
            var attributeRows = new List<object?[]>();
            foreach (var group in prepared.GroupBy(c => c.ChannelId!, StringComparer.OrdinalIgnoreCase)) // prepared: each has its channel
            {
                var needed = group.Sum(c => 1 + (c.Addresses?.Length ?? 0) + (c.Attributes?.Length ?? 0) + (offline ? 0 : c.Affiliations?.Length ?? 0));
                var counter = offline ? ChannelCounters.ReserveOffline(db, group.Key, needed) : ChannelCounters.Reserve(db, group.Key, needed);
                foreach (var c in group)
                {
                    c.CreatedAt = now;
                    c.ReplicationCounter = offline ? 0 : counter;
                    c.Status = offline ? AsyncCustomerStatus.Offline : AsyncCustomerStatus.Pending;
                    customerRows.Add(offline
                        ? new object?[] { c.ChannelId, counter++, c.AsyncCustomerId, c.FirstName, c.MiddleName, c.LastName, c.Name, (int)c.RelationshipType, c.CustomerGroup, c.Currency, c.Language, c.Email, c.Phone, at, (int?)c.ReceiptOption, c.ReceiptEmail }
                        : new object?[] { c.ChannelId, counter++, c.AsyncCustomerId, 1, c.FirstName, c.MiddleName, c.LastName, c.Name, (int)c.RelationshipType, c.CustomerGroup, c.Currency, c.Language, c.Email, c.Phone, at, (int?)c.ReceiptOption, c.ReceiptEmail });
                    foreach (var a in c.Addresses ?? Array.Empty<AsyncAddress>())
                    {
                        a.CreatedAt = now;
                        a.ReplicationCounter = offline ? 0 : counter;
                        addressRows.Add(offline
                            ? new object?[] { a.ChannelId, counter++, a.AddressId, a.AsyncCustomerId, a.Name, a.Street, a.StreetNumber, a.City, a.County, a.State, a.ZipCode, a.Country, a.Purpose, a.IsPrimary ? 1 : 0, at }
                            : new object?[] { a.ChannelId, counter++, a.AddressId, a.AsyncCustomerId, a.AccountNumber, 1, a.Name, a.Street, a.StreetNumber, a.City, a.County, a.State, a.ZipCode, a.Country, a.Purpose, a.IsPrimary ? 1 : 0, at });
                    }
                    foreach (var t in c.Attributes ?? Array.Empty<CustomerAttribute>())
                    {
                        attributeRows.Add(offline
                            ? new object?[] { c.ChannelId, counter++, c.AsyncCustomerId, t.Name, (int)t.DataType, t.Value, at }
                            : new object?[] { c.ChannelId, counter++, c.AsyncCustomerId, 1, t.Name, (int)t.DataType, t.Value, at });
                    }
                    if (offline) continue;
                    foreach (var f in c.Affiliations ?? Array.Empty<string>())
                    {
                        affiliationRows.Add(new object?[] { c.ChannelId, counter++, c.AsyncCustomerId, 1, f, at });
                    }
                }
            }
            var prefix = offline ? "off_" : "ch_";
            db.InsertRows(prefix + "async_customer", customerColumns.ToArray(), customerRows);
            db.InsertRows(prefix + "async_address", addressColumns.ToArray(), addressRows);
            db.InsertRows(prefix + "async_attribute", attributeColumns.ToArray(), attributeRows);
            db.InsertRows("ch_async_affiliation", affiliationColumns, affiliationRows);
        }

        /// <summary>
        /// Checks and appends an edit (operation 2) or a deactivation (operation 3) made at a POS, for an async customer of that channel
        /// or a synced customer the channel knows, with its attribute, contact and affiliation changes.
        /// </summary>
        public AsyncCustomerChange AppendChange(AsyncCustomerChange change)
        {
            var channel = channels.Get(change.ChannelId);
            change.ChannelId = channel.ChannelId;
            if (PosRules.ChangeOwner(change))
            {
                RequireCreatedAtChannel(channel, change.AsyncCustomerId!);
            }
            else
            {
                RequireKnownAccount(channel, change.AccountNumber!); // ChangeOwner: an account when no async id
            }
            var (customerRow, needed) = PosRules.PrepareChange(change);
            var catalog = change.Attributes == null || change.Attributes.Length == 0 ? CustomerAttributeCatalog.FreeText : Catalog();
            var attributes = (change.Attributes ?? Array.Empty<CustomerAttribute>()).Select(t => AttributeRules.Conform(catalog, t)).ToArray();
            change.Attributes = attributes;
            var contacts = change.Contacts ?? Array.Empty<CustomerContact>();
            var adds = change.Affiliations ?? Array.Empty<string>();
            var removes = change.RemovedAffiliations ?? Array.Empty<string>();
            var now = DateTime.UtcNow;
            var at = now.ToStoreText();
            var owner = new (string, object?)[] { ("$ch", channel.ChannelId), ("$id", change.AsyncCustomerId), ("$acc", change.AccountNumber), ("$at", at) };
            using (var tx = db.BeginWrite())
            {
                var counter = ChannelCounters.Reserve(db, channel.ChannelId!, needed); // a stored channel has its id
                change.ReplicationCounter = counter;
                if (customerRow)
                {
                    db.Execute(@"INSERT INTO ch_async_customer(channel_id, counter, async_customer_id, account_number, operation, first_name, middle_name, last_name, name,
  customer_group, currency, language, email, phone, created_at)
VALUES ($ch, $n, $id, $acc, $op, $fn, $mn, $ln, $name, $grp, $cur, $lang, $email, $phone, $at);", owner.Concat(new (string, object?)[]
                    {
                        ("$n", counter++), ("$op", (int)change.Operation), ("$fn", change.FirstName), ("$mn", change.MiddleName), ("$ln", change.LastName),
                        ("$name", change.Name), ("$grp", change.CustomerGroup), ("$cur", change.Currency?.ToUpperInvariant()), ("$lang", change.Language),
                        ("$email", change.Email), ("$phone", change.Phone),
                    }).ToArray());
                }
                foreach (var t in attributes)
                {
                    db.Execute("INSERT INTO ch_async_attribute(channel_id, counter, async_customer_id, account_number, operation, name, data_type, value, created_at) VALUES ($ch, $n, $id, $acc, 2, $name, $type, $value, $at);",
                        owner.Concat(new (string, object?)[] { ("$n", counter++), ("$name", t.Name), ("$type", (int)t.DataType), ("$value", t.Value) }).ToArray());
                }
                foreach (var c in contacts)
                {
                    db.Execute("INSERT INTO ch_async_contact(channel_id, counter, async_customer_id, account_number, operation, contact_type, locator, description, is_primary, created_at) VALUES ($ch, $n, $id, $acc, 1, $type, $loc, $desc, $primary, $at);",
                        owner.Concat(new (string, object?)[] { ("$n", counter++), ("$type", (int)c.Type), ("$loc", (c.Locator ?? "").Trim()), ("$desc", c.Description), ("$primary", c.IsPrimary ? 1 : 0) }).ToArray());
                }
                foreach (var (affiliation, op) in adds.Select(a => (a, 1)).Concat(removes.Select(a => (a, 3))))
                {
                    db.Execute("INSERT INTO ch_async_affiliation(channel_id, counter, async_customer_id, account_number, operation, affiliation, created_at) VALUES ($ch, $n, $id, $acc, $op, $aff, $at);",
                        owner.Concat(new (string, object?)[] { ("$n", counter++), ("$op", op), ("$aff", affiliation.Trim()) }).ToArray());
                }
                tx.Commit();
            }
            change.CreatedAt = now;
            return change;
        }

        /// <summary>An async customer is the channel's when the channel created it (its operation 1).</summary>
        private void RequireCreatedAtChannel(Channel channel, string asyncCustomerId)
        {
            if (db.Scalar<long>("SELECT COUNT(*) FROM ch_async_customer WHERE async_customer_id = $id AND channel_id = $ch AND operation = 1;",
                    ("$id", asyncCustomerId), ("$ch", channel.ChannelId)) == 0)
            {
                throw PosRules.NotCreatedAtChannel(asyncCustomerId, channel.ChannelId);
            }
        }

        private void RequireKnownAccount(Channel channel, string account)
        {
            var known = db.Scalar<long>(@"SELECT (SELECT COUNT(*) FROM cust_table WHERE data_area_id = $area AND account_number = $acc)
 + (SELECT COUNT(*) FROM channel_customer WHERE channel_id = $ch AND account_number = $acc);",
                ("$area", channel.DataAreaId), ("$acc", account), ("$ch", channel.ChannelId));
            if (known == 0) throw PosRules.NotKnownToChannel(account, channel.ChannelId);
        }

        /// <summary>
        /// Checks and appends one address created at a POS, for an async customer of that channel or for a customer the channel knows by account number.
        /// </summary>
        public AsyncAddress AppendAddress(AsyncAddress address)
        {
            var channel = channels.Get(address.ChannelId);
            if (string.IsNullOrWhiteSpace(address.AddressId)) address.AddressId = SequentialId.NewGuid().ToString("N");
            PosRules.CheckAddress(address, channel);
            RelationshipType owner;
            if (PosRules.AddressOwner(address))
            {
                // AddressOwner: the one given; no row: the channel did not create it.
                var type = db.ReadAll("SELECT relationship_type FROM ch_async_customer WHERE async_customer_id = $id AND channel_id = $ch AND operation = 1;",
                    r => (long?)r.GetInt64(0), ("$id", address.AsyncCustomerId!.Trim()), ("$ch", channel.ChannelId)).FirstOrDefault();
                if (type == null) throw PosRules.NotCreatedAtChannel(address.AsyncCustomerId, channel.ChannelId);
                owner = (RelationshipType)type.Value;
                address.AsyncCustomerId = address.AsyncCustomerId!.Trim();
            }
            else
            {
                address.AccountNumber = address.AccountNumber!.Trim();
                RequireKnownAccount(channel, address.AccountNumber);
                // HQ's party type; a customer the channel knows but HQ does not (yet) is taken for a person, the POS default.
                owner = (RelationshipType)db.ReadAll(@"SELECT p.party_type FROM cust_table c JOIN party p ON p.party_id = c.party_id
WHERE c.data_area_id = $area AND c.account_number = $acc;", r => r.GetInt64(0), ("$area", channel.DataAreaId), ("$acc", address.AccountNumber)).FirstOrDefault();
            }
            PosRules.FillAddress(address, channel, owner);
            InsertAddressRow(address, channel.ChannelId!);
            return address;
        }

        /// <summary>Appends one address row to the channel's log with the channel's next counter, in a write of its own.</summary>
        private void InsertAddressRow(AsyncAddress row, string channelId)
        {
            var now = DateTime.UtcNow;
            using (var tx = db.BeginWrite())
            using (var cmd = AddressInsert())
            {
                var counter = ChannelCounters.Reserve(db, channelId, 1);
                row.CreatedAt = now;
                row.ReplicationCounter = counter;
                BindAddress(cmd, row, counter, now, offline: false);
                cmd.ExecuteNonQuery();
                tx.Commit();
            }
        }

        /// <summary>
        /// Appends an edit (operation 2) or a deactivation (operation 3) of an address the customer has at the channel or at
        /// HQ, keyed by its AddressId. The row carries the whole address as it then stands, so HQ applies the latest row.
        /// </summary>
        public AsyncAddress AppendAddressChange(AsyncAddress given, AsyncOperation operation, bool? isPrimary)
        {
            var channel = channels.Get(given.ChannelId);
            var isAsync = PosRules.AddressOwner(given);
            var owner = isAsync ? given.AsyncCustomerId!.Trim() : given.AccountNumber!.Trim();
            if (isAsync) given.AsyncCustomerId = owner; else given.AccountNumber = owner;
            var addressId = (given.AddressId ?? "").Trim();
            if (isAsync) RequireCreatedAtChannel(channel, owner);
            else RequireKnownAccount(channel, owner);
            var current = CurrentAddress(channel, addressId, isAsync ? owner : null, isAsync ? null : owner);
            if (current == null || current.Operation == AsyncOperation.Deactivate)
            {
                throw AddressRules.NotFound(addressId, owner, channel.ChannelId, deactivated: current != null);
            }
            var row = operation == AsyncOperation.Deactivate ? AddressRules.Deactivation(current, given) : AddressRules.Edit(current, given, isPrimary);
            PosRules.CheckAddress(row, channel);
            row.Purpose = CustomerRules.OneOf("Purpose", row.Purpose, CustomerRules.AddressPurposes);
            InsertAddressRow(row, channel.ChannelId!);
            // Shown, not stored: the row keeps the owner the POS named, and HQ resolves an async customer's account itself.
            row.AccountNumber = row.AccountNumber ?? current.AccountNumber;
            return row;
        }

        /// <summary>
        /// An address as the POS sees it now: its latest row in this channel's log (the customer's, by async id or account,
        /// or the async customer's that became the account), else HQ's copy for the customer's account; null when neither has it.
        /// </summary>
        private AsyncAddress? CurrentAddress(Channel channel, string addressId, string? asyncId, string? account)
        {
            var owner = asyncId != null ? "a.async_customer_id = $id"
                : "(a.account_number = $acc OR a.async_customer_id IN (SELECT cust_account_async FROM retail_cust_table WHERE data_area_id = $area AND account_number = $acc))";
            var logged = db.ReadAll(AddressSelect + " WHERE a.channel_id = $ch AND a.address_id = $aid AND " + owner + " ORDER BY a.counter DESC LIMIT 1;", MapAddress,
                ("$ch", channel.ChannelId), ("$aid", addressId), ("$id", asyncId), ("$acc", account), ("$area", channel.DataAreaId)).FirstOrDefault();
            if (logged != null) return logged;
            return db.ReadAll(@"SELECT a.address_id, a.name, a.street, a.street_number, a.city, a.county, a.state, a.zip_code, a.country, a.purpose, a.is_primary
FROM hq_address a WHERE a.data_area_id = $area AND a.address_id = $aid AND a.account_number = COALESCE($acc, (SELECT account_number FROM retail_cust_table WHERE cust_account_async = $id));",
                r => new AsyncAddress
                {
                    AddressId = r.GetString(0), Name = r.Str(1), Street = r.Str(2), StreetNumber = r.Str(3), City = r.Str(4), County = r.Str(5),
                    State = r.Str(6), ZipCode = r.Str(7), Country = r.Str(8), Purpose = r.Str(9), IsPrimary = r.Bool(10),
                },
                ("$area", channel.DataAreaId), ("$aid", addressId), ("$acc", account), ("$id", asyncId)).FirstOrDefault();
        }

        private DbCommand AddressInsert() => db.Command(@"INSERT INTO ch_async_address(channel_id, counter, address_id, async_customer_id, account_number, operation,
  name, street, street_number, city, county, state, zip_code, country, purpose, is_primary, created_at)
VALUES ($ch, $n, $aid, $id, $acc, $op, $name, $street, $no, $city, $county, $state, $zip, $country, $purpose, $primary, $at);");

        private void BindAddress(DbCommand cmd, AsyncAddress a, long counter, DateTime now, bool offline)
        {
            if (!offline) db.Bind(cmd, ("$acc", a.AccountNumber), ("$op", (int)a.Operation));
            db.Bind(cmd, ("$ch", a.ChannelId), ("$n", counter), ("$aid", a.AddressId), ("$id", a.AsyncCustomerId),
                ("$name", a.Name), ("$street", a.Street), ("$no", a.StreetNumber), ("$city", a.City), ("$county", a.County), ("$state", a.State),
                ("$zip", a.ZipCode), ("$country", a.Country), ("$purpose", a.Purpose), ("$primary", a.IsPrimary ? 1 : 0), ("$at", now.ToStoreText()));
        }

        /// <summary>
        /// Async customer ids for tab completion: those starting with the text, then (from 3 characters on) those containing it
        /// or whose customer's name starts with it, the newest first. Ids are time-ordered, so customers made in the same minute
        /// share their first digits; a fragment from anywhere in the id, or the name, tells them apart.
        /// </summary>
        public IEnumerable<(string Value, string Tooltip)> CompleteIds(string? text, int max)
        {
            const string Name = "COALESCE(name, TRIM(COALESCE(first_name, '') || ' ' || COALESCE(last_name, '')))";
            var like = SqlText.WildcardToLike(text ?? "");
            var wide = like.Length >= 3;
            return db.ReadAll("SELECT async_customer_id, channel_id, " + Name + " FROM ch_async_customer WHERE operation = 1 AND (async_customer_id LIKE $p ESCAPE '\\'" +
                (wide ? " OR async_customer_id LIKE $any ESCAPE '\\' OR " + Name + " LIKE $p ESCAPE '\\'" : "") +
                ") ORDER BY async_customer_id LIKE $p ESCAPE '\\' DESC, async_customer_id DESC LIMIT $n;",
                r => (r.GetString(0), r.GetString(0) + " - " + r.Str(2) + " (" + r.GetString(1) + ")"),
                ("$p", like + "%"), ("$any", "%" + like + "%"), ("$n", max));
        }

        // Status of the create operation, derived from where its rows are: offline database, channel only, HQ copy, HQ account, channel copy of the account.
        private const string ChannelStatus = @"CASE WHEN r.account_number IS NOT NULL THEN
                CASE WHEN EXISTS(SELECT 1 FROM channel_customer cc WHERE cc.channel_id = c.channel_id AND cc.database = 0 AND cc.account_number = r.account_number)
                     THEN 3 ELSE 2 END
              WHEN h.counter IS NULL THEN 0
              WHEN h.sync_status = 2 THEN 4
              ELSE 1 END";
        private const string OfflineStatus = "5";

        // Each branch filters, sorts and stops at the page size by itself, so a page of a full read walks the primary key from
        // where the last page ended and stops (sorted only after the UNION, every page read every row after it). {2} and {6}
        // filter on each branch's status expression ("{s}" in the status filter).
        private const string SelectWithStatus = @"
SELECT * FROM (
  SELECT c.channel_id, c.counter, c.async_customer_id, c.first_name, c.middle_name, c.last_name, c.name, c.relationship_type,
         c.customer_group, c.currency, c.language, c.email, c.phone, c.created_at, ch.data_area_id,
         r.account_number, h.last_error, " + ChannelStatus + @" AS status, c.receipt_option, c.receipt_email
  FROM ch_async_customer c
  JOIN channel ch ON ch.channel_id = c.channel_id
  LEFT JOIN hq_async_customer h ON h.channel_id = c.channel_id AND h.counter = c.counter
  LEFT JOIN retail_cust_table r ON r.cust_account_async = c.async_customer_id
  WHERE c.operation = 1 {0} {2} {3}
  ORDER BY c.channel_id, c.counter {5}) AS on_channel
UNION ALL
SELECT * FROM (
  SELECT o.channel_id, -o.seq AS counter, o.async_customer_id, o.first_name, o.middle_name, o.last_name, o.name, o.relationship_type,
         o.customer_group, o.currency, o.language, o.email, o.phone, o.created_at, ch.data_area_id, NULL, NULL, " + OfflineStatus + @" AS status, o.receipt_option, o.receipt_email
  FROM off_async_customer o JOIN channel ch ON ch.channel_id = o.channel_id
  WHERE 1 = 1 {1} {6} {4}
  ORDER BY o.channel_id, -o.seq {5}) AS on_register
ORDER BY 1, 2 {5};";

        // Pages of a full read: each page is its own short read, so a long pipeline downstream (Get-AsyncCustomer | Invoke-PJob ...)
        // never holds one read open across its writes, which would keep SQLite from recycling the write-ahead log.
        private const int PageSize = 5000;

        private static SqlFilter Filters(string alias, AsyncCustomerFilter f) => new SqlFilter()
            .In(f.ChannelIds, alias + ".channel_id", "$channels")
            .In(f.AsyncCustomerIds, alias + ".async_customer_id", "$ids")
            .When(f.NameWildcard != null, "(" + alias + ".name LIKE $name ESCAPE '\\' OR " + alias + ".first_name LIKE $name ESCAPE '\\' OR " + alias + ".last_name LIKE $name ESCAPE '\\' OR (COALESCE(" + alias +
                ".first_name, '') || ' ' || COALESCE(" + alias + ".last_name, '')) LIKE $name ESCAPE '\\')", ("$name", f.NameWildcard == null ? null : SqlText.WildcardToLike(f.NameWildcard)));

        /// <summary>Streams async customers with their status, loading addresses and attributes a block at a time.</summary>
        public IEnumerable<AsyncCustomer> Read(AsyncCustomerFilter? filter)
        {
            filter = filter ?? new AsyncCustomerFilter();
            var onChannel = Filters("c", filter);
            var statuses = new SqlFilter().When(filter.Statuses != null, "{s} IN (SELECT CAST(value AS INTEGER) FROM json_each($statuses))",
                ("$statuses", filter.Statuses == null ? null : "[" + string.Join(",", filter.Statuses.Select(s => ((int)s).ToString())) + "]"));
            var offline = Filters("o", filter).Sql;
            // A list of ids is bounded by the caller (record mode sends a chunk at a time): one read.
            var rows = filter.AsyncCustomerIds != null
                ? db.Stream(Select(onChannel, offline, statuses, "", "", ""), MapCustomer, onChannel.With(statuses.Args))
                : ReadPaged(onChannel, offline, statuses);
            if (!filter.IncludeDetails) return rows;
            return WithDetails(rows);
        }

        private static string Select(SqlFilter onChannel, string offline, SqlFilter statuses, string afterOnChannel, string afterOffline, string limit) =>
            string.Format(SelectWithStatus, onChannel.Sql, offline, statuses.Sql.Replace("{s}", "(" + ChannelStatus + ")"), afterOnChannel, afterOffline, limit,
                statuses.Sql.Replace("{s}", OfflineStatus));

        private IEnumerable<AsyncCustomer> ReadPaged(SqlFilter onChannel, string offline, SqlFilter statuses)
        {
            var sql = Select(onChannel, offline, statuses,
                "AND (c.channel_id, c.counter) > ($afterChannel, $afterCounter)", "AND (o.channel_id, -o.seq) > ($afterChannel, $afterCounter)", "LIMIT $page");
            string afterChannel = "";
            var afterCounter = long.MinValue;
            while (true)
            {
                var page = db.ReadAll(sql, r => (Customer: MapCustomer(r), Counter: r.GetInt64(1)),
                    onChannel.With(statuses.With(("$afterChannel", afterChannel), ("$afterCounter", afterCounter), ("$page", PageSize))));
                foreach (var row in page) yield return row.Customer;
                if (page.Count < PageSize) yield break;
                afterChannel = page[page.Count - 1].Customer.ChannelId!; // read from the store
                afterCounter = page[page.Count - 1].Counter;
            }
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
            var byId = block.ToDictionary(c => c.AsyncCustomerId!, StringComparer.OrdinalIgnoreCase); // read from the store: each has its id
            var ids = ("$ids", (object)SqlText.JsonArray(byId.Keys));
            // Edits and deactivations the POS recorded since: the latest state wins, as at HQ.
            foreach (var (id, change) in db.ReadAll(@"SELECT async_customer_id, operation, first_name, middle_name, last_name, name, customer_group, currency, language, email, phone
FROM ch_async_customer WHERE operation <> 1 AND async_customer_id IN (SELECT value FROM json_each($ids)) ORDER BY counter;",
                r => (r.GetString(0), new DueCustomerOperation
                {
                    Operation = (AsyncOperation)r.GetInt32(1), FirstName = r.Str(2), MiddleName = r.Str(3), LastName = r.Str(4), Name = r.Str(5),
                    CustomerGroup = r.Str(6), Currency = r.Str(7), Language = r.Str(8), Email = r.Str(9), Phone = r.Str(10),
                }), ids))
            {
                var c = byId[id];
                var state = new DueCustomerOperation
                {
                    FirstName = c.FirstName, MiddleName = c.MiddleName, LastName = c.LastName, Name = c.Name, CustomerGroup = c.CustomerGroup,
                    Currency = c.Currency, Language = c.Language, Email = c.Email, Phone = c.Phone, Blocked = c.Deactivated,
                };
                SyncRules.Fold(state, change);
                c.FirstName = state.FirstName; c.MiddleName = state.MiddleName; c.LastName = state.LastName; c.Name = state.Name;
                c.CustomerGroup = state.CustomerGroup; c.Currency = state.Currency; c.Language = state.Language; c.Email = state.Email; c.Phone = state.Phone;
                c.Deactivated = state.Blocked;
            }
            var addresses = db.Stream(AddressSelect + " WHERE a.async_customer_id IN (SELECT value FROM json_each($ids)) ORDER BY a.channel_id, a.counter;", MapAddress, ids)
                .Concat(db.Stream(@"SELECT address_id, channel_id, async_customer_id, NULL, name, street, street_number, city, county, state, zip_code, country, purpose, is_primary,
  0, 0, NULL, 0, created_at, 1 FROM off_async_address WHERE async_customer_id IN (SELECT value FROM json_each($ids)) ORDER BY seq;", MapAddress, ids))
                .ToLookup(a => a.AsyncCustomerId, StringComparer.OrdinalIgnoreCase); // in log order: folded below
            var attributes = new Dictionary<string, List<CustomerAttribute>>(StringComparer.OrdinalIgnoreCase);
            foreach (var (id, attr) in db.Stream(@"SELECT async_customer_id, name, data_type, value FROM (
  SELECT async_customer_id, name, data_type, value, counter AS n FROM ch_async_attribute WHERE async_customer_id IN (SELECT value FROM json_each($ids))
  UNION ALL SELECT async_customer_id, name, data_type, value, seq - 9000000000000 FROM off_async_attribute WHERE async_customer_id IN (SELECT value FROM json_each($ids)))
ORDER BY n;",
                r => (r.GetString(0), new CustomerAttribute { Name = r.GetString(1), DataType = (AttributeDataType)r.GetInt32(2), Value = r.Str(3) }), ids))
            {
                List<CustomerAttribute>? list;
                if (!attributes.TryGetValue(id, out list)) attributes[id] = list = new List<CustomerAttribute>();
                SyncRules.FoldAttribute(list, attr);
            }
            var contacts = db.Stream("SELECT async_customer_id, contact_type, locator, description, is_primary FROM ch_async_contact WHERE operation <> 3 AND async_customer_id IN (SELECT value FROM json_each($ids)) ORDER BY counter;",
                r => (Id: r.GetString(0), Contact: new CustomerContact { Type = (ContactType)r.GetInt32(1), Locator = r.GetString(2), Description = r.Str(3), IsPrimary = r.Bool(4) }), ids)
                .ToLookup(x => x.Id, x => x.Contact, StringComparer.OrdinalIgnoreCase);
            var affiliations = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var (id, op, name) in db.Stream("SELECT async_customer_id, operation, affiliation FROM ch_async_affiliation WHERE async_customer_id IN (SELECT value FROM json_each($ids)) ORDER BY counter;",
                r => (r.GetString(0), r.GetInt32(1), r.GetString(2)), ids))
            {
                List<string>? list;
                if (!affiliations.TryGetValue(id, out list)) affiliations[id] = list = new List<string>();
                SyncRules.FoldAffiliation(list, (AsyncOperation)op, name);
            }
            foreach (var c in block)
            {
                List<CustomerAttribute>? t;
                List<string>? f;
                c.Addresses = AddressRules.Fold(addresses[c.AsyncCustomerId]).ToArray();
                c.Attributes = attributes.TryGetValue(c.AsyncCustomerId!, out t) ? t.ToArray() : Array.Empty<CustomerAttribute>();
                c.Contacts = contacts[c.AsyncCustomerId!].ToArray();
                c.Affiliations = affiliations.TryGetValue(c.AsyncCustomerId!, out f) ? f.ToArray() : Array.Empty<string>();
            }
        }

        private const string AddressSelect = @"SELECT a.address_id, a.channel_id, a.async_customer_id, COALESCE(a.account_number, h.resolved_account), a.name, a.street, a.street_number,
  a.city, a.county, a.state, a.zip_code, a.country, a.purpose, a.is_primary, h.sync_status, h.counter IS NOT NULL, h.last_error, a.counter, a.created_at, a.operation
FROM ch_async_address a LEFT JOIN hq_async_address h ON h.channel_id = a.channel_id AND h.counter = a.counter";

        private static AsyncAddress MapAddress(DbDataReader r) => new AsyncAddress
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
            Operation = (AsyncOperation)r.GetInt32(19),
        };

        private static AsyncCustomer MapCustomer(DbDataReader r) => new AsyncCustomer
        {
            ChannelId = r.GetString(0),
            ReplicationCounter = Math.Max(0, r.GetInt64(1)),
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
            ReceiptOption = r.IsDBNull(18) ? (ReceiptOption?)null : (ReceiptOption)r.GetInt32(18),
            ReceiptEmail = r.Str(19),
        };
    }
}
