using System;

namespace CommerceSync
{
    /// <summary>What has not converted yet, and why, for one channel (or the total, ChannelId "*").</summary>
    public sealed class SyncReport : IStoreObject
    {
        /// <summary>The store this came from (path, or connection string without its password); binds to -Store by property name.</summary>
        public string? Store { get; set; }

        public const string Total = "*";

        public string? ChannelId { get; set; }
        public DateTime AsOf { get; set; }
        /// <summary>Created at the POS, not uploaded by the P-job.</summary>
        public long PendingUpload { get; set; }
        /// <summary>At HQ, not processed by the sync job.</summary>
        public long UploadedNotConverted { get; set; }
        /// <summary>Account created, not yet at the originating store (job 1010).</summary>
        public long ConvertedNotDistributed { get; set; }
        /// <summary>Customers still on their way to their store: not uploaded, not converted, or not distributed (as ConversionResult.Pending counts them).</summary>
        public long Pending => PendingUpload + UploadedNotConverted + ConvertedNotDistributed;
        /// <summary>Async customers HQ refused to create.</summary>
        public long Failed { get; set; }
        /// <summary>
        /// The other operations HQ refused that are still failed: edits and deactivations of customers, and their addresses,
        /// attributes, contacts and affiliations. A customer can be synced while its address is refused.
        /// </summary>
        public long FailedOperations { get; set; }
        /// <summary>What HQ refused, by reason: customers first, then the other operations with their kind before the reason ("Address: ...").</summary>
        public FailureCount[] FailuresByReason { get; set; } = Array.Empty<FailureCount>();
        /// <summary>How long the oldest customer still on its way has waited.</summary>
        public TimeSpan? OldestWaiting { get; set; }
        /// <summary>Cash-and-carry sales whose async customer cannot be synchronized, so their statement cannot post.</summary>
        public long TransactionsBlockingPosting { get; set; }
        /// <summary>Customer orders that failed because their customer could not be synchronized.</summary>
        public long OrdersFailedForCustomer { get; set; }
        /// <summary>Cash-and-carry sales "Validate store transactions" holds back (Error): trickle-feed posting leaves them out until they validate.</summary>
        public long TransactionsHeldByValidation { get; set; }
        /// <summary>Why validation holds sales back, by reason, most first.</summary>
        public FailureCount[] HeldByReason { get; set; } = Array.Empty<FailureCount>();

        public override string? ToString() => ChannelId;
    }

    public sealed class FailureCount
    {
        /// <summary>What HQ refused: "Customer" (a create), or another operation's kind ("Address", "Customer edit", ...).</summary>
        public string Kind { get; set; } = CustomerKind;
        public string? Reason { get; set; }

        public const string CustomerKind = "Customer";
        /// <summary>The kind of a reason validation holds a sale back for.</summary>
        public const string TransactionKind = "Transaction";

        /// <summary>Whether this is one of the other operations <see cref="SyncReport.FailedOperations"/> counts.</summary>
        public bool IsOperation => Kind != CustomerKind;
        public long Count { get; set; }

        public override string ToString() => Count + " x " + Reason;
    }

    /// <summary>A pair of customers that look like the same person.</summary>
    public sealed class DuplicateCandidate : IStoreObject
    {
        /// <summary>The store this came from (path, or connection string without its password); binds to -Store by property name.</summary>
        public string? Store { get; set; }

        /// <summary>0 to 1: 1 means the same email and phone and name.</summary>
        public double Score { get; set; }
        public string? Reason { get; set; }
        /// <summary>"Async" (GUID, not converted yet) or "Customer" (HQ account).</summary>
        public string? FirstKind { get; set; }
        public string? FirstId { get; set; }
        public string? FirstName { get; set; }
        public string? FirstChannelId { get; set; }
        public string? SecondKind { get; set; }
        public string? SecondId { get; set; }
        public string? SecondName { get; set; }
        public string? SecondChannelId { get; set; }

        public override string ToString() => FirstId + " ~ " + SecondId + " (" + Reason + ")";
    }
}
