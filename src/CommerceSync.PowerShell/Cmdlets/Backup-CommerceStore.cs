using System.Management.Automation;
using CommerceSync.Data;

namespace CommerceSync
{
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
            Terminating(() => { Session.Maintenance.CheckDestination(destination, Force.IsPresent, anyOpenedStore: false); return 0; }, destination);
            if (!ShouldProcess(destination, "Back up store " + Session.Maintenance.Location)) return;
            Terminating(() => { Session.Maintenance.BackupTo(destination, Force.IsPresent); return 0; }, destination);
            using (var copy = StoreDatabase.Open(destination))
            {
                WriteObject(StoreInfo.Describe(copy, StoreSource.Parameter));
            }
        }
    }
}
