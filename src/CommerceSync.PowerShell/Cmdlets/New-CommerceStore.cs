using System.IO;
using System.Management.Automation;
using CommerceSync.Data;

namespace CommerceSync
{
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
            var location = ParameterSetName == "ConnectionString" ? StoreLocation.ForConnectionString(ConnectionString)
                : StoreLocation.ForFile(StoreResolution.ResolvePath(SessionState, Path));
            var target = location.Display;
            var action = location.FilePath != null && File.Exists(location.FilePath) ? "Replace the existing store with a new, empty store"
                : location.FilePath == null && Force.IsPresent ? "Create a new store, replacing one that is there" : "Create a new store";
            if (!ShouldProcess(target, action)) return;
            try
            {
                // A busy timeout that cannot be used fails the open after the file is made: refuse it before, leaving no file.
                StoreDatabase.EnvironmentBusyTimeout();
                using (var db = StoreDatabase.Create(location, AccountNumberFormat, Force.IsPresent))
                {
                    StoreResolution.Remember(location);
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
}
