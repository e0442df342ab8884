namespace CommerceSync
{
    /// <summary>Where an async customer is on its way to a real HQ account.</summary>
    [Persisted]
    public enum AsyncCustomerStatus
    {
        /// <summary>In the channel database only; the P-job has not uploaded it.</summary>
        Pending = 0,
        /// <summary>Uploaded to HQ; the sync job has not processed it.</summary>
        Uploaded = 1,
        /// <summary>HQ created the account; job 1010 has not brought it back to the originating channel.</summary>
        Converted = 2,
        /// <summary>The originating channel knows the account number.</summary>
        Distributed = 3,
        /// <summary>The sync job refused it; <c>Error</c> says why.</summary>
        Failed = 4,
        /// <summary>Created while the register was offline: in its offline database until it is back online.</summary>
        Offline = 5,
    }

    /// <summary>The Operation column of the async tables.</summary>
    [Persisted]
    public enum AsyncOperation
    {
        Create = 1,
        Update = 2,
        Deactivate = 3,
    }

    /// <summary>Kinds of extra contact information (RETAILASYNCCUSTOMERCONTACT).</summary>
    [Persisted]
    public enum ContactType
    {
        Email = 0,
        Phone = 1,
        Url = 2,
    }

    [Persisted]
    public enum RelationshipType
    {
        Person = 0,
        Organization = 1,
    }

    /// <summary>
    /// How a customer wants receipts (RetailReceiptOption; the POS's ReceiptSettings: printed at the POS, sent by email, or both).
    /// </summary>
    [Persisted]
    public enum ReceiptOption
    {
        Print = 0,
        Email = 1,
        PrintAndEmail = 2,
    }

    /// <summary>Customer attribute types a channel can capture (datetime and reference are not supported, as in the product).</summary>
    [Persisted]
    public enum AttributeDataType
    {
        Text = 0,
        Integer = 1,
        Decimal = 2,
        Boolean = 3,
    }

    /// <summary>Sync status of one uploaded operation row at HQ.</summary>
    [Persisted]
    public enum OperationSyncStatus
    {
        Pending = 0,
        Completed = 1,
        Failed = 2,
    }

    /// <summary>The two databases a channel can have.</summary>
    [Persisted]
    public enum ChannelDatabaseKind
    {
        Channel = 0,
        Offline = 1,
    }

    [Persisted]
    public enum JobRunStatus
    {
        Running = 0,
        Completed = 1,
        CompletedWithErrors = 2,
        Failed = 3,
        Interrupted = 4,
    }

    [Persisted]
    public enum JobRunMode
    {
        Bulk = 0,
        Record = 1,
    }

    /// <summary>
    /// How statement posting runs at a store (trickle-feed.md). Stored by name in the store's settings, so it is not a persisted number.
    /// </summary>
    public enum StatementPostingMode
    {
        /// <summary>One statement per store and business day at end of day, posted whole or not at all: the posting of stores made before trickle feed.</summary>
        Legacy,
        /// <summary>Validated sales post in transactional statements as often as posting runs; a financial statement per store and day closes the day.</summary>
        TrickleFeed,
    }

    /// <summary>How a channel creates customer orders (customer-orders-overview.md, "Asynchronous transaction flow for customer orders").</summary>
    [Persisted]
    public enum CustomerOrderMode
    {
        /// <summary>"Create customer order in async mode": the P-job uploads the order and Synchronize orders makes its sales order (syncing its async customer and address first).</summary>
        Asynchronous = 0,
        /// <summary>Created at HQ at once through the Real-time Service: HQ must be reachable and must already have the customer and its delivery address.</summary>
        Synchronous = 1,
        /// <summary>"Use realtime service for order creation with async backup": real time when that works, else the asynchronous path.</summary>
        RealTimeWithAsyncBackup = 2,
    }

    /// <summary>Which way a Commerce Data Exchange session moved data.</summary>
    [Persisted]
    public enum DataSessionType
    {
        /// <summary>From a channel database to HQ (the P-job).</summary>
        Upload = 0,
        /// <summary>From HQ into a channel or offline database (a distribution schedule such as 1010).</summary>
        Download = 1,
    }

    /// <summary>How a Commerce Data Exchange session ended.</summary>
    [Persisted]
    public enum DataSessionStatus
    {
        /// <summary>The database took the rows.</summary>
        Applied = 0,
        /// <summary>The database could not take them; Error says why. Kept for that case: no database of a store refuses a download yet.</summary>
        Failed = 1,
        /// <summary>The run left this database out (an offline database its schedule or the run excludes).</summary>
        Skipped = 2,
    }

    /// <summary>The batch jobs, by the names admins search for.</summary>
    public static class JobNames
    {
        public const string PJob = "P-job";
        public const string SynchronizeCustomers = "Synchronize customers and channel requests";
        public const string Job1010 = "1010";
        public const string SynchronizeOrders = "Synchronize orders";
        public const string StatementPosting = "Statement posting";
        public const string ValidateTransactions = "Validate store transactions";
    }
}
