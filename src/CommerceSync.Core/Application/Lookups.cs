using System;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Data;

namespace CommerceSync.Application
{
    /// <summary>The ids a store knows, for tab completion: values with a tooltip, at most <c>max</c>, those starting with the text first.</summary>
    public sealed class Lookups
    {
        private readonly StoreDatabase db;
        private readonly CompletionStore completion;

        internal Lookups(StoreDatabase db)
        {
            this.db = db;
            completion = new CompletionStore(db);
        }

        public IEnumerable<(string Value, string Tooltip)> ChannelIds(string prefix) =>
            // A channel read from the store always has its id.
            new ChannelStore(db).List().Where(c => c.ChannelId!.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(c => (c.ChannelId!, c.ChannelId + " - " + c.Name + " (" + c.DataAreaId + (c.AsyncCustomerMode ? ", async" : "") + ")"));

        public IEnumerable<(string Value, string Tooltip)> AsyncCustomerIds(string text, int max) => new AsyncCustomerStore(db).CompleteIds(text, max);
        public IEnumerable<(string Value, string Tooltip)> AccountNumbers(string prefix, int max) => new CustomerStore(db).CompleteAccounts(prefix, max);
        public IEnumerable<(string Value, string Tooltip)> TransactionIds(string prefix, string[]? channelIds, int max) => completion.TransactionIds(prefix, channelIds, max);
        public IEnumerable<(string Value, string Tooltip)> StatementIds(string prefix, string[]? channelIds, int max) => completion.StatementIds(prefix, channelIds, max);
        public IEnumerable<(string Value, string Tooltip)> DataAreaIds(string prefix, int max) => completion.DataAreaIds(prefix, max);
        public IEnumerable<(string Value, string Tooltip)> AddressIds(string prefix, string? accountNumber, string? asyncCustomerId, int max) => completion.AddressIds(prefix, accountNumber, asyncCustomerId, max);
        public IEnumerable<(string Value, string Tooltip)> CustomerGroups(string prefix, int max) => completion.ChannelDefaults("default_customer_group", "customer group", prefix, max);
        public IEnumerable<(string Value, string Tooltip)> Currencies(string prefix, int max) => completion.ChannelDefaults("default_currency", "currency", prefix, max);
        public IEnumerable<(string Value, string Tooltip)> DatabaseGroups(string prefix, int max) => completion.ChannelDefaults("database_group", "channel database group", prefix, max);
        /// <summary>The distribution schedules, with their names.</summary>
        public IEnumerable<(string Value, string Tooltip)> ScheduleIds(string prefix, int max) =>
            new DistributionStore(db).Schedules().Where(s => s.ScheduleId!.StartsWith(prefix.TrimEnd('*'), StringComparison.OrdinalIgnoreCase)).Take(max)
                .Select(s => (s.ScheduleId!, s.ScheduleId + " - " + s.Name));
        public IEnumerable<(string Value, string Tooltip)> RunIds(string prefix, int max) => completion.RunIds(prefix, max);
        public IEnumerable<(string Value, string Tooltip)> FailedCounters(string prefix, string? channelId, int max) => completion.FailedCounters(prefix, channelId, max);
        public IEnumerable<(string Value, string Tooltip)> SalesIds(string prefix, int max) => new OrderStore(db).CompleteSalesIds(prefix, max);
        /// <summary>The customer attribute groups that have attributes.</summary>
        public IEnumerable<(string Value, string Tooltip)> AttributeGroups(string prefix, int max) =>
            new AttributeStore(db).Groups().Where(g => g.StartsWith(prefix.TrimEnd('*'), StringComparison.OrdinalIgnoreCase)).Take(max).Select(g => (g, "customer attribute group " + g));
        /// <summary>The customer attributes defined, with their type.</summary>
        public IEnumerable<(string Value, string Tooltip)> AttributeNames(string prefix, int max) =>
            new AttributeStore(db).List(new[] { prefix.TrimEnd('*') + "*" }, null).Take(max).Select(d => (d.Name!, d.Name + " (" + d.DataType + (d.Group == null ? "" : ", group " + d.Group) + ")"));
        public IEnumerable<(string Value, string Tooltip)> CardNumbers(string prefix, int max) => new LoyaltyStore(db).CompleteCardNumbers(prefix, max);
    }
}
