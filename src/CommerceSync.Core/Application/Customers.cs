using System.Collections.Generic;
using CommerceSync.Data;

namespace CommerceSync.Application
{
    /// <summary>Customers as HQ has them, and as one channel database shows them.</summary>
    public sealed class Customers
    {
        private readonly CustomerStore store;
        private readonly Services.CustomerTracer tracer;

        internal Customers(StoreDatabase db)
        {
            store = new CustomerStore(db);
            tracer = new Services.CustomerTracer(db);
        }

        /// <summary>One customer walked through the conversion and distribution, by async id or account number (Get-CommerceCustomerTrace).</summary>
        public CustomerTrace Trace(string? asyncCustomerId, string? accountNumber) => tracer.Trace(asyncCustomerId, accountNumber);

        /// <summary>Every customer's trace: each async customer by its GUID, each customer created at HQ by its account.</summary>
        public IEnumerable<CustomerTrace> TraceAll() => tracer.TraceAll();

        /// <summary>HQ's customers; each value given narrows the result, null matches all.</summary>
        public IEnumerable<Customer> AtHeadquarters(string[]? accountNumbers = null, string[]? asyncCustomerIds = null, string? nameWildcard = null,
            string? search = null, bool includeDetails = true) =>
            store.ReadHeadquarters(new CustomerFilter
            {
                AccountNumbers = accountNumbers, AsyncCustomerIds = asyncCustomerIds, NameWildcard = nameWildcard, Search = search, IncludeDetails = includeDetails,
            });

        /// <summary>What one channel database (or its offline database) shows: what job 1010 delivered, and its own customers pending sync.</summary>
        public IEnumerable<Customer> AtChannel(string channelId, ChannelDatabaseKind database, string[]? accountNumbers = null, string[]? asyncCustomerIds = null,
            string? nameWildcard = null, string? search = null) =>
            store.ReadChannelView(channelId, database, new CustomerFilter
            {
                AccountNumbers = accountNumbers, AsyncCustomerIds = asyncCustomerIds, NameWildcard = nameWildcard, Search = search,
            });
    }
}
