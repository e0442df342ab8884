using System.Collections.Generic;
using CommerceSync.Data;
using CommerceSync.Rules;

namespace CommerceSync.Application
{
    /// <summary>Customer attribute definitions and the customer attribute group of the Commerce parameters (dev-itpro/customer-attributes.md).</summary>
    public sealed class CustomerAttributes
    {
        private readonly AttributeStore store;

        internal CustomerAttributes(StoreDatabase db) { store = new AttributeStore(db); }

        /// <summary>Defines an attribute: InvalidAttributeDefinition for a definition that cannot hold, AttributeExists for a name taken.</summary>
        public CustomerAttributeDefinition Define(string? name, AttributeDataType dataType, IEnumerable<string?>? allowedValues, decimal? minimum, decimal? maximum, string? group) =>
            store.Add(AttributeRules.Define(name, dataType, allowedValues, minimum, maximum, group));

        /// <summary>Definitions by name (wildcards; null: all) and group (null: any).</summary>
        public IReadOnlyList<CustomerAttributeDefinition> Read(string[]? names = null, string? group = null) => store.List(names, group);

        /// <summary>The store's customer attribute group; null when attributes are free text.</summary>
        public string? Group => store.Group();

        /// <summary>Sets the customer attribute group (a group some attribute belongs to); null or empty: attributes are free text again.</summary>
        public void SetGroup(string? group) => store.SetGroup(group);

        /// <summary>The groups that have attributes (tab completion).</summary>
        public IReadOnlyList<string> Groups() => store.Groups();
    }
}
