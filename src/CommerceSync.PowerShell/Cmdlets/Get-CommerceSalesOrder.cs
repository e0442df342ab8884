using System;
using System.Linq;
using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Lists HQ sales orders: those Synchronize orders made from customer orders, and those trickle-feed posting made from a statement's sales.</summary>
    [Cmdlet(VerbsCommon.Get, "CommerceSalesOrder")]
    [OutputType(typeof(SalesOrder))]
    public sealed class GetCommerceSalesOrder : ChannelScopedCmdlet
    {
        /// <summary>The sales order ids; SalesId binds it, so a transaction or a sales order pipes in.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("SalesId")]
        [ArgumentCompleter(typeof(SalesOrderIdCompleter))]
        public string[] SalesOrderId { get; set; }

        /// <summary>The transactions the sales orders were made from: a customer order, or a posted sale in a statement's order.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[] TransactionId { get; set; }

        /// <summary>The customers (account numbers).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AccountNumberCompleter))]
        public string[] AccountNumber { get; set; }

        [Parameter]
        public SalesOrderStatus[] Status { get; set; }

        /// <summary>CustomerOrder (Synchronize orders) or Statement (trickle-feed posting).</summary>
        [Parameter]
        public SalesOrderOrigin[] Origin { get; set; }

        protected override void ProcessCommerceRecord()
        {
            if (!TryResolveCustomerListingScope(out var channels)) return;
            // A piped object with no value where it names one (a transaction with no sales order yet, a customer pending
            // sync) has no sales order: it must not widen to every order.
            if (FilterValues.NamesNothing(this, nameof(SalesOrderId), SalesOrderId) || FilterValues.NamesNothing(this, nameof(TransactionId), TransactionId) ||
                FilterValues.NamesNothing(this, nameof(AccountNumber), AccountNumber)) return;
            var sales = FilterValues.NonEmpty(SalesOrderId);
            var transactions = FilterValues.NonEmpty(TransactionId);
            var accounts = FilterValues.NonEmpty(AccountNumber);
            var found = Session.Orders.SalesOrders(channels, sales, transactions, accounts, Status, Origin);
            if (sales == null && transactions == null && accounts == null)
            {
                WriteObject(found, true);
                return;
            }
            var list = found.ToList();
            WriteObject(list, true);
            var at = channels == null ? "" : " at channel " + string.Join(", ", channels);

            // Named ids the store does not have are ...NotFound errors; ones it has that made no order (yet) are simply not listed.
            var missingSales = FilterValues.Missing(sales, list.Select(o => o.SalesId)).ToArray();
            if (missingSales.Length > 0)
            {
                // One that exists but not with the other filters given is no match, not an unknown id.
                var known = Session.Orders.SalesOrders(channels, missingSales).Select(o => o.SalesId).ToList();
                foreach (var id in missingSales.Where(i => !known.Contains(i, StringComparer.OrdinalIgnoreCase)))
                {
                    WriteRecordError(ErrorIds.SalesOrderNotFound, ErrorKind.NotFound, "Sales order '" + id + "' does not exist" + at + ".", id);
                }
            }
            var missingTransactions = FilterValues.Missing(transactions, list.Select(o => o.TransactionId)).ToArray();
            if (missingTransactions.Length > 0)
            {
                var known = Session.Transactions.Read(channels, missingTransactions, includeLines: false).ToList();
                foreach (var id in missingTransactions)
                {
                    var t = known.FirstOrDefault(k => string.Equals(k.TransactionId, id, StringComparison.OrdinalIgnoreCase));
                    if (t == null)
                    {
                        WriteRecordError(ErrorIds.TransactionNotFound, ErrorKind.NotFound, "Transaction '" + id + "' does not exist" + at + ".", id);
                    }
                    else
                    {
                        WriteVerbose("Transaction " + t.TransactionId + " at " + t.ChannelId + " has no sales order: " +
                            (t.Type == TransactionType.CustomerOrder ? "it is " + t.Status + " (Synchronize orders makes one from an uploaded customer order)."
                                : "it is a cash-and-carry sale that is " + t.Status + " (trickle-feed posting puts a validated sale in its customer's statement order)."));
                    }
                }
            }
            var missingAccounts = FilterValues.Missing(accounts, list.Select(o => o.AccountNumber)).ToArray();
            if (missingAccounts.Length > 0)
            {
                var atHq = Session.Customers.AtHeadquarters(missingAccounts).Select(c => c.AccountNumber).ToList();
                foreach (var a in missingAccounts.Where(a => !atHq.Contains(a, StringComparer.OrdinalIgnoreCase)))
                {
                    WriteRecordError(ErrorIds.CustomerNotFound, ErrorKind.NotFound, "Customer '" + a + "' does not exist.", a);
                }
            }
        }
    }
}
