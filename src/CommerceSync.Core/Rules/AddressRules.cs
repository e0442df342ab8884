using System;
using System.Collections.Generic;
using System.Linq;

namespace CommerceSync.Rules
{
    /// <summary>
    /// How a customer's addresses change after they are created: the POS appends an update (operation 2) or a deactivation
    /// (operation 3) to the address log, keyed by AddressId, and the latest row of each address is its state (DOMAIN.md, from
    /// the RETAILASYNCADDRESSV2 schema). Each customer has one primary address per purpose (customer-mgmt-stores.md).
    /// </summary>
    public static class AddressRules
    {
        /// <summary>
        /// The address an edit leaves: the current state with each value the POS gave in its place (a blank value is not
        /// given, as for customer edits). <paramref name="isPrimary"/> is null when the edit leaves the flag as it was.
        /// </summary>
        public static AsyncAddress Edit(AsyncAddress current, AsyncAddress given, bool? isPrimary)
        {
            string? Pick(string? g, string? c) => CustomerDraft.Blank(g) ?? c;
            return new AsyncAddress
            {
                ChannelId = given.ChannelId,
                AsyncCustomerId = given.AsyncCustomerId,
                AccountNumber = given.AccountNumber,
                AddressId = current.AddressId,
                Operation = AsyncOperation.Update,
                Name = Pick(given.Name, current.Name),
                Street = Pick(given.Street, current.Street),
                StreetNumber = Pick(given.StreetNumber, current.StreetNumber),
                City = Pick(given.City, current.City),
                County = Pick(given.County, current.County),
                State = Pick(given.State, current.State),
                ZipCode = Pick(given.ZipCode, current.ZipCode),
                Country = Pick(given.Country, current.Country),
                Purpose = Pick(given.Purpose, current.Purpose),
                IsPrimary = isPrimary ?? current.IsPrimary,
            };
        }

        /// <summary>The row a deactivation appends: the address as it stands, marked operation 3, so the log says what went.</summary>
        public static AsyncAddress Deactivation(AsyncAddress current, AsyncAddress given)
        {
            var row = Edit(current, new AsyncAddress { ChannelId = given.ChannelId, AsyncCustomerId = given.AsyncCustomerId, AccountNumber = given.AccountNumber }, null);
            row.Operation = AsyncOperation.Deactivate;
            return row;
        }

        /// <summary>An edit or a deactivation of an address the customer does not have (never had, or no longer has).</summary>
        public static CommerceSyncException NotFound(string? addressId, string? owner, string? channelId, bool deactivated) =>
            new CommerceSyncException(ErrorIds.AddressNotFound, ErrorKind.NotFound, deactivated
                ? "Address '" + addressId + "' of customer '" + owner + "' was deactivated at channel '" + channelId + "'; add a new address with New-AsyncCustomerAddress."
                : "Customer '" + owner + "' has no address '" + addressId + "' at channel '" + channelId + "' or at HQ. Get-AsyncCustomer and Get-CommerceCustomer list the addresses a customer has.",
                addressId);

        /// <summary>
        /// The addresses a log leaves, from its rows in counter order: the latest row of each AddressId wins, a deactivation
        /// removes the address, and a row that makes an address primary takes the flag from the customer's other address of
        /// its purpose for good (as HQ does when it applies the row), so taking the flag away later leaves no primary.
        /// </summary>
        public static List<AsyncAddress> Fold(IEnumerable<AsyncAddress> rowsInOrder)
        {
            var latest = new Dictionary<string, AsyncAddress>(StringComparer.OrdinalIgnoreCase);
            var order = new List<string>();
            foreach (var row in rowsInOrder)
            {
                var key = row.AddressId ?? "";
                if (!latest.ContainsKey(key)) order.Add(key);
                latest[key] = row;
                if (row.IsPrimary && row.Operation != AsyncOperation.Deactivate)
                {
                    foreach (var other in latest.Values)
                        if (!ReferenceEquals(other, row) && other.IsPrimary && SamePurpose(other, row)) other.IsPrimary = false;
                }
            }
            // Each address keeps the place where it first appeared: an edit does not move it to the end.
            return order.Select(k => latest[k]).Where(a => a.Operation != AsyncOperation.Deactivate).ToList();
        }

        private static bool SamePurpose(AsyncAddress a, AsyncAddress b) => string.Equals(a.Purpose ?? "", b.Purpose ?? "", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// Leaves at most one primary address per purpose in <paramref name="addresses"/>, which are in the order the POS
        /// recorded them: of those marked primary, the last stays primary.
        /// </summary>
        public static void OnePrimaryPerPurpose(IList<AsyncAddress> addresses)
        {
            for (var i = 0; i < addresses.Count; i++)
            {
                if (!addresses[i].IsPrimary) continue;
                for (var j = 0; j < i; j++) if (addresses[j].IsPrimary && SamePurpose(addresses[j], addresses[i])) addresses[j].IsPrimary = false;
            }
        }
    }
}
