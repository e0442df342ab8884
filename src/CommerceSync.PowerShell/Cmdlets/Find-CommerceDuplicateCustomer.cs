using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Customers that look like the same person (email, phone, name and postal code), with a score and the reason.</summary>
    [Cmdlet(VerbsCommon.Find, "CommerceDuplicateCustomer")]
    [OutputType(typeof(DuplicateCandidate))]
    public sealed class FindCommerceDuplicateCustomer : ChannelScopedCmdlet
    {
        /// <summary>Only pairs scoring at least this (0 to 1). Default 0.3: any one shared key.</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double MinimumScore { get; set; } = 0.3;

        protected override void ProcessCommerceRecord()
        {
            if (!TryResolveChannels(Channel, out var channels)) return;
            WriteObject(Terminating(() => Session.Reports.Duplicates(channels, MinimumScore)), true);
        }
    }
}
