using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Ends the session's choice of store: cmdlets go back to $env:COMMERCESYNC_STORE or the per-user default store.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "CommerceStore")]
    [OutputType(typeof(void))]
    public sealed class DisconnectCommerceStore : PSCmdlet
    {
        protected override void ProcessRecord()
        {
            StoreResolution.ClearSessionStore();
            WriteVerbose("This session has no store of its own now: cmdlets use -Store, $env:" + StoreResolution.EnvironmentVariable + " or the per-user default store.");
        }
    }
}
