using System;

namespace CommerceSync
{
    /// <summary>A loyalty card issued at a channel to a customer with an account number.</summary>
    public sealed class LoyaltyCard : IStoreObject
    {
        /// <summary>The store this came from (path, or connection string without its password); binds to -Store by property name.</summary>
        public string? Store { get; set; }

        public string? CardNumber { get; set; }
        public string? DataAreaId { get; set; }
        public string? AccountNumber { get; set; }
        public string? ChannelId { get; set; }
        public DateTime IssuedAt { get; set; }

        public override string? ToString() => CardNumber;
    }

    /// <summary>One operation row of the async tables, as the "Customer synchronization status" page shows it.</summary>
    public sealed class AsyncCustomerOperation : IStoreObject
    {
        /// <summary>The store this came from (path, or connection string without its password); binds to -Store by property name.</summary>
        public string? Store { get; set; }

        /// <summary>Customer, Address, Attribute, Contact or Affiliation.</summary>
        public string? Kind { get; set; }
        public string? ChannelId { get; set; }
        public long ReplicationCounter { get; set; }
        public string? AsyncCustomerId { get; set; }
        /// <summary>The customer account: given at the POS, or created by HQ.</summary>
        public string? AccountNumber { get; set; }
        public AsyncOperation Operation { get; set; }
        /// <summary>When the POS recorded it.</summary>
        public DateTime Timestamp { get; set; }
        public bool Uploaded { get; set; }
        /// <summary>Pending until the sync job processed it (OnlineOperationCompleted), Completed, or Failed.</summary>
        public OperationSyncStatus SyncStatus { get; set; }
        /// <summary>The last known error.</summary>
        public string? Error { get; set; }

        // What the operation holds, as HQ will take it (with any correction made at HQ), else as the POS recorded it: an admin
        // sees what a correction would change before making it. Each is empty where the kind of operation has no such field.
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        /// <summary>The customer's (or the address's) name.</summary>
        public string? Name { get; set; }
        /// <summary>The customer's email, or an email contact's address.</summary>
        public string? Email { get; set; }
        /// <summary>The customer's phone, or a phone contact's number.</summary>
        public string? Phone { get; set; }
        public string? Currency { get; set; }
        public string? CustomerGroup { get; set; }
        public string? Street { get; set; }
        public string? City { get; set; }
        public string? State { get; set; }
        public string? ZipCode { get; set; }
        public string? Country { get; set; }
        public string? Purpose { get; set; }
        /// <summary>The address an address operation creates, edits or deactivates.</summary>
        public string? AddressId { get; set; }
        public string? AttributeName { get; set; }
        public string? AttributeValue { get; set; }
        public string? Affiliation { get; set; }

        /// <summary>A brief description of the change ("Create customer Ann Lee", "Set attribute LoyaltyTier"), as the status page shows it.</summary>
        public string? ChangeDescription { get; set; }
        /// <summary>For an attribute operation: the value HQ had for the customer before it (empty: none, or no account yet).</summary>
        public string? OldValue { get; set; }
        /// <summary>For an attribute operation: the value it sets (what Set-AsyncCustomerOperation -Attribute corrects).</summary>
        public string? NewValue { get; set; }

        public override string ToString() => Kind + " " + Operation + " " + ChannelId + "/" + ReplicationCounter;
    }
}
