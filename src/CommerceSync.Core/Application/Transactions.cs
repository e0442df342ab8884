using System.Collections.Generic;
using CommerceSync.Data;

namespace CommerceSync.Application
{
    /// <summary>Sales transactions as the channel records them, and their status at HQ.</summary>
    public sealed class Transactions
    {
        private readonly TransactionStore store;

        internal Transactions(StoreDatabase db) { store = new TransactionStore(db); }

        /// <summary>Checks a sale as a POS would (<see cref="Rules.TransactionRules"/>).</summary>
        public Transaction Prepare(Transaction t) => store.Prepare(t);

        /// <summary>Records prepared sales in one write.</summary>
        public void Add(IReadOnlyList<Transaction> prepared) => store.Append(prepared);

        /// <summary>Transactions; each value given narrows the result, null matches all.</summary>
        public IEnumerable<Transaction> Read(string[]? channelIds = null, string[]? transactionIds = null, TransactionType? type = null,
            TransactionStatus[]? statuses = null, string[]? asyncCustomerIds = null, string[]? accountNumbers = null, bool includeLines = true, ValidationStatus[]? validationStatuses = null) =>
            store.Read(new TransactionFilter
            {
                ChannelIds = channelIds, TransactionIds = transactionIds, Type = type, Statuses = statuses,
                AsyncCustomerIds = asyncCustomerIds, AccountNumbers = accountNumbers, IncludeLines = includeLines, ValidationStatuses = validationStatuses,
            });
    }
}
