using System;
using System.Collections.Generic;
using CommerceSync.Rules;
using CommerceSync.Data;

namespace CommerceSync.Application
{
    /// <summary>Channels and their settings (New-, Get-, Set-CommerceChannel, and every -Channel parameter).</summary>
    public sealed class Channels
    {
        private readonly ChannelStore store;

        internal Channels(StoreDatabase db) { store = new ChannelStore(db); }

        public Channel Add(Channel channel) => store.Add(channel);

        /// <summary>The channel, or ChannelNotFound.</summary>
        public Channel Get(string? channelId) => store.Get(channelId);

        public IReadOnlyList<Channel> List(string? wildcard = null, string? dataAreaId = null) => store.List(wildcard, dataAreaId);

        /// <summary>The channel ids a list names (wildcards expanded); ChannelNotFound for a name that matches none.</summary>
        public string[]? Resolve(IEnumerable<string>? channelIds) => store.Resolve(channelIds);

        /// <summary>Changes settings (null leaves one as it is); a channel back online moves what its registers created offline to the channel database.</summary>
        public Channel Update(string channelId, string? name = null, bool? asyncCustomerMode = null, bool? offlineDatabase = null,
            string? defaultCustomerGroup = null, string? defaultCurrency = null, bool? isOffline = null, bool? filterSharedCustomerData = null,
            Action<string>? log = null, string? country = null, string? defaultCustomer = null, CustomerOrderMode? customerOrderMode = null,
            string? databaseGroup = null) =>
            store.Update(channelId, name, asyncCustomerMode, offlineDatabase, defaultCustomerGroup, defaultCurrency, isOffline, filterSharedCustomerData, log, country, defaultCustomer,
                customerOrderMode, databaseGroup);

        public static CommerceSyncException NotFound(string? channelId) => ChannelRules.NotFound(channelId);
    }
}
