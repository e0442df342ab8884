using System;

namespace CommerceSync
{
    /// <summary>An address a channel added in async mode, to an async customer or to a synced one.</summary>
    public sealed class AsyncAddress : IStoreObject
    {
        /// <summary>The store this came from (path, or connection string without its password); binds to -Store by property name.</summary>
        public string? Store { get; set; }

        /// <summary>The address key (text, as in RETAILASYNCADDRESSV2).</summary>
        public string? AddressId { get; set; }
        public string? ChannelId { get; set; }
        /// <summary>Set when the address belongs to an async customer.</summary>
        public string? AsyncCustomerId { get; set; }
        /// <summary>Set when the address belongs to a synced customer, or once its async customer converted.</summary>
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
        /// <summary>What the POS's latest row for this address did: created it, updated it or deactivated it.</summary>
        public AsyncOperation Operation { get; set; } = AsyncOperation.Create;
        public OperationSyncStatus SyncStatus { get; set; }
        public bool Uploaded { get; set; }
        public string? Error { get; set; }
        public long ReplicationCounter { get; set; }
        public DateTime CreatedAt { get; set; }

        public override string? ToString() => AddressId;
    }
}
