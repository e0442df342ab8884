using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using CommerceSync.Rules;

namespace CommerceSync.Data
{
    /// <summary>Customer attribute definitions and the store's customer attribute group (Commerce parameters).</summary>
    public sealed class AttributeStore
    {
        /// <summary>The store setting that holds the customer attribute group; absent: attributes are free text.</summary>
        public const string GroupSetting = "CustomerAttributeGroup";

        private const string Columns = "name, data_type, allowed_values, minimum, maximum, attribute_group, created_at";
        private readonly StoreDatabase db;

        public AttributeStore(StoreDatabase db) { this.db = db; }

        /// <summary>Adds a definition <see cref="AttributeRules.Define"/> checked; a name taken already fails with AttributeExists.</summary>
        public CustomerAttributeDefinition Add(CustomerAttributeDefinition d)
        {
            d.CreatedAt = DateTime.UtcNow;
            using (var tx = db.BeginWrite())
            {
                if (db.Scalar<long>("SELECT COUNT(*) FROM customer_attribute_definition WHERE name = $n;", ("$n", d.Name)) > 0) throw AttributeRules.Exists(d.Name!);
                db.Execute("INSERT INTO customer_attribute_definition(" + Columns + ") VALUES ($n, $t, $v, $min, $max, $g, $at);",
                    ("$n", d.Name), ("$t", (int)d.DataType), ("$v", d.AllowedValues.Length == 0 ? null : string.Join("\n", d.AllowedValues)),
                    ("$min", Number(d.Minimum)), ("$max", Number(d.Maximum)), ("$g", d.Group), ("$at", d.CreatedAt.ToStoreText()));
                tx.Commit();
            }
            return List(new[] { d.Name! }, null).First();
        }

        /// <summary>Definitions whose name matches any of the wildcards (all when null), in a group (any when null).</summary>
        public List<CustomerAttributeDefinition> List(string[]? nameWildcards, string? group)
        {
            var names = nameWildcards?.Where(n => n != null).ToArray();
            var where = new SqlFilter()
                .When(names != null, "(" + (names == null || names.Length == 0 ? "1 = 0" : string.Join(" OR ", names.Select((n, i) => "name LIKE $n" + i + " ESCAPE '\\'"))) + ")",
                    (names ?? Array.Empty<string>()).Select((n, i) => ("$n" + i, (object?)SqlText.WildcardToLike(n))).ToArray())
                .When(group != null, "attribute_group = $g", ("$g", group));
            return db.ReadAll("SELECT " + Columns + " FROM customer_attribute_definition WHERE 1 = 1" + where.Sql + " ORDER BY attribute_group, name;", Map, where.Args);
        }

        /// <summary>The groups that have attributes, in their stored spelling.</summary>
        public List<string> Groups() =>
            db.ReadAll("SELECT DISTINCT attribute_group FROM customer_attribute_definition WHERE attribute_group IS NOT NULL ORDER BY attribute_group;", r => r.GetString(0));

        /// <summary>The store's customer attribute group; null when none is set.</summary>
        public string? Group()
        {
            var g = db.GetSetting(GroupSetting);
            return string.IsNullOrEmpty(g) ? null : g;
        }

        /// <summary>Sets the store's customer attribute group (a group some attribute belongs to, else AttributeGroupNotFound); null or empty clears it.</summary>
        public void SetGroup(string? group)
        {
            using (var tx = db.BeginWrite())
            {
                if (string.IsNullOrWhiteSpace(group))
                {
                    db.Execute("DELETE FROM store_setting WHERE key = $k;", ("$k", GroupSetting));
                }
                else
                {
                    var groups = Groups();
                    var found = groups.FirstOrDefault(g => string.Equals(g, group!.Trim(), StringComparison.OrdinalIgnoreCase)) ?? throw AttributeRules.GroupNotFound(group!.Trim(), groups);
                    db.SetSetting(GroupSetting, found);
                }
                tx.Commit();
            }
        }

        /// <summary>What attributes are checked against, read once for a batch (a POS call, an import, a sync chunk).</summary>
        public CustomerAttributeCatalog Catalog()
        {
            var group = Group();
            return group == null ? CustomerAttributeCatalog.FreeText : new CustomerAttributeCatalog(group, List(null, group));
        }

        private static string? Number(decimal? d) => d?.ToString(CultureInfo.InvariantCulture);

        private static decimal? ReadNumber(DbDataReader r, int i) =>
            r.IsDBNull(i) ? (decimal?)null : decimal.Parse(r.GetString(i), NumberStyles.Number, CultureInfo.InvariantCulture);

        private static CustomerAttributeDefinition Map(DbDataReader r) => new CustomerAttributeDefinition
        {
            Name = r.GetString(0), DataType = (AttributeDataType)r.GetInt32(1),
            AllowedValues = r.IsDBNull(2) ? Array.Empty<string>() : r.GetString(2).Split('\n'),
            Minimum = ReadNumber(r, 3), Maximum = ReadNumber(r, 4), Group = r.Str(5), CreatedAt = r.Time(6),
        };
    }
}
