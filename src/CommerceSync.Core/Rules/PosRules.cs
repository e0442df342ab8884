using System;
using System.Linq;

namespace CommerceSync.Rules
{
    /// <summary>
    /// What a POS checks and fills when it records a customer, an address or an edit (async-customer-mode.md): the shape and
    /// lengths of the values, the channel's default customer group and currency, and that an offline register of a channel
    /// that filters shared customer data creates no customer. What only the store can tell (does this id exist) the caller asks
    /// the store, with the refusals below.
    /// </summary>
    public static class PosRules
    {
        /// <summary>
        /// Checks a new customer and fills what the POS fills from its channel. A blank AsyncCustomerId is left null (the
        /// caller gives it a new GUID); a given one must be a GUID and comes back in its canonical form.
        /// </summary>
        /// <param name="defaultCustomer">The store's default customer (<see cref="Channel.DefaultCustomer"/>), read from HQ; null when the store has none.</param>
        /// <returns>Whether the caller gave the id (then the store must not hold it yet: <see cref="AsyncCustomerExists"/>).</returns>
        /// <param name="inheritAffiliations">"Enable enhanced async customer creation" is on (<see cref="FeatureRules.InheritsAffiliations"/>).</param>
        public static bool PrepareCustomer(AsyncCustomer draft, Channel channel, Customer? defaultCustomer = null, bool inheritAffiliations = true)
        {
            var problem = CustomerRules.CheckAtChannel(draft.Name, draft.FirstName, draft.MiddleName, draft.LastName, draft.Email, draft.Phone)
                ?? CustomerRules.Length("ReceiptEmail", draft.ReceiptEmail, CustomerRules.MaxEmailLength)
                ?? (string.IsNullOrWhiteSpace(draft.CustomerGroup) ? null : InputRules.CheckId("CustomerGroup", draft.CustomerGroup, InputRules.MaxCustomerGroupLength))
                ?? CustomerRules.Length("Currency", draft.Currency, 10)
                ?? CustomerRules.Length("Language", draft.Language, 10);
            if (problem != null)
            {
                var id = problem.StartsWith("A customer needs", StringComparison.Ordinal) ? ErrorIds.NameRequired : ErrorIds.InvalidValue;
                throw new CommerceSyncException(id, ErrorKind.InvalidArgument, problem, draft);
            }
            if (channel.IsOffline && channel.FilterSharedCustomerData)
            {
                throw new CommerceSyncException(ErrorIds.OfflineCreationNotAllowed, ErrorKind.InvalidOperation,
                    "Channel '" + channel.ChannelId + "' is offline and its channel schema filters shared customer data tables, so customers cannot be created until it is back online.", channel.ChannelId);
            }
            draft.ChannelId = channel.ChannelId;
            draft.Name = CustomerRules.FullName(draft.Name, draft.FirstName, draft.MiddleName, draft.LastName);
            draft.DataAreaId = channel.DataAreaId;
            FillFromDefaultCustomer(draft, channel, defaultCustomer, inheritAffiliations);
            draft.Status = AsyncCustomerStatus.Pending;
            if (string.IsNullOrWhiteSpace(draft.AsyncCustomerId))
            {
                draft.AsyncCustomerId = null;
                return false;
            }
            Guid parsed;
            if (!Guid.TryParse(draft.AsyncCustomerId, out parsed))
            {
                throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument, "AsyncCustomerId must be a GUID.", draft.AsyncCustomerId);
            }
            draft.AsyncCustomerId = parsed.ToString();
            return true;
        }

        /// <summary>
        /// What a new customer takes from the store's default customer when the POS gives none (customer-mgmt-stores.md,
        /// "Default customer properties"): its type, customer group, receipt option, receipt email (only when the POS gave
        /// none), currency and language, and its affiliations beside the ones the POS gave. A store without a default customer
        /// gives its own default group and currency, as before.
        /// </summary>
        /// <remarks>
        /// Without "Enable enhanced async customer creation" the affiliations are not inherited: "Affiliations can't be
        /// associated with Async customers. Therefore, new Async customers don't inherit affiliations from the default
        /// customer." (customer-mgmt-stores.md, "Async customer limitations").
        /// </remarks>
        public static void FillFromDefaultCustomer(AsyncCustomer draft, Channel channel, Customer? defaultCustomer, bool inheritAffiliations = true)
        {
            var d = defaultCustomer;
            if (!draft.RelationshipTypeGiven && d != null) draft.RelationshipType = d.RelationshipType;
            draft.CustomerGroup = CustomerDraft.Blank(draft.CustomerGroup) ?? CustomerDraft.Blank(d?.CustomerGroup) ?? channel.DefaultCustomerGroup;
            draft.Currency = (CustomerDraft.Blank(draft.Currency) ?? CustomerDraft.Blank(d?.Currency) ?? channel.DefaultCurrency)?.ToUpperInvariant();
            draft.Language = CustomerDraft.Blank(draft.Language) ?? CustomerDraft.Blank(d?.Language);
            draft.ReceiptOption = draft.ReceiptOption ?? d?.ReceiptOption;
            draft.ReceiptEmail = CustomerDraft.Blank(draft.ReceiptEmail) ?? CustomerDraft.Blank(d?.ReceiptEmail);
            if (inheritAffiliations && d != null && d.Affiliations.Length > 0)
            {
                draft.Affiliations = (draft.Affiliations ?? Array.Empty<string>()).Concat(d.Affiliations)
                    .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            }
        }

        public static CommerceSyncException AsyncCustomerExists(string? asyncCustomerId) =>
            new CommerceSyncException(ErrorIds.AsyncCustomerExists, ErrorKind.AlreadyExists, "Async customer '" + asyncCustomerId + "' already exists.", asyncCustomerId);

        /// <summary>
        /// Checks an address and fills what the POS fills (customer-mgmt-stores.md, "Default customer properties"): its
        /// channel; the purpose, when blank, Home for a person and Business for an organization; the country/region, when
        /// blank, the one of the store's operating unit (the channel's Country; a channel without one leaves it blank, and HQ
        /// refuses the address). A blank AddressId is the caller's to fill with a new id; a given one is checked as an id.
        /// </summary>
        public static void PrepareAddress(AsyncAddress a, Channel channel, RelationshipType owner)
        {
            CheckAddress(a, channel);
            FillAddress(a, channel, owner);
        }

        /// <summary>The checks of <see cref="PrepareAddress"/>, and the address's channel: what needs no owner.</summary>
        public static void CheckAddress(AsyncAddress a, Channel channel)
        {
            a.ChannelId = channel.ChannelId;
            var problem = CustomerRules.Length("Street", a.Street, CustomerRules.MaxFieldLength)
                ?? CustomerRules.Length("City", a.City, 60) ?? CustomerRules.Length("State", a.State, 30)
                ?? CustomerRules.Length("ZipCode", a.ZipCode, 20) ?? CustomerRules.Length("Country", a.Country, CustomerRules.MaxCountryLength)
                ?? (string.IsNullOrWhiteSpace(a.AddressId) ? null : InputRules.CheckId("AddressId", a.AddressId, 60));
            if (problem != null) throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument, problem, a);
            CustomerRules.OneOf("Purpose", a.Purpose, CustomerRules.AddressPurposes);
        }

        /// <summary>The defaults of <see cref="PrepareAddress"/>, once the owner is known: the purpose and the country/region.</summary>
        public static void FillAddress(AsyncAddress a, Channel channel, RelationshipType owner)
        {
            a.Purpose = CustomerRules.OneOf("Purpose", a.Purpose, CustomerRules.AddressPurposes) ?? DefaultPurpose(owner);
            if (string.IsNullOrWhiteSpace(a.Country)) a.Country = channel.Country;
        }

        /// <summary>The purpose of an address recorded without one: Home for a person, Business for an organization.</summary>
        public static string DefaultPurpose(RelationshipType owner) => owner == RelationshipType.Organization ? "Business" : "Home";

        /// <summary>
        /// An address belongs to exactly one customer: an async customer (CustAccountAsync) or a synced one (CustAccount).
        /// Trims the one given. Returns true for an async customer.
        /// </summary>
        public static bool AddressOwner(AsyncAddress address)
        {
            var hasAsync = !string.IsNullOrWhiteSpace(address.AsyncCustomerId);
            if (hasAsync == !string.IsNullOrWhiteSpace(address.AccountNumber))
            {
                throw new CommerceSyncException(ErrorIds.AddressOwnerRequired, ErrorKind.InvalidArgument,
                    "An address belongs to exactly one customer: give either -AsyncCustomerId or -AccountNumber.", address);
            }
            return hasAsync;
        }

        /// <summary>An edit or deactivation names exactly one customer. Trims the one given. Returns true for an async customer.</summary>
        public static bool ChangeOwner(AsyncCustomerChange change)
        {
            var hasAsync = !string.IsNullOrWhiteSpace(change.AsyncCustomerId);
            if (hasAsync == !string.IsNullOrWhiteSpace(change.AccountNumber))
            {
                throw new CommerceSyncException(ErrorIds.AddressOwnerRequired, ErrorKind.InvalidArgument,
                    "Name exactly one customer: -AsyncCustomerId for a customer pending sync, or -AccountNumber for a synced customer.", change);
            }
            // Exactly one of the two is given (not blank): the check above.
            if (hasAsync) change.AsyncCustomerId = change.AsyncCustomerId!.Trim();
            else change.AccountNumber = change.AccountNumber!.Trim();
            return hasAsync;
        }

        public static CommerceSyncException NotCreatedAtChannel(string? asyncCustomerId, string? channelId) =>
            new CommerceSyncException(ErrorIds.AsyncCustomerNotFound, ErrorKind.NotFound,
                "Async customer '" + asyncCustomerId + "' was not created at channel '" + channelId + "'.", asyncCustomerId);

        public static CommerceSyncException NotKnownToChannel(string? accountNumber, string? channelId) =>
            new CommerceSyncException(ErrorIds.CustomerNotFound, ErrorKind.NotFound,
                "Customer '" + accountNumber + "' is not known to channel '" + channelId + "'.", accountNumber);

        /// <summary>
        /// Checks an edit (operation 2) or a deactivation (operation 3) and puts the affiliations in the list's spelling
        /// ("Enable editing customers in asynchronous mode", async-customer-mode.md). A create given here is an edit.
        /// </summary>
        /// <returns>Whether it writes a customer row, and how many rows it writes in all (counters to reserve).</returns>
        public static (bool CustomerRow, int Rows) PrepareChange(AsyncCustomerChange change)
        {
            var problem = CustomerRules.Length("FirstName", change.FirstName, CustomerRules.MaxNameLength)
                ?? CustomerRules.Length("MiddleName", change.MiddleName, CustomerRules.MaxNameLength)
                ?? CustomerRules.Length("LastName", change.LastName, CustomerRules.MaxNameLength)
                ?? CustomerRules.Length("Name", change.Name, CustomerRules.MaxNameLength)
                ?? CustomerRules.Length("Email", change.Email, CustomerRules.MaxEmailLength)
                ?? CustomerRules.Length("Phone", change.Phone, CustomerRules.MaxPhoneLength)
                ?? CustomerRules.Length("CustomerGroup", change.CustomerGroup, 30)
                ?? CustomerRules.Length("Language", change.Language, 10)
                ?? (change.Contacts ?? Array.Empty<CustomerContact>()).Select(c => CustomerRules.Length("Contact", c.Locator, CustomerRules.MaxEmailLength)).FirstOrDefault(x => x != null)
                ?? (change.Affiliations ?? Array.Empty<string>()).Concat(change.RemovedAffiliations ?? Array.Empty<string>())
                    .Select(a => string.IsNullOrWhiteSpace(a) ? "An affiliation needs a name." : CustomerRules.Length("Affiliation", a, 60)).FirstOrDefault(x => x != null);
            if (problem != null) throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument, problem, change);
            // OneOf gives null only for a blank name, refused above.
            change.Affiliations = change.Affiliations?.Select(a => CustomerRules.OneOf("Affiliation", a, CustomerRules.Affiliations)!).ToArray();
            change.RemovedAffiliations = change.RemovedAffiliations?.Select(a => CustomerRules.OneOf("Affiliation", a, CustomerRules.Affiliations)!).ToArray();
            if (change.Operation == AsyncOperation.Create) change.Operation = AsyncOperation.Update;
            var customerRow = change.Operation == AsyncOperation.Deactivate || change.HasCustomerFields;
            var rows = (customerRow ? 1 : 0) + (change.Attributes?.Length ?? 0) + (change.Contacts?.Length ?? 0)
                + (change.Affiliations?.Length ?? 0) + (change.RemovedAffiliations?.Length ?? 0);
            if (rows == 0)
            {
                throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument, "Nothing to change: give at least one field, attribute, contact or affiliation.", change);
            }
            return (customerRow, rows);
        }
    }
}
