using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using CommerceSync.Services;
using CommerceSync.Storage;

namespace CommerceSync
{
    /// <summary>What has not converted and why: one report per channel plus a total.</summary>
    [Cmdlet(VerbsCommon.Get, "CommerceSyncReport")]
    [OutputType(typeof(SyncReport))]
    public sealed class GetCommerceSyncReport : CommerceCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public string[] Channel { get; set; }

        /// <summary>The state at a past moment, reconstructed from the job history (upload runs, sync and distribution times).</summary>
        [Parameter]
        public DateTime AsOf { get; set; }

        protected override void ProcessCommerceRecord()
        {
            var channels = ResolveChannels(Channel);
            if (channels != null && channels.Length == 0) return;
            DateTime? asOf = MyInvocation.BoundParameters.ContainsKey(nameof(AsOf)) ? AsOf : (DateTime?)null;
            WriteObject(Terminating(() => new ReportStore(Db).Report(channels, asOf)), true);
        }
    }

    /// <summary>For runbooks and Pester: $true when the conversion is healthy; -Detailed returns every check.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "CommerceSync")]
    [OutputType(typeof(bool), typeof(SyncCheck))]
    public sealed class TestCommerceSync : SyncHealthCmdlet
    {
        /// <summary>Return every check (passed and failed) instead of one $true/$false.</summary>
        [Parameter]
        public SwitchParameter Detailed { get; set; }

        protected override void ProcessCommerceRecord()
        {
            var checks = Evaluate();
            if (checks == null) return;
            if (Detailed.IsPresent) WriteObject(checks, true);
            else WriteObject(checks.All(c => c.Passed));
        }
    }

    /// <summary>Customers that look like the same person (email, phone, name and postal code), with a score and the reason.</summary>
    [Cmdlet(VerbsCommon.Find, "CommerceDuplicateCustomer")]
    [OutputType(typeof(DuplicateCandidate))]
    public sealed class FindCommerceDuplicateCustomer : CommerceCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public string[] Channel { get; set; }

        /// <summary>Only pairs scoring at least this (0 to 1). Default 0.3: any one shared key.</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double MinimumScore { get; set; } = 0.3;

        protected override void ProcessCommerceRecord()
        {
            var channels = ResolveChannels(Channel);
            if (channels != null && channels.Length == 0) return;
            WriteObject(Terminating(() => new DuplicateStore(Db).Find(channels, MinimumScore)), true);
        }
    }

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
            Terminating(() => { Db.CheckDestination(path, Force.IsPresent, anyOpenedStore: true); return 0; }, path);
            if (!ShouldProcess(path, "Export store " + Db.Path)) return;
            var result = Terminating(() => new TransferStore(Db).ExportToFile(path, n => Progress("Export-CommerceData", n + " rows")), path);
            result.Path = path;
            CompleteProgress("Export-CommerceData");
            WriteVerbose("Exported " + result.Rows + " rows from " + result.RowsByTable.Count(t => t.Value > 0) + " tables.");
            WriteObject(result);
        }
    }

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
            if (!ShouldProcess(Db.Path, "Import " + path)) return;
            var result = Terminating(() => new TransferStore(Db).ImportFromFile(path, n => Progress("Import-CommerceData", n + " rows")), path);
            result.Path = path;
            CompleteProgress("Import-CommerceData");
            WriteVerbose("Imported " + result.Rows + " rows.");
            WriteObject(result);
        }
    }
}
