namespace CommerceSync.Rules
{
    /// <summary>
    /// How a channel creates a customer order (customer-orders-overview.md, "Asynchronous transaction flow for customer orders"):
    /// at HQ at once through the Real-time Service, or recorded for the P-job and Synchronize orders. One place for the rule.
    /// </summary>
    public static class OrderModeRules
    {
        /// <summary>
        /// True when the order is created at HQ now; false when it takes the asynchronous path. A Synchronous channel refuses the
        /// order (nothing is recorded) when HQ cannot be reached, or when HQ does not have its customer or delivery address yet:
        /// an async customer cannot be picked for a real-time order until it is synchronized. A RealTimeWithAsyncBackup channel
        /// tries real time and, when that would fail for either reason, records the order for the batch path instead
        /// ("if (and only if) that attempt fails").
        /// </summary>
        /// <param name="notAtHeadquarters">What of the order HQ does not have yet ("async customer X", "address Y"), or null.</param>
        public static bool CreateInRealTime(CustomerOrderMode mode, bool headquartersAvailable, string? notAtHeadquarters, string channelId)
        {
            switch (mode)
            {
                case CustomerOrderMode.Synchronous:
                    if (!headquartersAvailable) throw HeadquartersUnavailable(channelId);
                    if (notAtHeadquarters != null) throw NotSynced(notAtHeadquarters, channelId);
                    return true;
                case CustomerOrderMode.RealTimeWithAsyncBackup:
                    return headquartersAvailable && notAtHeadquarters == null;
                default:
                    return false;
            }
        }

        public static CommerceSyncException HeadquartersUnavailable(string channelId) =>
            new CommerceSyncException(ErrorIds.HeadquartersUnavailable, ErrorKind.ConnectionError,
                "Channel '" + channelId + "' creates customer orders in real time (Synchronous) and HQ cannot be reached, so the order was not recorded. " +
                "Try again when HQ is back (Set-CommerceStore -HeadquartersAvailable), or let the channel fall back: Set-CommerceChannel -CustomerOrderMode RealTimeWithAsyncBackup.", channelId);

        public static CommerceSyncException NotSynced(string what, string channelId) =>
            new CommerceSyncException(ErrorIds.AsyncCustomerNotSynced, ErrorKind.InvalidOperation,
                "Channel '" + channelId + "' creates customer orders in real time (Synchronous) and HQ does not have " + what + " yet, so the order was not recorded. " +
                "Synchronize it first (Invoke-PJob, then Convert-AsyncCustomer), or use a channel in Asynchronous or RealTimeWithAsyncBackup mode, where Synchronize orders syncs it.", what);
    }
}
