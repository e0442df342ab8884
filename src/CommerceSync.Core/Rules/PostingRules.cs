namespace CommerceSync.Rules
{
    /// <summary>
    /// Statement posting's rules. "Validate store transactions" (valid-checker.md): the rules a cash-and-carry sale must pass
    /// before trickle-feed posting takes it. Of the documented header rules, the store holds what the customer account rule needs ("the customer that is
    /// used in the transaction exists in the database"); the amount rules hold by construction (a sale's amount is its lines'
    /// sum, rounded to the currency, when it is recorded), so they are not repeated here.
    /// </summary>
    public static class PostingRules
    {
        /// <summary>
        /// The customer account rule, after the sale's async customer and address were synchronized (TransactionReferences):
        /// the reason it fails, or null. <paramref name="referenceError"/> is why its customer or address could not be synchronized;
        /// an anonymous sale needs the channel's default customer to post to (retail-statements.md). The reason does not repeat
        /// the transaction id (the transaction carries it), so the same reason reads the same on every sale it holds.
        /// </summary>
        public static string? CustomerAccount(string transactionId, string channelId, string? resolvedAccount, string? referenceError, string? defaultCustomer)
        {
            if (referenceError != null)
            {
                var prefix = "Transaction " + transactionId + ": ";
                var reason = referenceError.StartsWith(prefix, System.StringComparison.Ordinal) ? referenceError.Substring(prefix.Length) : referenceError;
                return reason.Length > 0 ? char.ToUpperInvariant(reason[0]) + reason.Substring(1) : reason;
            }
            if (resolvedAccount == null && string.IsNullOrEmpty(defaultCustomer))
            {
                return "An anonymous sale posts to the store's default customer, and channel " + channelId +
                    " has none. Set one with Set-CommerceChannel -DefaultCustomer, then validate again.";
            }
            return null;
        }

        /// <summary>
        /// A store moves to trickle feed only with no legacy statement waiting to be posted: trickle-feed.md, "Before you enable
        /// the feature, make sure that no pending statements are waiting to be posted." (Its sales would otherwise sit in a
        /// statement trickle feed never posts.) Back to legacy is always allowed: legacy posting takes every sale not posted.
        /// </summary>
        public static void CheckModeChange(StatementPostingMode to, long failedLegacyStatements)
        {
            if (to == StatementPostingMode.TrickleFeed && failedLegacyStatements > 0)
            {
                throw new CommerceSyncException(ErrorIds.StatementsPending, ErrorKind.InvalidOperation,
                    failedLegacyStatements + " legacy statement(s) are waiting to be posted. Fix what they name and post them with Invoke-StatementPosting " +
                    "(see Get-CommerceStatement -Status Failed), then switch to trickle feed.", to);
            }
        }
    }
}
