using System.Linq;
using System.Management.Automation;
using CommerceSync.Services;

namespace CommerceSync
{
    /// <summary>The last line of a runbook: the checks of Test-CommerceSync, as a terminating error that lists what is wrong.</summary>
    [Cmdlet(VerbsLifecycle.Assert, "CommerceSync")]
    [OutputType(typeof(SyncCheck))]
    public sealed class AssertCommerceSync : SyncHealthCmdlet
    {
        /// <summary>Also return every check when all pass (by default a healthy conversion returns nothing).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessCommerceRecord()
        {
            var checks = Evaluate();
            if (checks == null) return;
            var failed = checks.Where(c => !c.Passed).ToArray();
            if (failed.Length > 0)
            {
                var message = "The conversion is not healthy: " + string.Join("; ", failed.Select(c => c.Check + " = " + c.Value + " (at most " + c.Threshold + ")" +
                    (string.IsNullOrEmpty(c.Detail) ? "" : ": " + c.Detail.TrimEnd('.')))) + ".";
                ThrowTerminatingError(new ErrorRecord(new CommerceSyncException(ErrorIds.CommerceSyncUnhealthy, ErrorKind.InvalidData, message, failed),
                    ErrorIds.CommerceSyncUnhealthy, ErrorCategory.InvalidResult, failed));
            }
            if (PassThru.IsPresent) WriteObject(checks, true);
        }
    }
}
