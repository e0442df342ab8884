using System.Collections.Generic;
using CommerceSync.Rules;
using CommerceSync.Data;

namespace CommerceSync.Application
{
    /// <summary>The "Customer synchronization status" page: every uploaded operation with its sync status and last known error, and corrections.</summary>
    public sealed class Operations
    {
        private readonly OperationStore store;
        private readonly Features features;

        internal Operations(StoreDatabase db, Features features)
        {
            store = new OperationStore(db);
            this.features = features;
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
            });
        }

        /// <summary>
        /// Corrects an uploaded customer or address operation HQ has not completed and sets it back to Pending; null leaves a
        /// value as it is.
        /// </summary>
        public AsyncCustomerOperation Fix(string channelId, long counter, string? firstName = null, string? lastName = null, string? name = null,
            string? email = null, string? phone = null, string? currency = null, string? customerGroup = null,
            string? street = null, string? city = null, string? zipCode = null, string? country = null)
        {
            features.Require(FeatureId.SyncStatusPage);
            return store.Fix(channelId, counter, new OperationFix
            {
                FirstName = firstName, LastName = lastName, Name = name, Email = email, Phone = phone, Currency = OperationRules.Currency(currency), CustomerGroup = customerGroup,
                Street = street, City = city, ZipCode = zipCode, Country = country,
            });
        }
    }
}
