using System.Management.Automation;
using CommerceSync.Data;

namespace CommerceSync
{
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
            var location = Default.IsPresent ? StoreLocation.ForFile(StoreLocation.DefaultPath)
                : ParameterSetName == "ConnectionString" ? StoreLocation.ForConnectionString(ConnectionString)
                : StoreResolution.Parse(SessionState, Path);
            try
            {
                using (var db = StoreDatabase.Open(location, createIfMissing: Default.IsPresent || Create.IsPresent))
                {
                    StoreResolution.SetSessionStore(location);
                    WriteObject(StoreInfo.Describe(db, StoreSource.Session));
                }
            }
            catch (CommerceSyncException ex)
            {
                // Nothing changed: the session keeps the store it had, and the next cmdlet does not quietly use another one.
                ThrowTerminatingError(new ErrorRecord(ex, ex.ErrorId, CommerceCmdlet.Category(ex.Kind), location.Display));
            }
        }
    }
}
