namespace CommerceSync
{
    /// <summary>Where an async customer is on its way to a real HQ account.</summary>
    public enum AsyncCustomerStatus
    {
        /// <summary>In the channel database only; the P-job has not uploaded it.</summary>
        Pending,
        /// <summary>Uploaded to HQ; the sync job has not processed it.</summary>
        Uploaded,
        /// <summary>HQ created the account; job 1010 has not brought it back to the originating channel.</summary>
        Converted,
        /// <summary>The originating channel knows the account number.</summary>
        Distributed,
        /// <summary>The sync job refused it; <c>Error</c> says why.</summary>
        Failed,
        /// <summary>Created while the register was offline: in its offline database until it is back online.</summary>
        Offline,
    }

    /// <summary>The Operation column of the async tables.</summary>
    public enum AsyncOperation
    {
        Create = 1,
        Update = 2,
        Deactivate = 3,
    }

    /// <summary>Kinds of extra contact information (RETAILASYNCCUSTOMERCONTACT).</summary>
    public enum ContactType
    {
        Email,
        Phone,
        Url,
    }

    public enum RelationshipType
    {
        Person,
        Organization,
    }

    /// <summary>Customer attribute types a channel can capture (datetime and reference are not supported, as in the product).</summary>
    public enum AttributeDataType
    {
        Text,
        Integer,
        Decimal,
        Boolean,
    }

    /// <summary>Sync status of one uploaded operation row at HQ.</summary>
    public enum OperationSyncStatus
    {
        Pending,
        Completed,
        Failed,
    }

    /// <summary>The two databases a channel can have.</summary>
    public enum ChannelDatabaseKind
    {
        Channel,
        Offline,
    }

    public enum JobRunStatus
    {
        Running,
        Completed,
        CompletedWithErrors,
        Failed,
        Interrupted,
    }

    public enum JobRunMode
    {
        Bulk,
        Record,
    }

    /// <summary>The batch jobs, by the names admins search for.</summary>
    public static class JobNames
    {
        public const string PJob = "P-job";
        public const string SynchronizeCustomers = "Synchronize customers and channel requests";
        public const string Job1010 = "1010";
        public const string SynchronizeOrders = "Synchronize orders";
        public const string StatementPosting = "Statement posting";
    }
}
