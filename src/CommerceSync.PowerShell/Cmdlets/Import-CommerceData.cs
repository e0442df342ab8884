using System.IO;
using System.Management.Automation;
using CommerceSync.Storage;

namespace CommerceSync
{
    /// <summary>Imports an export into a new, empty store: everything or nothing.</summary>
    [Cmdlet(VerbsData.Import, "CommerceData", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(TransferResult))]
    public sealed class ImportCommerceData : CommerceCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        protected override void ProcessCommerceRecord()
        {
            var path = StoreResolution.ResolvePath(SessionState, Path);
            if (!File.Exists(path))
            {
                WriteRecordError(ErrorIds.ImportFormatInvalid, ErrorKind.NotFound, "No export at '" + path + "'.", path);
                return;
            }
            if (!ShouldProcess(Session.Maintenance.Location, "Import " + path)) return;
            var result = Terminating(() => Session.Maintenance.Import(path, n => Progress("Import-CommerceData", n + " rows")), path);
            result.Path = path;
            CompleteProgress("Import-CommerceData");
            WriteVerbose("Imported " + result.Rows + " rows.");
            WriteObject(result);
        }
    }
}
