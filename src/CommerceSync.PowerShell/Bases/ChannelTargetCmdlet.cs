using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>
    /// A change made at one channel: -Channel names it, first on the line or by property name (ChannelId) from an object
    /// piped in. <see cref="CommerceCmdlet.ResolveChannel"/> finds it.
    /// </summary>
    public abstract class ChannelTargetCmdlet : CommerceCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public string Channel { get; set; }
    }
}
