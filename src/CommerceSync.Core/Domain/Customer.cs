using System;

namespace CommerceSync
{
    /// <summary>A customer with an account number, at HQ or as one channel sees it.</summary>
    public sealed class Customer : IStoreObject
    {
        /// <summary>The store this came from (path, or connection string without its password); binds to -Store by property name.</summary>
        public string? Store { get; set; }

        /// <summary>Text a store shows in place of the account of a customer it created in async mode until job 1010 delivers it.</summary>
        public const string PendingSync = "Pending sync";

        /// <summary>The account number; empty in a channel view while the customer is pending sync.</summary>
        public string? AccountNumber { get; set; }
        public string? DataAreaId { get; set; }
        public string? Name { get; set; }
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
        public string? CustomerGroup { get; set; }
        public string? Currency { get; set; }
        public string? Language { get; set; }
        /// <summary>Person or organization (the party type).</summary>
        public RelationshipType RelationshipType { get; set; }
        public ReceiptOption? ReceiptOption { get; set; }
        public string? ReceiptEmail { get; set; }
        /// <summary>The async GUID the customer came from (CustAccountAsync), if any.</summary>
        public string? AsyncCustomerId { get; set; }
        /// <summary>The channel that created the customer, if any.</summary>
        public string? ChannelId { get; set; }
        /// <summary>Whose view this is: empty for HQ, else the channel.</summary>
        public string? ViewChannelId { get; set; }
        /// <summary>Which database of the channel, for a channel view.</summary>
        public ChannelDatabaseKind? Database { get; set; }
        /// <summary>"Synced", or "Pending sync" while the viewing channel only knows the async GUID.</summary>
        public string? SyncStatus { get; set; }
        public DateTime? CreatedAt { get; set; }
        /// <summary>Deactivated (operation 3): kept for history, not offered for new sales.</summary>
        public bool Blocked { get; set; }
        public CustomerContact[] Contacts { get; set; } = Array.Empty<CustomerContact>();
        public string[] Affiliations { get; set; } = Array.Empty<string>();
        public Address[] Addresses { get; set; } = Array.Empty<Address>();
        public CustomerAttribute[] Attributes { get; set; } = Array.Empty<CustomerAttribute>();

        /// <summary>What a store shows as the account: the number, or "Pending sync".</summary>
        public string DisplayAccount => string.IsNullOrEmpty(AccountNumber) ? PendingSync : AccountNumber;

        public override string ToString() => DisplayAccount;
    }

    /// <summary>An HQ customer address.</summary>
    public sealed class Address
    {
        public string? AddressId { get; set; }
        public string? AccountNumber { get; set; }
        public string? Name { get; set; }
        public string? Street { get; set; }
        public string? StreetNumber { get; set; }
        public string? City { get; set; }
        public string? County { get; set; }
        public string? State { get; set; }
        public string? ZipCode { get; set; }
        public string? Country { get; set; }
        public string? Purpose { get; set; }
        public bool IsPrimary { get; set; }

        public override string ToString() =>
            string.Join(", ", new[] { Street, City, ZipCode, Country }).Replace(", ,", ",").Trim(',', ' ');
    }

    /// <summary>A customer attribute: name, type and value (stored as invariant text).</summary>
    public sealed class CustomerAttribute
    {
        public string? Name { get; set; }
        public AttributeDataType DataType { get; set; }
        public string? Value { get; set; }

        public override string ToString() => Name + "=" + Value;
    }
}
