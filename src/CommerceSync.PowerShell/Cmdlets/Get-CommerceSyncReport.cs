using System;
using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>What has not converted and why: one report per channel plus a total.</summary>
    [Cmdlet(VerbsCommon.Get, "CommerceSyncReport")]
    [OutputType(typeof(SyncReport))]
    public sealed class GetCommerceSyncReport : ChannelScopedCmdlet
    {
        /// <summary>The state at a past moment, reconstructed from the job history (upload runs, sync and distribution times).</summary>
        [Parameter]
        public DateTime AsOf { get; set; }

        protected override void ProcessCommerceRecord()
        {
            if (!TryResolveChannels(Channel, out var channels)) return;
            DateTime? asOf = MyInvocation.BoundParameters.ContainsKey(nameof(AsOf)) ? AsOf : (DateTime?)null;
            WriteObject(Terminating(() => Session.Reports.SyncReport(channels, asOf)), true);
        }
    }
}
