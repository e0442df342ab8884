using System;
using System.Collections.Generic;
using CommerceSync.Data;

namespace CommerceSync.Application
{
    /// <summary>What Synchronize orders and statement posting made: sales orders and statements.</summary>
    public sealed class Orders
    {
        private readonly OrderStore store;

        internal Orders(StoreDatabase db) { store = new OrderStore(db); }

        /// <summary>Sales orders; each value given narrows the result, null matches all.</summary>
        public IEnumerable<SalesOrder> SalesOrders(string[]? channelIds = null, string[]? salesIds = null, string[]? transactionIds = null,
            string[]? accountNumbers = null, SalesOrderStatus[]? statuses = null, SalesOrderOrigin[]? origins = null) =>
            store.ReadSalesOrders(new SalesOrderFilter
            {
                ChannelIds = channelIds, SalesIds = salesIds, TransactionIds = transactionIds, AccountNumbers = accountNumbers, Statuses = statuses, Origins = origins,
            });

        public IEnumerable<Statement> Statements(string[]? channelIds, string[]? statementIds, DateTime? businessDate, StatementStatus[]? statuses) =>
            store.ReadStatements(channelIds, statementIds, businessDate, statuses);
    }
}
