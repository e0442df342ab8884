using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Deactivates a customer at a POS: appends operation 3.</summary>
    [Cmdlet(VerbsLifecycle.Disable, "AsyncCustomer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "Async")]
    [OutputType(typeof(AsyncCustomerChange))]
    public sealed class DisableAsyncCustomer : CustomerChangeCmdlet
    {
        protected override void ProcessCommerceRecord()
        {
            if (!FeaturesAllow()) return;
            if (!ShouldProcess(Target, "Deactivate (operation 3)")) return;
            Append(new AsyncCustomerChange { Operation = AsyncOperation.Deactivate });
        }
    }
}
