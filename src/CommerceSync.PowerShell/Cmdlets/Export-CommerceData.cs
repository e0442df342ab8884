using System;
using System.Linq;
using System.Management.Automation;
using CommerceSync.Storage;

namespace CommerceSync
{
    /// <summary>Exports the whole store as JSON Lines: channels, async operations, customers, history, with ids and counters.</summary>
    [Cmdlet(VerbsData.Export, "CommerceData", SupportsShouldProcess = true)]
    [OutputType(typeof(TransferResult))]
    public sealed class ExportCommerceData : CommerceCmdlet
    {
        // It reads the store (and writes a file of its own): a missing default store is not created for it.
        protected override bool CreatesDefaultStore => false;

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessCommerceRecord()
        {
            var path = StoreResolution.ResolvePath(SessionState, Path);
            // An export never lands on a store (this one, or any this session has open), and never on a file without -Force.
            Terminating(() => { Session.Maintenance.CheckDestination(path, Force.IsPresent, anyOpenedStore: true); return 0; }, path);
            if (!ShouldProcess(path, "Export store " + Session.Maintenance.Location)) return;
            var result = Terminating(() => Session.Maintenance.Export(path, n => Progress("Export-CommerceData", n + " rows")), path);
            result.Path = path;
            CompleteProgress("Export-CommerceData");
            WriteVerbose("Exported " + result.Rows + " rows from " + result.RowsByTable.Count(t => t.Value > 0) + " tables.");
            WriteObject(result);
        }
    }
}
