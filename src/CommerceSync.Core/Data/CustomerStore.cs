using System;
using System.Data.Common;
using System.Collections.Generic;
using System.Linq;

namespace CommerceSync.Data
{
    public sealed class CustomerFilter
    {
        public string[]? AccountNumbers { get; set; }
        public string[]? AsyncCustomerIds { get; set; }
        public string? NameWildcard { get; set; }
        public string[]? OriginChannelIds { get; set; }
        /// <summary>Text found in the name, email, phone or account number (a POS customer search).</summary>
        public string? Search { get; set; }
        public bool IncludeDetails { get; set; } = true;
    }

    /// <summary>Customers with account numbers: HQ's CustTable, and what each channel database holds.</summary>
    public sealed class CustomerStore
    {
        private readonly StoreDatabase db;

        public CustomerStore(StoreDatabase db) { this.db = db; }

        private const string HqSelect = @"
SELECT c.account_number, c.data_area_id, c.name, c.first_name, c.last_name, c.email, c.phone, c.customer_group, c.currency,
       r.cust_account_async, r.origin_channel_id, c.created_at, c.blocked, c.language, c.receipt_option, c.receipt_email,
       (SELECT p.party_type FROM party p WHERE p.party_id = c.party_id)
FROM cust_table c
{0} retail_cust_table r ON r.data_area_id = c.data_area_id AND r.account_number = c.account_number
WHERE 1 = 1 {1}
ORDER BY c.data_area_id, c.account_number;";

        private static SqlFilter Filters(string alias, CustomerFilter f, string asyncColumn) => new SqlFilter()
            .In(f.AccountNumbers, alias + ".account_number", "$accounts")
            .In(f.AsyncCustomerIds, asyncColumn, "$asyncIds")
            .When(f.NameWildcard != null, alias + ".name LIKE $name ESCAPE '\\'", ("$name", f.NameWildcard == null ? null : SqlText.WildcardToLike(f.NameWildcard)))
            .When(!string.IsNullOrWhiteSpace(f.Search), "(" + string.Join(" OR ", new[] { "name", "email", "phone", "account_number" }.Select(c => alias + "." + c + " LIKE $search ESCAPE '\\'")) + ")",
                ("$search", SearchPattern(f.Search)));

        /// <summary>HQ customers, streamed, with addresses and attributes loaded a block at a time.</summary>
        public IEnumerable<Customer> ReadHeadquarters(CustomerFilter? filter)
        {
            filter = filter ?? new CustomerFilter();
            // Filters on the async link or the origin make the retail record required, so SQLite can start from its index.
            var where = Filters("c", filter, "r.cust_account_async").In(filter.OriginChannelIds, "r.origin_channel_id", "$origins");
            var join = filter.AsyncCustomerIds != null || filter.OriginChannelIds != null ? "JOIN" : "LEFT JOIN";
            var rows = db.Stream(string.Format(HqSelect, join, where.Sql), r => new Customer
            {
                AccountNumber = r.GetString(0),
                DataAreaId = r.GetString(1),
                Name = r.GetString(2),
                FirstName = r.Str(3),
                LastName = r.Str(4),
                Email = r.Str(5),
                Phone = r.Str(6),
                CustomerGroup = r.Str(7),
                Currency = r.Str(8),
                AsyncCustomerId = r.Str(9),
                ChannelId = r.Str(10),
                CreatedAt = r.Time(11),
                Blocked = r.Bool(12),
                Language = r.Str(13),
                ReceiptOption = r.IsDBNull(14) ? (ReceiptOption?)null : (ReceiptOption)r.GetInt32(14),
                ReceiptEmail = r.Str(15),
                RelationshipType = r.IsDBNull(16) ? RelationshipType.Person : (RelationshipType)r.GetInt32(16),
                SyncStatus = "Synced",
            }, where.Args);
            return filter.IncludeDetails ? WithDetails(rows) : rows;
        }

        /// <summary>
        /// What one channel database shows: the customers job 1010 delivered, plus (in the channel database)
        /// the channel's own async customers that have not come back yet, shown as "Pending sync".
        /// </summary>
        public IEnumerable<Customer> ReadChannelView(string channelId, ChannelDatabaseKind database, CustomerFilter? filter)
        {
            filter = filter ?? new CustomerFilter();
            const string Sql = @"
SELECT account_number, data_area_id, name, first_name, last_name, email, phone, customer_group, currency, async_customer_id, origin, created, blocked FROM (
  SELECT cc.account_number, cc.data_area_id, cc.name, cc.first_name, cc.last_name, cc.email, cc.phone, cc.customer_group, cc.currency,
         cc.async_customer_id, r.origin_channel_id AS origin, NULL AS created, cc.blocked
  FROM channel_customer cc
  LEFT JOIN retail_cust_table r ON r.data_area_id = cc.data_area_id AND r.account_number = cc.account_number
  WHERE cc.channel_id = $ch AND cc.database = $db
  UNION ALL
  SELECT NULL, ch.data_area_id,
         COALESCE(NULLIF(TRIM(a.name), ''), TRIM(COALESCE(a.first_name, '') || ' ' || COALESCE(a.last_name, ''))),
         a.first_name, a.last_name, a.email, a.phone, a.customer_group, a.currency, a.async_customer_id, a.channel_id, a.created_at, 0
  FROM ch_async_customer a JOIN channel ch ON ch.channel_id = a.channel_id
  WHERE $db = 0 AND a.channel_id = $ch AND a.operation = 1
    AND NOT EXISTS(SELECT 1 FROM retail_cust_table r2
                   JOIN channel_customer cc ON cc.channel_id = a.channel_id AND cc.database = 0 AND cc.account_number = r2.account_number
                   WHERE r2.cust_account_async = a.async_customer_id)
) v
WHERE 1 = 1 {0}
ORDER BY account_number IS NULL, account_number, async_customer_id;";
            var where = Filters("v", filter, "v.async_customer_id");
            return db.Stream(string.Format(Sql, where.Sql), r => new Customer
            {
                AccountNumber = r.Str(0),
                DataAreaId = r.GetString(1),
                Name = r.Str(2),
                FirstName = r.Str(3),
                LastName = r.Str(4),
                Email = r.Str(5),
                Phone = r.Str(6),
                CustomerGroup = r.Str(7),
                Currency = r.Str(8),
                AsyncCustomerId = r.Str(9),
                ChannelId = r.Str(10),
                CreatedAt = r.IsDBNull(11) ? (DateTime?)null : r.Time(11),
                Blocked = r.Bool(12),
                ViewChannelId = channelId,
                Database = database,
                SyncStatus = r.IsDBNull(0) ? Customer.PendingSync : "Synced",
            },
                where.With(("$ch", channelId), ("$db", (int)database)));
        }

        private static string? SearchPattern(string? text) =>
            string.IsNullOrWhiteSpace(text) ? null : "%" + SqlText.EscapeLike(text.Trim()) + "%";

        /// <summary>Account numbers starting with a prefix, for tab completion.</summary>
        public IEnumerable<(string Value, string Tooltip)> CompleteAccounts(string prefix, int max) =>
            db.ReadAll("SELECT account_number, name, data_area_id FROM cust_table WHERE account_number LIKE $p ESCAPE '\\' ORDER BY account_number LIMIT $n;",
                r => (r.GetString(0), r.GetString(0) + " - " + r.GetString(1) + " (" + r.GetString(2) + ")"), ("$p", SqlText.WildcardToLike(prefix) + "%"), ("$n", max));

        private IEnumerable<Customer> WithDetails(IEnumerable<Customer> rows)
        {
            const int Block = 500;
            var block = new List<Customer>(Block);
            foreach (var c in rows)
            {
                block.Add(c);
                if (block.Count < Block) continue;
                LoadDetails(block);
                foreach (var b in block) yield return b;
                block.Clear();
            }
            LoadDetails(block);
            foreach (var b in block) yield return b;
        }

        private void LoadDetails(List<Customer> block)
        {
            if (block.Count == 0) return;
            // HQ customers: each has its legal entity and account.
            var keys = SqlText.JsonPairs(block.Select(c => (c.DataAreaId!, c.AccountNumber!)).Distinct(KeyPairComparer.OrdinalIgnoreCase));
            var addresses = db.Stream(@"SELECT a.data_area_id, a.account_number, a.address_id, a.name, a.street, a.street_number, a.city, a.county, a.state, a.zip_code, a.country, a.purpose, a.is_primary
FROM " + SqlText.JoinKeys("$k", "hq_address", "a", "data_area_id", "account_number") + " ORDER BY a.address_id;",
                r => (Key: (r.GetString(0), r.GetString(1)), Value: new Address
                {
                    AccountNumber = r.GetString(1),
                    AddressId = r.GetString(2), Name = r.Str(3), Street = r.Str(4), StreetNumber = r.Str(5), City = r.Str(6), County = r.Str(7),
                    State = r.Str(8), ZipCode = r.Str(9), Country = r.Str(10), Purpose = r.Str(11), IsPrimary = r.Bool(12),
                }), ("$k", keys)).ToLookup(x => x.Key, x => x.Value, KeyPairComparer.OrdinalIgnoreCase);
            var attributes = db.Stream(@"SELECT a.data_area_id, a.account_number, a.name, a.data_type, a.value
FROM " + SqlText.JoinKeys("$k", "hq_customer_attribute", "a", "data_area_id", "account_number") + " ORDER BY a.name;",
                r => (Key: (r.GetString(0), r.GetString(1)), Value: new CustomerAttribute { Name = r.GetString(2), DataType = (AttributeDataType)r.GetInt32(3), Value = r.Str(4) }),
                ("$k", keys)).ToLookup(x => x.Key, x => x.Value, KeyPairComparer.OrdinalIgnoreCase);
            var contacts = db.Stream(@"SELECT a.data_area_id, a.account_number, a.contact_type, a.locator, a.description, a.is_primary
FROM " + SqlText.JoinKeys("$k", "hq_customer_contact", "a", "data_area_id", "account_number") + " ORDER BY a.contact_type, a.locator;",
                r => (Key: (r.GetString(0), r.GetString(1)), Value: new CustomerContact { Type = (ContactType)r.GetInt32(2), Locator = r.GetString(3), Description = r.Str(4), IsPrimary = r.Bool(5) }),
                ("$k", keys)).ToLookup(x => x.Key, x => x.Value, KeyPairComparer.OrdinalIgnoreCase);
            var affiliations = db.Stream(@"SELECT a.data_area_id, a.account_number, a.affiliation
FROM " + SqlText.JoinKeys("$k", "hq_customer_affiliation", "a", "data_area_id", "account_number") + " ORDER BY a.affiliation;",
                r => (Key: (r.GetString(0), r.GetString(1)), Value: r.GetString(2)), ("$k", keys)).ToLookup(x => x.Key, x => x.Value, KeyPairComparer.OrdinalIgnoreCase);
            foreach (var c in block)
            {
                var k = (c.DataAreaId!, c.AccountNumber!);
                c.Addresses = addresses[k].ToArray();
                c.Attributes = attributes[k].ToArray();
                c.Contacts = contacts[k].ToArray();
                c.Affiliations = affiliations[k].ToArray();
            }
        }
    }
}
