using System;
using System.Linq;

namespace CommerceSync.Rules
{
    /// <summary>
    /// What a POS checks in a sale before it records it: lines and amounts, which customer reference it keeps, that a
    /// customer order and a delivery address have a customer, the business date and the transaction id. What only the store
    /// can tell (is this customer or address known here) the caller asks the store, with the refusals below.
    /// </summary>
    public static class TransactionRules
    {
        /// <summary>Checks the lines (item, positive quantity, price of 0 or more) and sets the amount to their sum, or checks the amount given.</summary>
        public static void PrepareAmount(Transaction t)
        {
            if (t.Lines != null && t.Lines.Length > 0)
            {
                foreach (var l in t.Lines)
                {
                    if (string.IsNullOrWhiteSpace(l.ItemId) || l.Quantity <= 0 || l.Price < 0)
                    {
                        throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument, "A line needs an item id, a positive quantity and a price of 0 or more.", l);
                    }
                    InputRules.Check(InputRules.CheckId("ItemId", l.ItemId, InputRules.MaxItemIdLength)
                        ?? InputRules.CheckQuantity("Quantity", l.Quantity)
                        ?? InputRules.CheckAmount("Price", l.Price, zeroAllowed: true), l);
                    l.ItemId = l.ItemId.Trim();
                }
                // Quantities may have decimals; the sale is what the register charges: the lines' sum in hundredths.
                // Quantity and price limits keep each line (and a sale of up to int.MaxValue lines) inside decimal's range.
                t.Amount = decimal.Round(t.Lines.Sum(l => l.Amount), InputRules.AmountDecimals, MidpointRounding.AwayFromZero);
                InputRules.Check(t.Amount == 0 ? "The lines add up to less than 0.01." : InputRules.CheckAmount("The amount", t.Amount, zeroAllowed: false), t.Amount);
            }
            else
            {
                InputRules.Check(InputRules.CheckAmount("The amount", t.Amount, zeroAllowed: false), t.Amount);
            }
        }

        /// <summary>
        /// The one customer reference a sale keeps. Given both, it keeps the account only once the store has received it
        /// (job 1010); until then it keeps the GUID, as a POS that shows the customer as Pending sync does (async-customer-mode.md).
        /// </summary>
        /// <param name="storeKnowsAccount">Whether the store's copy holds the account; read only when both are given.</param>
        public static (string? Account, string? AsyncCustomerId) Reference(string? accountNumber, string? asyncCustomerId, Func<string, bool> storeKnowsAccount)
        {
            var account = string.IsNullOrWhiteSpace(accountNumber) ? null : accountNumber.Trim();
            var asyncId = string.IsNullOrWhiteSpace(asyncCustomerId) ? null : asyncCustomerId.Trim();
            if (account != null && asyncId != null && !storeKnowsAccount(account)) account = null;
            if (account != null) asyncId = null;
            return (account, asyncId);
        }

        public static CommerceSyncException AsyncCustomerNotReferenceable(string asyncCustomerId, string? channelId) =>
            new CommerceSyncException(ErrorIds.AsyncCustomerNotFound, ErrorKind.NotFound,
                "Async customer '" + asyncCustomerId + "' was not created at channel '" + channelId + "', so its POS cannot reference it.", asyncCustomerId);

        /// <summary>
        /// Puts the customer reference on the sale: a customer order needs a customer, and so does a delivery address.
        /// Returns the delivery address id (trimmed), or null.
        /// </summary>
        public static string? SetCustomer(Transaction t, string? account, string? asyncCustomerId)
        {
            if (t.Type == TransactionType.CustomerOrder && account == null && asyncCustomerId == null)
            {
                throw new CommerceSyncException(ErrorIds.CustomerRequired, ErrorKind.InvalidArgument, "A customer order needs a customer: give -AccountNumber or -AsyncCustomerId.", t);
            }
            t.AccountNumber = account;
            t.AsyncCustomerId = asyncCustomerId;
            t.DeliveryAddressId = string.IsNullOrWhiteSpace(t.DeliveryAddressId) ? null : t.DeliveryAddressId.Trim();
            if (t.DeliveryAddressId != null && account == null && asyncCustomerId == null)
            {
                throw new CommerceSyncException(ErrorIds.CustomerRequired, ErrorKind.InvalidArgument, "A delivery address needs a customer on the transaction.", t);
            }
            return t.DeliveryAddressId;
        }

        public static CommerceSyncException AddressNotOfCustomer(string addressId, string? channelId) =>
            new CommerceSyncException(ErrorIds.AddressNotFound, ErrorKind.NotFound,
                "Address '" + addressId + "' is not an address of this customer at channel '" + channelId + "'.", addressId);

        /// <summary>
        /// The business date (today, UTC, when not given; a date, never a time) and the transaction id (checked and trimmed when
        /// given). Marks the sale Pending. Returns whether an id was given (the store must not hold it yet: <see cref="TransactionExists"/>).
        /// </summary>
        public static bool PrepareDateAndId(Transaction t, DateTime utcNow)
        {
            if (t.BusinessDate == default(DateTime)) t.BusinessDate = utcNow.Date;
            InputRules.Check(InputRules.CheckBusinessDate(t.BusinessDate), t.BusinessDate);
            t.BusinessDate = t.BusinessDate.Date;
            t.Status = TransactionStatus.Pending;
            if (string.IsNullOrWhiteSpace(t.TransactionId)) return false;
            InputRules.Check(InputRules.CheckId("TransactionId", t.TransactionId, InputRules.MaxTransactionIdLength), t.TransactionId);
            t.TransactionId = t.TransactionId.Trim();
            return true;
        }

        public static CommerceSyncException TransactionExists(string? transactionId, string? channelId) =>
            new CommerceSyncException(ErrorIds.TransactionExists, ErrorKind.AlreadyExists, "Transaction '" + transactionId + "' already exists at channel '" + channelId + "'.", transactionId);
    }
}
