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
    }
}
