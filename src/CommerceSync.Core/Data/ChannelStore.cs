using System;
using System.Data.Common;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Rules;

namespace CommerceSync.Data
{
    /// <summary>Channels and their settings.</summary>
    public sealed class ChannelStore
    {
        private const string Columns = "channel_id, name, data_area_id, async_customer_mode, offline_database, default_customer_group, default_currency, created_at, is_offline, filter_shared_customer_data, country, default_customer, customer_order_mode, database_group";
        private readonly StoreDatabase db;

        public ChannelStore(StoreDatabase db) { this.db = db; }

        public Channel Add(Channel channel)
        {
            ChannelRules.PrepareNew(channel);
            channel.CreatedAt = DateTime.UtcNow;
            using (var tx = db.BeginWrite())
            {
                if (db.Scalar<long>("SELECT COUNT(*) FROM channel WHERE channel_id = $id;", ("$id", channel.ChannelId)) > 0)
                {
                    throw ChannelRules.AlreadyExists(channel.ChannelId);
                }
                channel.DefaultCustomer = CheckDefaultCustomer(channel.DataAreaId!, channel.DefaultCustomer); // PrepareNew gave the legal entity
                // The channel schema's setting reaches every channel database, a new one's too.
                channel.FilterSharedCustomerData = channel.FilterSharedCustomerData || db.FilterSharedCustomerData;
                db.Execute("INSERT INTO channel(" + Columns + ") VALUES ($id, $name, $area, $async, $offline, $group, $cur, $at, 0, $filter, $country, $default, $orderMode, $group_);",
                    ("$id", channel.ChannelId), ("$name", channel.Name), ("$area", channel.DataAreaId),
                    ("$async", channel.AsyncCustomerMode ? 1 : 0), ("$offline", channel.OfflineDatabase ? 1 : 0),
                    ("$group", channel.DefaultCustomerGroup), ("$cur", channel.DefaultCurrency), ("$at", channel.CreatedAt.ToStoreText()),
                    ("$filter", channel.FilterSharedCustomerData ? 1 : 0), ("$country", channel.Country), ("$default", channel.DefaultCustomer),
                    ("$orderMode", (int)channel.CustomerOrderMode), ("$group_", channel.DatabaseGroup));
                tx.Commit();
            }
            return Get(channel.ChannelId);
        }

        public Channel? Find(string? channelId) =>
            db.Stream("SELECT " + Columns + " FROM channel WHERE channel_id = $id;", Map, ("$id", channelId)).FirstOrDefault();

        /// <summary>The channel, or ChannelNotFound (for a null id too).</summary>
        public Channel Get(string? channelId) =>
            Find(channelId) ?? throw NotFound(channelId);

        public static CommerceSyncException NotFound(string? channelId) => ChannelRules.NotFound(channelId);

        /// <summary>Channels whose id or name matches the wildcard (all when null).</summary>
        public IReadOnlyList<Channel> List(string? wildcard = null, string? dataAreaId = null)
        {
            var where = new SqlFilter()
                .When(wildcard != null, "(channel_id LIKE $p ESCAPE '\\' OR name LIKE $p ESCAPE '\\')", ("$p", wildcard == null ? null : SqlText.WildcardToLike(wildcard)))
                .When(dataAreaId != null, "data_area_id = $a", ("$a", dataAreaId));
            return db.ReadAll("SELECT " + Columns + " FROM channel WHERE 1 = 1" + where.Sql + " ORDER BY channel_id;", Map, where.Args);
        }

        /// <summary>Resolves channel ids (exact, case-insensitive) to their stored spelling; unknown ids fail with ChannelNotFound.</summary>
        public string[]? Resolve(IEnumerable<string>? channelIds)
        {
            if (channelIds == null) return null;
            var result = new List<string>();
            foreach (var id in channelIds)
            {
                if (!SqlText.HasWildcard(id))
                {
                    result.Add(Get(id).ChannelId!); // a stored channel has its id
                    continue;
                }
                // Every -Channel takes PowerShell wildcards (ids cannot hold them); a pattern that matches nothing is an error too.
                var matches = db.ReadAll("SELECT channel_id FROM channel WHERE channel_id LIKE $p ESCAPE '\\' ORDER BY channel_id;", r => r.GetString(0),
                    ("$p", SqlText.WildcardToLike(id)));
                if (matches.Count == 0)
                {
                    throw new CommerceSyncException(ErrorIds.ChannelNotFound, ErrorKind.NotFound, "No channel matches '" + id + "'.", id);
                }
                result.AddRange(matches);
            }
            return result.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        }

        /// <summary>Changes settings; null leaves a setting as it is.</summary>
        public Channel Update(string channelId, string? name = null, bool? asyncCustomerMode = null, bool? offlineDatabase = null,
            string? defaultCustomerGroup = null, string? defaultCurrency = null, bool? isOffline = null, bool? filterSharedCustomerData = null,
            Action<string>? log = null, string? country = null, string? defaultCustomer = null, CustomerOrderMode? customerOrderMode = null, string? databaseGroup = null)
        {
            if (databaseGroup != null) databaseGroup = DistributionRules.PrepareGroup(databaseGroup);
            (name, defaultCustomerGroup, defaultCurrency, country) = ChannelRules.PrepareChange(name, defaultCustomerGroup, defaultCurrency, country);
            var before = Get(channelId);
            var wasOffline = before.IsOffline;
            Func<bool?, object?> flag = b => b.HasValue ? (object)(b.Value ? 1 : 0) : null;
            using (var tx = db.BeginWrite())
            {
                // Blank takes the default customer away; null leaves it.
                var setDefault = defaultCustomer != null;
                var newDefault = setDefault ? CheckDefaultCustomer(before.DataAreaId!, defaultCustomer) : null;
                var n = db.Execute(@"UPDATE channel SET
  name = COALESCE($name, name),
  async_customer_mode = COALESCE($async, async_customer_mode),
  offline_database = COALESCE($offline, offline_database),
  default_customer_group = COALESCE($group, default_customer_group),
  default_currency = COALESCE($cur, default_currency),
  is_offline = COALESCE($isOffline, is_offline),
  filter_shared_customer_data = COALESCE($filter, filter_shared_customer_data),
  country = COALESCE($country, country),
  default_customer = CASE WHEN $setDefault = 1 THEN $default ELSE default_customer END,
  customer_order_mode = COALESCE($orderMode, customer_order_mode),
  database_group = COALESCE($databaseGroup, database_group)
WHERE channel_id = $id;",
                    ("$id", channelId), ("$name", name), ("$async", asyncCustomerMode.HasValue ? (object)(asyncCustomerMode.Value ? 1 : 0) : null),
                    ("$offline", offlineDatabase.HasValue ? (object)(offlineDatabase.Value ? 1 : 0) : null),
                    ("$group", defaultCustomerGroup), ("$cur", defaultCurrency),
                    ("$isOffline", flag(isOffline)), ("$filter", flag(filterSharedCustomerData)), ("$country", country),
                    ("$setDefault", setDefault ? 1 : 0), ("$default", newDefault),
                    ("$orderMode", customerOrderMode.HasValue ? (object)(int)customerOrderMode.Value : null), ("$databaseGroup", databaseGroup));
                if (n == 0) throw NotFound(channelId);
                tx.Commit();
            }
            if (wasOffline && isOffline == false)
            {
                // Back online: what the registers created offline reaches the channel database, where the P-job finds it.
                var moved = new OfflineDatabase(db).MoveToChannel(channelId);
                log?.Invoke("Channel " + channelId + " is back online: " + moved + " customers moved from its offline database to the channel database.");
            }
            return Get(channelId);
        }

        /// <summary>The channel schema's "Filter shared customer data tables", for the store and each of its channels, in one write.</summary>
        public void SetFilterSharedCustomerDataForAll(bool on)
        {
            using (var tx = db.BeginWrite())
            {
                db.FilterSharedCustomerData = on;
                db.Execute("UPDATE channel SET filter_shared_customer_data = $v;", ("$v", on ? 1 : 0));
                tx.Commit();
            }
        }

        /// <summary>
        /// The default customer to record: null for none (blank), else an account HQ has in the channel's legal entity, in its
        /// stored spelling; CustomerNotFound otherwise.
        /// </summary>
        private string? CheckDefaultCustomer(string dataAreaId, string? account)
        {
            if (string.IsNullOrWhiteSpace(account)) return null;
            var found = db.ReadAll("SELECT account_number FROM cust_table WHERE data_area_id = $a AND account_number = $acc;", r => r.GetString(0),
                ("$a", dataAreaId), ("$acc", account.Trim())).FirstOrDefault();
            return found ?? throw ChannelRules.NoSuchDefaultCustomer(account.Trim(), dataAreaId);
        }

        private static Channel Map(DbDataReader r) => new Channel
        {
            ChannelId = r.GetString(0),
            Name = r.GetString(1),
            DataAreaId = r.GetString(2),
            AsyncCustomerMode = r.Bool(3),
            OfflineDatabase = r.Bool(4),
            DefaultCustomerGroup = r.GetString(5),
            DefaultCurrency = r.GetString(6),
            CreatedAt = r.Time(7),
            IsOffline = r.Bool(8),
            FilterSharedCustomerData = r.Bool(9),
            Country = r.Str(10),
            DefaultCustomer = r.Str(11),
            CustomerOrderMode = (CustomerOrderMode)r.GetInt32(12),
            DatabaseGroup = r.GetString(13),
        };
    }
}
