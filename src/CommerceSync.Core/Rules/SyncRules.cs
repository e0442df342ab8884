using System;
using System.Collections.Generic;
using System.Globalization;

namespace CommerceSync.Rules
{
    /// <summary>
    /// What "Synchronize customers and channel requests" decides for each uploaded row (convert-async-to-sync.md): the later
    /// operations of a customer folded into its state (the latest state wins), and what HQ refuses. A refused row is not
    /// lost: it keeps the reason as its last known error. Reasons never echo personal data.
    /// </summary>
    public static class SyncRules
    {
        /// <summary>Applies a later operation of the same customer to its state: given values win, new name parts rebuild the name, operation 3 blocks.</summary>
        public static void Fold(DueCustomerOperation state, DueCustomerOperation later)
        {
            state.FirstName = later.FirstName ?? state.FirstName;
            state.MiddleName = later.MiddleName ?? state.MiddleName;
            state.LastName = later.LastName ?? state.LastName;
            // A new name wins; new name parts rebuild the name from the parts.
            state.Name = later.Name ?? (later.FirstName != null || later.MiddleName != null || later.LastName != null
                ? CustomerRules.FullName(null, state.FirstName, state.MiddleName, state.LastName) : state.Name);
            state.Email = later.Email ?? state.Email;
            state.Phone = later.Phone ?? state.Phone;
            state.Currency = later.Currency ?? state.Currency;
            state.CustomerGroup = later.CustomerGroup ?? state.CustomerGroup;
            state.Language = later.Language ?? state.Language;
            if (later.Operation == AsyncOperation.Deactivate) state.Blocked = true;
        }

        /// <summary>An attribute operation: the latest value of an attribute (by name, any case) replaces the earlier ones.</summary>
        public static void FoldAttribute(List<CustomerAttribute> attributes, CustomerAttribute later)
        {
            attributes.RemoveAll(x => string.Equals(x.Name, later.Name, StringComparison.OrdinalIgnoreCase));
            attributes.Add(later);
        }

        /// <summary>An affiliation operation: a create adds it (once), a deactivation (operation 3) removes it.</summary>
        public static void FoldAffiliation(List<string> affiliations, AsyncOperation operation, string affiliation)
        {
            affiliations.RemoveAll(x => string.Equals(x, affiliation, StringComparison.OrdinalIgnoreCase));
            if (operation != AsyncOperation.Deactivate) affiliations.Add(affiliation);
        }

        /// <summary>What HQ refuses in a customer's (folded) state; null when it can be created or changed.</summary>
        public static string? CheckCustomer(DueCustomerOperation r) =>
            CustomerRules.CheckAtHeadquarters(r.Name, r.FirstName, r.MiddleName, r.LastName, r.Email, r.Phone, r.Currency, r.CustomerGroup, r.ReceiptEmail);

        /// <summary>The reason of an operation whose customer HQ does not have (an edit, or a child of a customer that was refused).</summary>
        public static string NoSuchAccount(string? accountNumber, string? dataAreaId) =>
            "Customer account " + accountNumber + " does not exist in legal entity " + dataAreaId + ".";

        /// <summary>
        /// What HQ refuses in an address, attribute, contact or affiliation (<paramref name="table"/>); null when it can be applied.
        /// An attribute is also checked against its definition in the store's customer attribute group (<paramref name="attributes"/>,
        /// read once per chunk; none: free text): a row recorded before its definition, or changed since, fails with the reason.
        /// </summary>
        public static string? CheckChild(string table, DueChildOperation c, CustomerAttributeCatalog? attributes = null)
        {
            if (!c.OwnerExists) return NoSuchAccount(c.OwnerAccount, c.DataAreaId);
            switch (table)
            {
                // A deactivation takes the address away whatever it holds; Kind is the address operation.
                case "address": return c.Kind == (int)AsyncOperation.Deactivate ? null : CustomerRules.CheckAddress(c.Checked);
                case "attribute":
                    return CheckAttributeValue((AttributeDataType)c.Kind, c.Checked)
                        ?? AttributeRules.CheckAtHeadquarters(attributes ?? CustomerAttributeCatalog.FreeText, c.Name, (AttributeDataType)c.Kind, c.Checked);
                case "contact": return CustomerRules.CheckContact((ContactType)c.Kind, c.Checked);
                default: return string.IsNullOrWhiteSpace(c.Checked) ? "The affiliation has no name." : null;
            }
        }

        /// <summary>An attribute's value must read as its type, in invariant text (customer-attributes.md: text, integer, decimal, boolean).</summary>
        public static string? CheckAttributeValue(AttributeDataType type, string? value)
        {
            if (value == null) return null;
            switch (type)
            {
                case AttributeDataType.Integer:
                    long l;
                    return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out l) ? null : "The attribute value is not an integer.";
                case AttributeDataType.Decimal:
                    decimal d;
                    return decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out d) ? null : "The attribute value is not a decimal.";
                case AttributeDataType.Boolean:
                    return value == "true" || value == "false" ? null : "The attribute value is not true or false.";
                default:
                    return null;
            }
        }
    }
}
