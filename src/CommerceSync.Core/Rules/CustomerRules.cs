using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CommerceSync.Rules
{
    /// <summary>
    /// Every customer rule in one place. The channel checks only what a POS checks (shape and lengths);
    /// HQ validation is what the sync job applies before it creates an account.
    /// </summary>
    public static class CustomerRules
    {
        public const int MaxNameLength = 100;
        public const int MaxEmailLength = 255;
        public const int MaxPhoneLength = 40;
        public const int MaxFieldLength = 250;
        /// <summary>A country/region code (USA, DEU), on an address or a channel.</summary>
        public const int MaxCountryLength = 10;
        /// <summary>A search across all stores goes to HQ in real time; short terms would match too much.</summary>
        public const int MinAllStoresSearchLength = 4;

        private static readonly Regex EmailPattern = new Regex(@"^[^@\s]+@[^@\s]+\.[^@\s.]+$", RegexOptions.Compiled | RegexOptions.CultureInvariant);
        private static readonly Regex PhonePattern = new Regex(@"^\+?[0-9 ()./-]{3,40}$", RegexOptions.Compiled | RegexOptions.CultureInvariant);
        private static readonly Regex CurrencyPattern = new Regex(@"^[A-Za-z]{3}$", RegexOptions.Compiled | RegexOptions.CultureInvariant);

        /// <summary>The address purposes (location roles) a POS offers; anything else is a typing mistake, not a new purpose.</summary>
        public static readonly string[] AddressPurposes = { "Home", "Business", "Delivery", "Invoice", "Payment", "Statement", "Service", "Other" };

        /// <summary>The customer affiliations the channels offer (price groups follow them).</summary>
        public static readonly string[] Affiliations = { "Employee", "Student", "Senior", "Military", "Wholesale", "Loyalty" };

        /// <summary>
        /// One of a closed list, in the list's spelling (matched case-insensitively), or InvalidValue naming every value allowed.
        /// Blank is null: the caller applies its default.
        /// </summary>
        public static string? OneOf(string field, string? value, string[] allowed)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            foreach (var a in allowed)
            {
                if (string.Equals(a, value.Trim(), StringComparison.OrdinalIgnoreCase)) return a;
            }
            throw InputRules.Refuse(field + " '" + value.Trim() + "' is not one of " + string.Join(", ", allowed) + ".", value);
        }

        /// <summary>The customer name HQ stores: Name if given, else the parts joined.</summary>
        public static string FullName(string? name, string? firstName, string? middleName, string? lastName)
        {
            if (!string.IsNullOrWhiteSpace(name)) return name.Trim();
            var parts = new List<string>(3);
            foreach (var p in new[] { firstName, middleName, lastName })
            {
                if (!string.IsNullOrWhiteSpace(p)) parts.Add(p.Trim());
            }
            return string.Join(" ", parts);
        }

        /// <summary>What a POS refuses outright: a customer with no name, or values too long for the channel tables.</summary>
        public static string? CheckAtChannel(string? name, string? firstName, string? middleName, string? lastName, string? email, string? phone)
        {
            if (FullName(name, firstName, middleName, lastName).Length == 0) return "A customer needs a first name, a last name or a name.";
            return Length("FirstName", firstName, MaxNameLength)
                ?? Length("MiddleName", middleName, MaxNameLength)
                ?? Length("LastName", lastName, MaxNameLength)
                ?? Length("Name", name, MaxNameLength)
                ?? Length("Email", email, MaxEmailLength)
                ?? Length("Phone", phone, MaxPhoneLength);
        }

        /// <summary>A text field's rule: at most <paramref name="max"/> characters, and valid text (see <see cref="InputRules.CheckText"/>).</summary>
        public static string? Length(string field, string? value, int max) => InputRules.CheckText(field, value, max);

        /// <summary>What the sync job refuses. Null when the customer can be created. Messages never echo personal data.</summary>
        public static string? CheckAtHeadquarters(string? name, string? firstName, string? middleName, string? lastName, string? email, string? phone, string? currency, string? customerGroup,
            string? receiptEmail = null)
        {
            if (FullName(name, firstName, middleName, lastName).Length == 0) return "The customer has no name.";
            if (!string.IsNullOrEmpty(email) && !EmailPattern.IsMatch(email)) return "The email address is not valid.";
            if (!string.IsNullOrEmpty(phone) && !PhonePattern.IsMatch(phone)) return "The phone number is not valid.";
            if (string.IsNullOrEmpty(currency) || !CurrencyPattern.IsMatch(currency)) return "The currency must be a three-letter ISO code.";
            if (string.IsNullOrWhiteSpace(customerGroup)) return "The customer has no customer group.";
            // Receipts go to it by email (customer-mgmt-stores.md).
            if (!string.IsNullOrEmpty(receiptEmail) && !EmailPattern.IsMatch(receiptEmail)) return "The receipt email address is not valid.";
            return null;
        }

        /// <summary>What the sync job refuses in a contact (an extra email or phone).</summary>
        public static string? CheckContact(ContactType type, string? locator)
        {
            if (string.IsNullOrWhiteSpace(locator)) return "The contact has no value.";
            if (type == ContactType.Email && !EmailPattern.IsMatch(locator.Trim())) return "The contact email address is not valid.";
            if (type == ContactType.Phone && !PhonePattern.IsMatch(locator.Trim())) return "The contact phone number is not valid.";
            return null;
        }

        /// <summary>What the sync job refuses in an address.</summary>
        public static string? CheckAddress(string? country)
        {
            if (string.IsNullOrWhiteSpace(country)) return "The address has no country/region.";
            if (country.Trim().Length < 2 || country.Trim().Length > 3) return "The country/region must be an ISO code of 2 or 3 letters.";
            return null;
        }

        /// <summary>Maps a PowerShell/.NET value to an attribute type and its invariant text. Datetime and reference types are refused.</summary>
        public static CustomerAttribute ToAttribute(string? name, object? value)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument, "An attribute needs a name.", name);
            }
            InputRules.Check(InputRules.CheckText("Attribute name", name, MaxNameLength), name);
            switch (value)
            {
                case null:
                    return new CustomerAttribute { Name = name, DataType = AttributeDataType.Text, Value = null };
                case string s:
                    InputRules.Check(InputRules.CheckText("Attribute '" + name + "'", s, MaxFieldLength), name);
                    return new CustomerAttribute { Name = name, DataType = AttributeDataType.Text, Value = s };
                case bool b:
                    return new CustomerAttribute { Name = name, DataType = AttributeDataType.Boolean, Value = b ? "true" : "false" };
                case int _:
                case long _:
                case short _:
                case byte _:
                    return new CustomerAttribute { Name = name, DataType = AttributeDataType.Integer, Value = Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) };
                case decimal _:
                case double _:
                case float _:
                    // NaN, infinities and numbers past decimal's range (1e300) have no decimal attribute value.
                    return new CustomerAttribute { Name = name, DataType = AttributeDataType.Decimal, Value = InputRules.ToNumber("Attribute '" + name + "'", value).ToString(CultureInfo.InvariantCulture) };
                case DateTime _:
                case DateTimeOffset _:
                    throw new CommerceSyncException(ErrorIds.AttributeTypeNotSupported, ErrorKind.InvalidArgument,
                        "Attribute '" + name + "' is a date/time. Customer attributes of type datetime are not supported; pass it as text.", name);
                default:
                    throw new CommerceSyncException(ErrorIds.AttributeTypeNotSupported, ErrorKind.InvalidArgument,
                        "Attribute '" + name + "' has type " + value.GetType().Name + ". Customer attributes take text, integer, decimal or boolean values (reference types are not supported).", name);
            }
        }
    }
}
