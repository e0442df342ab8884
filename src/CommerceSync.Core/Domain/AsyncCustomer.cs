using System;

namespace CommerceSync
{
    /// <summary>A customer a channel created in async mode, as the admin sees it across channel and HQ.</summary>
    public sealed class AsyncCustomer : IStoreObject
    {
        /// <summary>The store this came from (path, or connection string without its password); binds to -Store by property name.</summary>
        public string? Store { get; set; }

        /// <summary>The temporary GUID account (CustAccountAsync).</summary>
        public string? AsyncCustomerId { get; set; }
        public string? ChannelId { get; set; }
        public string? DataAreaId { get; set; }
        public string? FirstName { get; set; }
        public string? MiddleName { get; set; }
        public string? LastName { get; set; }
        public string? Name { get; set; }
        public RelationshipType RelationshipType { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
        public string? CustomerGroup { get; set; }
        public string? Currency { get; set; }
        public string? Language { get; set; }
        /// <summary>How the customer wants receipts; empty when neither the POS nor the store's default customer gave one.</summary>
        public ReceiptOption? ReceiptOption { get; set; }
        /// <summary>Where emailed receipts go.</summary>
        public string? ReceiptEmail { get; set; }
        public AsyncCustomerStatus Status { get; set; }
        /// <summary>Empty until the sync job created the account.</summary>
        public string? AccountNumber { get; set; }
        /// <summary>Last known error of the sync job, when <c>Status</c> is Failed.</summary>
        public string? Error { get; set; }
        /// <summary>ReplicationCounterFromOrigin of the create operation.</summary>
        public long ReplicationCounter { get; set; }
        public DateTime CreatedAt { get; set; }
        public AsyncAddress[] Addresses { get; set; } = Array.Empty<AsyncAddress>();
        public CustomerAttribute[] Attributes { get; set; } = Array.Empty<CustomerAttribute>();
        public CustomerContact[] Contacts { get; set; } = Array.Empty<CustomerContact>();
        public string[] Affiliations { get; set; } = Array.Empty<string>();
        /// <summary>The POS deactivated the customer (operation 3).</summary>
        public bool Deactivated { get; set; }

        /// <summary>The POS chose the customer type; when not, the store's default customer gives it (customer-mgmt-stores.md).</summary>
        internal bool RelationshipTypeGiven { get; set; } = true;

        public override string? ToString() => AsyncCustomerId;
    }
}
