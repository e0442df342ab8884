using System;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Data;

namespace CommerceSync.Jobs
{
    /// <summary>
    /// The rule both other paths share: before HQ processes a transaction, the async customer and address it references are
    /// synchronized (through the sync job's own step), then the transaction resolves to an account or says why it cannot.
    /// </summary>
    internal static class TransactionReferences
    {
        /// <summary>
        /// Sets ResolvedAccount, or Error, on every row. Call inside the caller's write transaction. With
        /// <paramref name="retryFailedCustomers"/> (an admin retrying these transactions), referenced customers that failed before
        /// are tried again, once in this run. Returns the referenced customers' rows synchronized and failed, and the customers
        /// synchronized that the run had not counted yet.
        /// </summary>
        public static (int CustomersProcessed, int CustomersFailed, int Customers) Resolve(StoreDatabase db, JobRun run, IReadOnlyList<DueTransaction> rows, DateTime now, Action<string>? log, bool retryFailedCustomers = false)
        {
            var asyncIds = rows.Where(r => r.AccountNumber == null && r.AsyncCustomerId != null).Select(r => r.AsyncCustomerId!)
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var addressIds = rows.Where(r => r.DeliveryAddressId != null).Select(r => r.DeliveryAddressId!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var counts = new AsyncCustomerSync(db).SyncReferences(run, asyncIds, addressIds, now, log, retryFailedCustomers);
            if (counts.Processed + counts.Failed > 0) log?.Invoke("Synchronized " + counts.Processed + " referenced customer rows (" + counts.Failed + " failed) before processing transactions.");

            var sync = new SyncStore(db);
            var orders = new OrderStore(db);
            var links = asyncIds.Count == 0 ? new Dictionary<string, string>() : sync.ExistingAccounts(asyncIds);
            var unlinked = asyncIds.Where(id => !links.ContainsKey(id)).ToList();
            var whyNot = unlinked.Count == 0 ? new Dictionary<string, string>() : orders.CustomerFailures(unlinked);
            foreach (var r in rows)
            {
                string? account = r.AccountNumber;
                if (account == null && r.AsyncCustomerId != null && !links.TryGetValue(r.AsyncCustomerId, out account))
                {
                    r.Error = "Transaction " + r.TransactionId + ": async customer " + r.AsyncCustomerId + " could not be synchronized: " + whyNot[r.AsyncCustomerId];
                    continue;
                }
                r.ResolvedAccount = account;
            }
            var addressed = rows.Where(r => r.Error == null && r.DeliveryAddressId != null).ToList();
            if (addressed.Count > 0)
            {
                // A delivery address needs a customer (TransactionRules): an addressed row without an error has its account.
                var missing = orders.MissingAddresses(addressed.Select(r => (r.DataAreaId, r.ResolvedAccount!, r.DeliveryAddressId!)));
                foreach (var r in addressed)
                {
                    string? reason;
                    if (missing.TryGetValue(r.DeliveryAddressId!, out reason))
                    {
                        r.Error = "Transaction " + r.TransactionId + ": delivery address " + r.DeliveryAddressId + " could not be synchronized: " + reason;
                    }
                }
            }
            return counts;
        }
    }
}
