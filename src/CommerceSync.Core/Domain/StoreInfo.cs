using System;

namespace CommerceSync
{
    /// <summary>How the store in use was chosen.</summary>
    public enum StoreSource
    {
        Parameter,
        Session,
        Environment,
        Default,
    }

    /// <summary>A CommerceSync store: one SQLite file (or one PostgreSQL schema) holding HQ and every channel's databases.</summary>
    public sealed class Store
    {
        public Store() { }

        /// <summary>Lets PowerShell turn a path into a store argument.</summary>
        public Store(string? path) { Path = path; }

        /// <summary>A store argument for a location already parsed: it opens the store it names, password and all.</summary>
        public Store(StoreLocation? location)
        {
            Location = location;
            Path = location?.Display;
            if (location != null) Backend = location.Backend;
        }

        /// <summary>
        /// Where the store is, parsed once: a store object piped to -Store opens the store it came from, with the password it
        /// was opened with, which neither this object's Path nor its text ever shows. Null on a store made from text alone.
        /// </summary>
        public StoreLocation? Location { get; set; }

        /// <summary>The store file, or for a PostgreSQL store its connection string without the password.</summary>
        public string? Path { get; set; }

        /// <summary>The same as Path, under the name that binds to every cmdlet's -Store: a store object pipes into any cmdlet.</summary>
        public string? StorePath => Path;
        public StoreBackend Backend { get; set; }
        public int SchemaVersion { get; set; }
        public StoreSource Source { get; set; }
        public string? AccountNumberFormat { get; set; }
        /// <summary>False rehearses HQ being unreachable: sync-mode channels fall back to async creation.</summary>
        public bool HeadquartersAvailable { get; set; } = true;
        /// <summary>How long a job waits for another job's write before failing with StoreBusy.</summary>
        public TimeSpan BusyTimeout { get; set; }
        public int Channels { get; set; }
        public long AsyncCustomers { get; set; }
        public long Customers { get; set; }
        /// <summary>True for a store that can only be read (a read-only file or medium): reads, tests, exports and backups work; changes fail with StoreReadOnly.</summary>
        public bool ReadOnly { get; set; }
        /// <summary>The customer attribute group of the Commerce parameters (Set-CommerceStore -CustomerAttributeGroup); empty: attributes are free text.</summary>
        public string? CustomerAttributeGroup { get; set; }
        /// <summary>How Invoke-StatementPosting posts (Set-CommerceStore -StatementPostingMode): TrickleFeed for a new store, Legacy for one made before trickle feed.</summary>
        public StatementPostingMode StatementPostingMode { get; set; }
        /// <summary>The channel schema's "Filter shared customer data tables" (Set-CommerceStore -FilterSharedCustomerData): no channel's registers create customers offline.</summary>
        public bool FilterSharedCustomerData { get; set; }

        public override string? ToString() => Path;
    }
}
