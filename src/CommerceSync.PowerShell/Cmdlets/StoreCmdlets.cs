using System.IO;
using System.Management.Automation;
using CommerceSync.Storage;

namespace CommerceSync
{
    internal static class StoreInfo
    {
        public static Store Describe(StoreDatabase db, StoreSource source) => new Store
        {
            Path = db.Path,
            Backend = db.Backend,
            Source = source,
            SchemaVersion = db.SchemaVersion,
            AccountNumberFormat = db.GetSetting("AccountNumberFormat"),
            Channels = (int)db.Count("channel"),
            AsyncCustomers = db.Count("ch_async_customer", "operation = 1"),
            Customers = db.Count("cust_table"),
            HeadquartersAvailable = new Services.CustomerCreation(db).HeadquartersAvailable,
            BusyTimeout = db.BusyTimeout,
            ReadOnly = db.ReadOnly,
        };
    }

    /// <summary>Creates a store: a SQLite file, or with -ConnectionString a store in a PostgreSQL database.</summary>
    [Cmdlet(VerbsCommon.New, "CommerceStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "Path")]
    [OutputType(typeof(Store))]
    public sealed class NewCommerceStore : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path", ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        /// <summary>A PostgreSQL connection string (Host=...;Database=...); the store is the schema named first in its Search Path, else public.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "ConnectionString")]
        [ValidateNotNullOrEmpty]
        public string ConnectionString { get; set; }

        /// <summary>Customer account number format: a prefix and one '#' per digit.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string AccountNumberFormat { get; set; } = StoreDatabase.DefaultAccountNumberFormat;

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var postgres = ParameterSetName == "ConnectionString";
            var target = postgres ? StoreDatabase.Redact(ConnectionString) : StoreResolution.ResolvePath(SessionState, Path);
            var action = !postgres && File.Exists(target) ? "Replace the existing store with a new, empty store"
                : postgres && Force.IsPresent ? "Create a new store, replacing one that is there" : "Create a new store";
            if (!ShouldProcess(target, action)) return;
            try
            {
                // A busy timeout that cannot be used fails the open after the file is made: refuse it before, leaving no file.
                StoreDatabase.EnvironmentBusyTimeout();
                using (var db = postgres ? StoreDatabase.CreatePostgres(ConnectionString, AccountNumberFormat, Force.IsPresent) : StoreDatabase.Create(target, AccountNumberFormat, Force.IsPresent))
                {
                    if (postgres) StoreResolution.Remember(ConnectionString);
                    WriteVerbose("Created store " + db.Path + " with schema version " + db.SchemaVersion + ".");
                    WriteObject(StoreInfo.Describe(db, StoreSource.Parameter));
                }
            }
            catch (CommerceSyncException ex)
            {
                WriteError(new ErrorRecord(ex, ex.ErrorId, CommerceCmdlet.Category(ex.Kind), target));
            }
        }
    }

    /// <summary>Makes a store the default for this session.</summary>
    [Cmdlet(VerbsCommunications.Connect, "CommerceStore", DefaultParameterSetName = "Path")]
    [OutputType(typeof(Store))]
    public sealed class ConnectCommerceStore : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path", ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StorePathCompleter))]
        public string Path { get; set; }

        /// <summary>A store in a PostgreSQL database: Host=...;Database=...; the schema named first in Search Path (else public).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "ConnectionString")]
        [ValidateNotNullOrEmpty]
        public string ConnectionString { get; set; }

        /// <summary>Connect to the per-user default store (created when missing), whatever $env:COMMERCESYNC_STORE says.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Default")]
        public SwitchParameter Default { get; set; }

        /// <summary>Create the store when it does not exist yet, so the same line works the first time and every time after.</summary>
        [Parameter(ParameterSetName = "Path")]
        [Parameter(ParameterSetName = "ConnectionString")]
        public SwitchParameter Create { get; set; }

        protected override void ProcessRecord()
        {
            var location = Default.IsPresent ? StoreDatabase.DefaultPath
                : ParameterSetName == "ConnectionString" ? ConnectionString
                : StoreDatabase.IsConnectionString(Path) ? Path : StoreResolution.ResolvePath(SessionState, Path);
            try
            {
                using (var db = Open(location, Default.IsPresent || Create.IsPresent))
                {
                    StoreResolution.SetSessionStore(location);
                    WriteObject(StoreInfo.Describe(db, StoreSource.Session));
                }
            }
            catch (CommerceSyncException ex)
            {
                // Nothing changed: the session keeps the store it had, and the next cmdlet does not quietly use another one.
                ThrowTerminatingError(new ErrorRecord(ex, ex.ErrorId, CommerceCmdlet.Category(ex.Kind), StoreResolution.Display(location)));
            }
        }

        private static StoreDatabase Open(string location, bool create)
        {
            if (!create) return StoreDatabase.OpenAt(location);
            if (!StoreDatabase.IsConnectionString(location)) return StoreDatabase.Open(location, createIfMissing: true);
            try
            {
                return StoreDatabase.OpenPostgres(location);
            }
            catch (CommerceSyncException ex) when (ex.ErrorId == ErrorIds.StoreNotFound)
            {
                return StoreDatabase.CreatePostgres(location);
            }
        }
    }

    /// <summary>Ends the session's choice of store: cmdlets go back to $env:COMMERCESYNC_STORE or the per-user default store.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "CommerceStore")]
    [OutputType(typeof(void))]
    public sealed class DisconnectCommerceStore : PSCmdlet
    {
        protected override void ProcessRecord()
        {
            StoreResolution.ClearSessionStore();
            WriteVerbose("This session has no store of its own now: cmdlets use -Store, $env:" + StoreResolution.EnvironmentVariable + " or the per-user default store.");
        }
    }

    /// <summary>Shows the store in use (or the one given with -Store).</summary>
    [Cmdlet(VerbsCommon.Get, "CommerceStore")]
    [OutputType(typeof(Store))]
    public sealed class GetCommerceStore : CommerceCmdlet
    {
        protected override void ProcessCommerceRecord()
        {
            WriteObject(StoreInfo.Describe(Db, StoreResolution.Resolve(Store, SessionState).Source));
        }
    }
}

namespace CommerceSync
{
    using System.Linq;

    /// <summary>
    /// Checks the store's invariants and its storage: $true when all hold; -Detailed lists every check with the rows that break it.
    /// -Full runs the thorough storage check.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "CommerceStore")]
    [OutputType(typeof(bool), typeof(IntegrityViolation))]
    public sealed class TestCommerceStore : CommerceCmdlet
    {
        /// <summary>Return the checks (Check, Count, Description) instead of one $true/$false.</summary>
        [Parameter]
        public SwitchParameter Detailed { get; set; }

        /// <summary>Run the engine's thorough storage check (SQLite: PRAGMA integrity_check, every index against its table) instead of the quick one.</summary>
        [Parameter]
        public SwitchParameter Full { get; set; }

        protected override void ProcessCommerceRecord()
        {
            var checks = Terminating(() => new IntegrityStore(Db).Check(Full.IsPresent));
            foreach (var c in checks.Where(c => c.Count > 0)) WriteVerbose("Broken: " + c.Check + " (" + c.Count + "): " + c.Description);
            if (Detailed.IsPresent) WriteObject(checks, true);
            else WriteObject(checks.All(c => c.Count == 0));
        }
    }

    /// <summary>Takes a consistent online copy of the store (SQLite backup), also while jobs run.</summary>
    [Cmdlet(VerbsData.Backup, "CommerceStore", SupportsShouldProcess = true)]
    [OutputType(typeof(Store))]
    public sealed class BackupCommerceStore : CommerceCmdlet
    {
        // It reads the store (and writes a file of its own): a missing default store is not created for it.
        protected override bool CreatesDefaultStore => false;

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; }

        /// <summary>Replace an existing file at the destination.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessCommerceRecord()
        {
            var destination = StoreResolution.ResolvePath(SessionState, Destination);
            Terminating(() => { Db.CheckDestination(destination, Force.IsPresent, anyOpenedStore: false); return 0; }, destination);
            if (!ShouldProcess(destination, "Back up store " + Db.Path)) return;
            Terminating(() => { Db.BackupTo(destination, Force.IsPresent); return 0; }, destination);
            using (var copy = StoreDatabase.Open(destination))
            {
                WriteObject(StoreInfo.Describe(copy, StoreSource.Parameter));
            }
        }
    }
}
