using System;
using System.Collections.Generic;

namespace CommerceSync
{
    /// <summary>
    /// A customer attribute as HQ defines it (dev-itpro/customer-attributes.md): its name, its attribute type (text, integer,
    /// decimal or boolean), a fixed list of values (text only) or a value range (integer, decimal), and its attribute group.
    /// </summary>
    public sealed class CustomerAttributeDefinition : IStoreObject
    {
        /// <summary>The store this came from (path, or connection string without its password); binds to -Store by property name.</summary>
        public string? Store { get; set; }
        public string? Name { get; set; }
        public AttributeDataType DataType { get; set; }
        /// <summary>The fixed list of values of a text attribute; empty: any text.</summary>
        public string[] AllowedValues { get; set; } = Array.Empty<string>();
        /// <summary>The lowest value of an integer or decimal attribute; null: no lower bound.</summary>
        public decimal? Minimum { get; set; }
        /// <summary>The highest value of an integer or decimal attribute; null: no upper bound.</summary>
        public decimal? Maximum { get; set; }
        /// <summary>The attribute group it belongs to; the store's customer attribute group (Set-CommerceStore) picks which are used.</summary>
        public string? Group { get; set; }
        public DateTime CreatedAt { get; set; }

        public override string? ToString() => Name;
    }

    /// <summary>
    /// What a POS and HQ check customer attributes against: the store's customer attribute group (Commerce parameters) and the
    /// attributes defined in it. No group: attributes are free text, as before definitions existed.
    /// </summary>
    public sealed class CustomerAttributeCatalog
    {
        public static readonly CustomerAttributeCatalog FreeText = new CustomerAttributeCatalog(null, Array.Empty<CustomerAttributeDefinition>());

        public CustomerAttributeCatalog(string? group, IEnumerable<CustomerAttributeDefinition> definitions)
        {
            Group = group;
            foreach (var d in definitions)
            {
                if (d.Name != null) byName[d.Name] = d;
            }
        }

        private readonly Dictionary<string, CustomerAttributeDefinition> byName = new Dictionary<string, CustomerAttributeDefinition>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The store's customer attribute group; null when none is set.</summary>
        public string? Group { get; }

        /// <summary>The definition of an attribute of the group (names compare without case), or null.</summary>
        public CustomerAttributeDefinition? Find(string? name)
        {
            CustomerAttributeDefinition? d;
            return name != null && byName.TryGetValue(name.Trim(), out d) ? d : null;
        }

        public IEnumerable<string> Names => byName.Keys;
    }
}
