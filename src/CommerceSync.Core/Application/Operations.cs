using System.Collections.Generic;
using System.Linq;
using CommerceSync.Rules;
using CommerceSync.Data;

namespace CommerceSync.Application
{
    /// <summary>The "Customer synchronization status" page: every uploaded operation with its sync status and last known error, and corrections.</summary>
    public sealed class Operations
    {
        private readonly OperationStore store;
        private readonly Features features;
        private readonly AttributeStore attributes;

        internal Operations(StoreDatabase db, Features features)
        {
            store = new OperationStore(db);
            this.features = features;
            attributes = new AttributeStore(db);
        }

        private static AsyncCustomerOperation Described(AsyncCustomerOperation o)
        {
            o.ChangeDescription = OperationRules.Describe(o);
            return o;
        }

        /// <summary>Operations; each value given narrows the result, null matches all.</summary>
        public IEnumerable<AsyncCustomerOperation> Read(string[]? channelIds = null, string[]? asyncCustomerIds = null, string[]? accountNumbers = null,
            OperationSyncStatus[]? syncStatuses = null, string[]? kinds = null, bool uploadedOnly = false, string[]? errorWildcards = null)
        {
            features.Require(FeatureId.SyncStatusPage); // the page is the "Customer synchronization status" feature
            return store.Read(new OperationFilter
            {
                ChannelIds = channelIds, AsyncCustomerIds = asyncCustomerIds, AccountNumbers = accountNumbers, SyncStatuses = syncStatuses,
                Kinds = kinds, UploadedOnly = uploadedOnly, ErrorWildcards = errorWildcards,
            }).Select(Described);
        }

        /// <summary>
        /// Corrects an uploaded customer, address or attribute operation HQ has not completed and sets it back to Pending; null
        /// leaves a value as it is. <paramref name="attributes"/> (name = value, as a POS gives them) corrects an attribute
        /// operation's value: the one named as its attribute, checked against its definition as a POS checks it.
        /// </summary>
        public AsyncCustomerOperation Fix(string channelId, long counter, string? firstName = null, string? lastName = null, string? name = null,
            string? email = null, string? phone = null, string? currency = null, string? customerGroup = null,
            string? street = null, string? city = null, string? zipCode = null, string? country = null, IReadOnlyList<CustomerAttribute>? attributes = null)
        {
            features.Require(FeatureId.SyncStatusPage);
            CustomerAttribute? attribute = null;
            if (attributes != null && attributes.Count > 0)
            {
                var op = store.Read(new OperationFilter { ChannelIds = new[] { channelId } }).FirstOrDefault(o => o.ReplicationCounter == counter && o.Uploaded)
                    ?? throw OperationRules.NotCorrectable(channelId, counter);
                attribute = AttributeRules.Conform(this.attributes.Catalog(), OperationRules.AttributeFor(op, attributes));
            }
            return Described(store.Fix(channelId, counter, new OperationFix
            {
                FirstName = firstName, LastName = lastName, Name = name, Email = email, Phone = phone, Currency = OperationRules.Currency(currency), CustomerGroup = customerGroup,
                Street = street, City = city, ZipCode = zipCode, Country = country, Attribute = attribute,
            }));
        }
    }
}
