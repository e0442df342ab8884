using System.Collections.Generic;
using System.Linq;

namespace CommerceSync
{
    /// <summary>
    /// The fields a POS captures for a new customer, as New-AsyncCustomer binds them and Import-AsyncCustomer reads them
    /// from a file's columns: one rule for both, so a row means the same however it arrives.
    /// </summary>
    public sealed class CustomerDraft
    {
        public string? Channel { get; set; }
        public string? AsyncCustomerId { get; set; }
        public string? FirstName { get; set; }
        public string? MiddleName { get; set; }
        public string? LastName { get; set; }
        public string? Name { get; set; }
        /// <summary>Empty: the store's default customer gives the type (a person when it has none).</summary>
        public RelationshipType? RelationshipType { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
        public string? CustomerGroup { get; set; }
        public string? Currency { get; set; }
        public string? Language { get; set; }
        public ReceiptOption? ReceiptOption { get; set; }
        public string? ReceiptEmail { get; set; }
        public string? Street { get; set; }
        public string? City { get; set; }
        public string? State { get; set; }
        public string? ZipCode { get; set; }
        public string? Country { get; set; }

        /// <summary>Blank means not given: empty and white-space values are left out, the rest trimmed.</summary>
        public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

        /// <summary>
        /// The async customer to prepare: blanks dropped, and the address parts (when any is not blank: a CSV's empty address
        /// columns make no address) as its primary address, before <paramref name="moreAddresses"/>.
        /// </summary>
        public AsyncCustomer ToAsyncCustomer(IEnumerable<AsyncAddress>? moreAddresses = null, IEnumerable<CustomerAttribute>? attributes = null)
        {
            var addresses = new List<AsyncAddress>();
            if (new[] { Street, City, State, ZipCode, Country }.Any(part => Blank(part) != null))
            {
                addresses.Add(new AsyncAddress { Street = Blank(Street), City = Blank(City), State = Blank(State), ZipCode = Blank(ZipCode), Country = Blank(Country), IsPrimary = true });
            }
            if (moreAddresses != null) addresses.AddRange(moreAddresses);
            return new AsyncCustomer
            {
                ChannelId = Channel,
                FirstName = Blank(FirstName), MiddleName = Blank(MiddleName), LastName = Blank(LastName), Name = Blank(Name),
                RelationshipType = RelationshipType ?? CommerceSync.RelationshipType.Person, RelationshipTypeGiven = RelationshipType.HasValue,
                ReceiptOption = ReceiptOption, ReceiptEmail = Blank(ReceiptEmail), Email = Blank(Email), Phone = Blank(Phone), CustomerGroup = Blank(CustomerGroup),
                Currency = Blank(Currency), Language = Blank(Language), AsyncCustomerId = Blank(AsyncCustomerId),
                Addresses = addresses.ToArray(),
                Attributes = (attributes ?? Enumerable.Empty<CustomerAttribute>()).ToArray(),
            };
        }
    }
}
