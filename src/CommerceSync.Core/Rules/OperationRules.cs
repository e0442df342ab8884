using System.Collections.Generic;
using System.Linq;

namespace CommerceSync.Rules
{
    /// <summary>
    /// Correcting an uploaded operation at HQ (the "Customer synchronization status" page, convert-async-to-sync.md): only one
    /// HQ has not completed can be corrected, and it goes back to Pending for the next sync. The channel's row stays as the
    /// POS recorded it.
    /// </summary>
    public static class OperationRules
    {
        /// <summary>A corrected currency is kept as HQ keeps currencies, in capitals; null leaves it as it is.</summary>
        public static string? Currency(string? currency) => currency?.ToUpperInvariant();

        /// <summary>The refusal when the channel has no such operation, or HQ completed it already.</summary>
        public static CommerceSyncException NotCorrectable(string channelId, long counter) =>
            new CommerceSyncException(ErrorIds.OperationNotFound, ErrorKind.NotFound,
                "Channel " + channelId + " has no uploaded customer, address or attribute operation " + counter + " that HQ has yet to complete.", counter);

        /// <summary>
        /// The status page's change description (audit-async-customer-operations.md: "View a brief description of the change
        /// along with the status to understand the operation at high-level"): what the operation does, in one short sentence.
        /// </summary>
        public static string Describe(AsyncCustomerOperation o)
        {
            var create = o.Operation == AsyncOperation.Create;
            var remove = o.Operation == AsyncOperation.Deactivate;
            switch (o.Kind)
            {
                case "Customer":
                    var who = Join(" ", CustomerRules.FullName(o.Name, o.FirstName, null, o.LastName));
                    return (create ? "Create customer" : remove ? "Deactivate customer" : "Update customer") + Suffix(who);
                case "Address":
                    return (create ? "Add address" : remove ? "Remove address" : "Change address") + Suffix(Join(", ", o.Purpose, o.City));
                case "Attribute":
                    return (remove ? "Remove attribute" : "Set attribute") + Suffix(o.AttributeName);
                case "Contact":
                    var what = o.Email != null ? "email" : o.Phone != null ? "phone" : "contact";
                    return (remove ? "Remove " : "Add ") + what + " contact";
                case "Affiliation":
                    return (remove ? "Remove affiliation" : "Add affiliation") + Suffix(o.Affiliation);
                default:
                    return o.Kind + " " + o.Operation;
            }
        }

        /// <summary>
        /// Which of the attributes given applies to a failed attribute operation: the one named as the operation's attribute
        /// (names compare without case), or InvalidValue naming it.
        /// </summary>
        public static CustomerAttribute AttributeFor(AsyncCustomerOperation o, IReadOnlyList<CustomerAttribute> given)
        {
            if (o.Kind != "Attribute")
            {
                throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument,
                    "Operation " + o.ReplicationCounter + " of channel " + o.ChannelId + " is a " + o.Kind + " operation: -Attribute corrects attribute operations only.", o.ReplicationCounter);
            }
            return given.FirstOrDefault(a => string.Equals(a.Name, o.AttributeName, System.StringComparison.OrdinalIgnoreCase))
                ?? throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument,
                    "Operation " + o.ReplicationCounter + " of channel " + o.ChannelId + " sets attribute '" + o.AttributeName + "'; -Attribute names " +
                    string.Join(", ", given.Select(a => "'" + a.Name + "'")) + ". Give @{ '" + o.AttributeName + "' = value }.", o.ReplicationCounter);
        }

        private static string Suffix(string? s) => string.IsNullOrWhiteSpace(s) ? "" : " " + s!.Trim();

        private static string Join(string separator, params string?[] parts) =>
            string.Join(separator, parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
    }
}
