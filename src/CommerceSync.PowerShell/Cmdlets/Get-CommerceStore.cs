using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Shows the store in use (or the one given with -Store).</summary>
    [Cmdlet(VerbsCommon.Get, "CommerceStore")]
    [OutputType(typeof(Store))]
    public sealed class GetCommerceStore : CommerceCmdlet
    {
        protected override void ProcessCommerceRecord()
        {
            WriteObject(Session.Maintenance.Describe(StoreResolution.Resolve(Store, SessionState).Source));
        }
    }
}
