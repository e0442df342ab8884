using System.Management.Automation;
using CommerceSync.Application;

namespace CommerceSync
{
    /// <summary>Lists channels.</summary>
    [Cmdlet(VerbsCommon.Get, "CommerceChannel")]
    [OutputType(typeof(Channel))]
    public sealed class GetCommerceChannel : ChannelScopedCmdlet
    {
        [Parameter]
        [ArgumentCompleter(typeof(DataAreaIdCompleter))]
        public string DataAreaId { get; set; }

        protected override void ProcessCommerceRecord()
        {
            // A listing, not a scope: a pattern that matches nothing is an empty answer, and -DataAreaId narrows each name,
            // so the names go to the listing itself rather than through ResolveChannels.
            var store = Session.Channels;
            if (Channel == null || Channel.Length == 0)
            {
                WriteObject(store.List(null, DataAreaId), true);
                return;
            }
            foreach (var c in Channel)
            {
                var found = store.List(c, DataAreaId);
                if (found.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(c))
                {
                    WriteError(ToErrorRecord(Channels.NotFound(c)));
                }
                WriteObject(found, true);
            }
        }
    }
}
