using System;

namespace CommerceSync
{
    /// <summary>A store or online channel and the settings that decide how it creates customers.</summary>
    public sealed class Channel : IStoreObject
    {
        /// <summary>The store this came from (path, or connection string without its password); binds to -Store by property name.</summary>
        public string? Store { get; set; }

        public string? ChannelId { get; set; }
        public string? Name { get; set; }
        /// <summary>Legal entity. Channels of one legal entity form one data group for job 1010.</summary>
        public string? DataAreaId { get; set; }
        /// <summary>Functionality profile "Create customer in async mode".</summary>
        public bool AsyncCustomerMode { get; set; }
        /// <summary>The channel's registers also keep an offline database.</summary>
        public bool OfflineDatabase { get; set; }
        /// <summary>Customer group the channel's default customer gives to new customers.</summary>
        public string? DefaultCustomerGroup { get; set; }
        /// <summary>Currency the channel's default customer gives to new customers.</summary>
        public string? DefaultCurrency { get; set; }
        /// <summary>
        /// The store's default customer (an HQ account of the channel's legal entity): a new customer takes its type, group,
        /// receipt option, receipt email, currency, language and affiliations when the POS gives none.
        /// </summary>
        public string? DefaultCustomer { get; set; }
        /// <summary>The country/region of the store's operating unit (its primary address): an address recorded without one takes it.</summary>
        public string? Country { get; set; }
        /// <summary>The registers cannot reach the channel database: new customers go to the offline database.</summary>
        public bool IsOffline { get; set; }
        /// <summary>The channel schema's "Filter shared customer data tables": customers cannot be created offline.</summary>
        public bool FilterSharedCustomerData { get; set; }
        /// <summary>How the channel creates customer orders: Asynchronous (the default), Synchronous or RealTimeWithAsyncBackup.</summary>
        public CustomerOrderMode CustomerOrderMode { get; set; }
        /// <summary>The channel database group its database belongs to: distribution schedules (job 1010) send to groups. Default: Default.</summary>
        public string? DatabaseGroup { get; set; }
        public DateTime CreatedAt { get; set; }

        public override string? ToString() => ChannelId;
    }
}
