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
        public Store(string path) { Path = path; }

        /// <summary>The store file, or for a PostgreSQL store its connection string without the password.</summary>
        public string Path { get; set; }

        /// <summary>The same as Path, under the name that binds to every cmdlet's -Store: a store object pipes into any cmdlet.</summary>
        public string StorePath => Path;
        public StoreBackend Backend { get; set; }
        public int SchemaVersion { get; set; }
        public StoreSource Source { get; set; }
        public string AccountNumberFormat { get; set; }
        /// <summary>False rehearses HQ being unreachable: sync-mode channels fall back to async creation.</summary>
        public bool HeadquartersAvailable { get; set; } = true;
        /// <summary>How long a job waits for another job's write before failing with StoreBusy.</summary>
        public TimeSpan BusyTimeout { get; set; }
        public int Channels { get; set; }
        public long AsyncCustomers { get; set; }
        public long Customers { get; set; }
        /// <summary>True for a store that can only be read (a read-only file or medium): reads, tests, exports and backups work; changes fail with StoreReadOnly.</summary>
        public bool ReadOnly { get; set; }

        public override string ToString() => Path;
    }
}
