using System;

namespace CommerceSync
{
    /// <summary>An edit (operation 2) or deactivation (operation 3) a POS records for an async or a synced customer.</summary>
    public sealed class AsyncCustomerChange : IStoreObject
    {
        /// <summary>The store this came from (path, or connection string without its password); binds to -Store by property name.</summary>
        public string? Store { get; set; }

        public string? ChannelId { get; set; }
        public string? AsyncCustomerId { get; set; }
        public string? AccountNumber { get; set; }
        public AsyncOperation Operation { get; set; } = AsyncOperation.Update;
        public string? FirstName { get; set; }
        public string? MiddleName { get; set; }
        public string? LastName { get; set; }
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
        public string? CustomerGroup { get; set; }
        public string? Currency { get; set; }
        public string? Language { get; set; }
        public CustomerAttribute[]? Attributes { get; set; }
        public CustomerContact[]? Contacts { get; set; }
        public string[]? Affiliations { get; set; }
        public string[]? RemovedAffiliations { get; set; }
        public long ReplicationCounter { get; set; }
        public DateTime CreatedAt { get; set; }

        public bool HasCustomerFields =>
            FirstName != null || MiddleName != null || LastName != null || Name != null || Email != null || Phone != null ||
            CustomerGroup != null || Currency != null || Language != null;
    }

    /// <summary>An extra email, phone or URL of a customer.</summary>
    public sealed class CustomerContact
    {
        public ContactType Type { get; set; }
        public string? Locator { get; set; }
        public string? Description { get; set; }
        public bool IsPrimary { get; set; }

        public override string ToString() => Type + ": " + Locator;
    }
}
