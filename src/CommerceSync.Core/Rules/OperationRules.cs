namespace CommerceSync.Rules
{
    /// <summary>
    /// Correcting an uploaded operation at HQ (the "Customer synchronization status" page, convert-async-to-sync.md): only one
    /// HQ has not completed can be corrected, and it goes back to Pending for the next sync. The channel's row stays as the
    /// POS recorded it.
    /// </summary>
    public static class OperationRules
    {
        /// <summary>A corrected currency is kept as HQ keeps currencies, in capitals; null leaves it as it is.</summary>
        public static string? Currency(string? currency) => currency?.ToUpperInvariant();

        /// <summary>The refusal when the channel has no such operation, or HQ completed it already.</summary>
        public static CommerceSyncException NotCorrectable(string channelId, long counter) =>
            new CommerceSyncException(ErrorIds.OperationNotFound, ErrorKind.NotFound,
                "Channel " + channelId + " has no uploaded customer or address operation " + counter + " that HQ has yet to complete.", counter);
    }
}
