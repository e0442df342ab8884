namespace CommerceSync.Rules
{
    /// <summary>
    /// A loyalty card is issued only to a customer the channel knows by account number, never to one whose account is still
    /// the async GUID (Pending sync): async-customer-mode.md.
    /// </summary>
    public static class LoyaltyRules
    {
        /// <summary>The account given (trimmed), or null when the customer is named by its async id; refuses a call that names neither.</summary>
        public static string? GivenAccount(string channelId, string? accountNumber, string? asyncCustomerId)
        {
            var account = string.IsNullOrWhiteSpace(accountNumber) ? null : accountNumber.Trim();
            if (account == null && string.IsNullOrWhiteSpace(asyncCustomerId))
            {
                throw new CommerceSyncException(ErrorIds.CustomerRequired, ErrorKind.InvalidArgument, "Name the customer: -AccountNumber or -AsyncCustomerId.", channelId);
            }
            return account;
        }

        /// <summary>
        /// The account a card for an async customer goes to: the store's copy of its account (which arrives with job 1010).
        /// Without one, the refusal: the customer was never created at this channel, or it is still Pending sync.
        /// </summary>
        public static string AccountOfAsyncCustomer(string asyncCustomerId, string? channelId, string? accountAtStore, bool createdAtChannel)
        {
            if (accountAtStore != null) return accountAtStore;
            if (!createdAtChannel)
            {
                throw new CommerceSyncException(ErrorIds.AsyncCustomerNotFound, ErrorKind.NotFound, "Async customer '" + asyncCustomerId + "' was not created at channel '" + channelId + "'.", asyncCustomerId);
            }
            throw new CommerceSyncException(ErrorIds.LoyaltyCardNeedsAccount, ErrorKind.InvalidOperation,
                "A loyalty card cannot be issued to async customer '" + asyncCustomerId + "': its account is still the async GUID (Pending sync) at channel '" + channelId +
                "'. Run the P-job, the sync job and job 1010 first.", asyncCustomerId);
        }
    }
}
