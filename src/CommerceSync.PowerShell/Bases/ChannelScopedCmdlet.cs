using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>
    /// A cmdlet over some channels or all of them: -Channel takes channel ids with wildcards, first on the line or by
    /// property name (ChannelId) from any object piped in. <see cref="CommerceCmdlet.ResolveChannels"/> turns it into the ids it names.
    /// </summary>
    public abstract class ChannelScopedCmdlet : CommerceCmdlet
    {
        /// <summary>Only these channels; wildcards allowed. Default: every channel.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public string[] Channel { get; set; }

        private bool channelTyped;

        protected override void BeginProcessing()
        {
            // What the command line gave, before any record binds -Channel by property name.
            channelTyped = MyInvocation.BoundParameters.ContainsKey(nameof(Channel));
            base.BeginProcessing();
        }

        /// <summary>
        /// The channels a listing of what customers own (orders, cards) keeps to. A piped customer's ChannelId is the store
        /// that created it, not where its orders or cards are, so it narrows nothing; a -Channel typed on the line still does.
        /// </summary>
        protected bool TryResolveCustomerListingScope(out string[] channels)
        {
            channels = null;
            return (!channelTyped && FilterValues.IsCustomer(PipelineInput)) || TryResolveChannels(Channel, out channels);
        }
    }
}
