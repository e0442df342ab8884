using System.Collections.Generic;
using CommerceSync.Data;

namespace CommerceSync.Application
{
    /// <summary>Async customers as a POS records them: creates, addresses, edits and deactivations, and their status.</summary>
    public sealed class AsyncCustomers
    {
        private readonly AsyncCustomerStore store;

        internal AsyncCustomers(StoreDatabase db) { store = new AsyncCustomerStore(db); }

        /// <summary>Checks a customer as a POS would and fills what the POS fills (<see cref="Rules.PosRules"/>).</summary>
        public AsyncCustomer Prepare(AsyncCustomer draft) => store.Prepare(draft);

        public AsyncAddress AddAddress(AsyncAddress address) => store.AppendAddress(address);

        /// <summary>
        /// Appends an edit (operation 2) of an address the customer has: the values given replace the current ones;
        /// <paramref name="isPrimary"/> null keeps the primary flag.
        /// </summary>
        public AsyncAddress UpdateAddress(AsyncAddress changes, bool? isPrimary) => store.AppendAddressChange(changes, AsyncOperation.Update, isPrimary);

        /// <summary>Appends a deactivation (operation 3) of an address the customer has.</summary>
        public AsyncAddress DisableAddress(AsyncAddress address) => store.AppendAddressChange(address, AsyncOperation.Deactivate, null);

        /// <summary>Appends an edit (operation 2) or a deactivation (operation 3).</summary>
        public AsyncCustomerChange Change(AsyncCustomerChange change) => store.AppendChange(change);

        /// <summary>Async customers with their status; each list given narrows the result, null matches all.</summary>
        public IEnumerable<AsyncCustomer> Read(string[]? channelIds = null, AsyncCustomerStatus[]? statuses = null, string[]? asyncCustomerIds = null,
            string? nameWildcard = null, bool includeDetails = true) =>
            store.Read(new AsyncCustomerFilter
            {
                ChannelIds = channelIds, Statuses = statuses, AsyncCustomerIds = asyncCustomerIds, NameWildcard = nameWildcard, IncludeDetails = includeDetails,
            });
    }
}
