using System.Collections.Generic;
using CommerceSync.Data;
using CommerceSync.Rules;

namespace CommerceSync.Application
{
    /// <summary>Async customers as a POS records them: creates, addresses, edits and deactivations, and their status.</summary>
    public sealed class AsyncCustomers
    {
        private readonly AsyncCustomerStore store;
        private readonly Features features;

        internal AsyncCustomers(StoreDatabase db, Features features)
        {
            store = new AsyncCustomerStore(db);
            this.features = features;
        }

        /// <summary>Checks a customer as a POS would and fills what the POS fills (<see cref="Rules.PosRules"/>).</summary>
        public AsyncCustomer Prepare(AsyncCustomer draft) => store.Prepare(draft, features.States);

        /// <summary>Appends an address; needs "Enable asynchronous creation for customer addresses" (<see cref="FeatureRules.NeededToAddAddress"/>).</summary>
        public AsyncAddress AddAddress(AsyncAddress address)
        {
            RequireAddressAdd(address);
            return store.AppendAddress(address);
        }

        /// <summary>Refuses with FeatureDisabled while adding an address at a POS is off.</summary>
        public void RequireAddressAdd(object? target = null) => features.Require(FeatureRules.NeededToAddAddress, target);

        /// <summary>
        /// Appends an edit (operation 2) of an address the customer has: the values given replace the current ones;
        /// <paramref name="isPrimary"/> null keeps the primary flag. Needs <see cref="FeatureRules.NeededToChangeAddress"/>.
        /// </summary>
        public AsyncAddress UpdateAddress(AsyncAddress changes, bool? isPrimary)
        {
            RequireAddressChanges(changes);
            return store.AppendAddressChange(changes, AsyncOperation.Update, isPrimary);
        }

        /// <summary>Refuses with FeatureDisabled while a feature an address edit or deactivation needs is off.</summary>
        public void RequireAddressChanges(object? target = null)
        {
            foreach (var id in FeatureRules.NeededToChangeAddress) features.Require(id, target, FeatureRules.AddressChangesWhileOff);
        }

        /// <summary>Appends a deactivation (operation 3) of an address the customer has. Needs <see cref="FeatureRules.NeededToChangeAddress"/>.</summary>
        public AsyncAddress DisableAddress(AsyncAddress address)
        {
            RequireAddressChanges(address);
            return store.AppendAddressChange(address, AsyncOperation.Deactivate, null);
        }

        /// <summary>
        /// Appends an edit (operation 2) or a deactivation (operation 3); one of a customer pending sync needs "Enable editing
        /// customers in asynchronous mode" (<see cref="FeatureRules.NeededToChange"/>).
        /// </summary>
        public AsyncCustomerChange Change(AsyncCustomerChange change)
        {
            RequireChange(change);
            return store.AppendChange(change);
        }

        /// <summary>Refuses with FeatureDisabled while the feature an edit or deactivation of this customer needs is off.</summary>
        public void RequireChange(AsyncCustomerChange change)
        {
            var needed = FeatureRules.NeededToChange(change);
            if (needed != null) features.Require(needed.Value, change.AsyncCustomerId);
        }

        /// <summary>Async customers with their status; each list given narrows the result, null matches all.</summary>
        public IEnumerable<AsyncCustomer> Read(string[]? channelIds = null, AsyncCustomerStatus[]? statuses = null, string[]? asyncCustomerIds = null,
            string? nameWildcard = null, bool includeDetails = true) =>
            store.Read(new AsyncCustomerFilter
            {
                ChannelIds = channelIds, Statuses = statuses, AsyncCustomerIds = asyncCustomerIds, NameWildcard = nameWildcard, IncludeDetails = includeDetails,
            });
    }
}
