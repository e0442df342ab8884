using System.Linq;
using System.Management.Automation;
using CommerceSync.Services;

namespace CommerceSync
{
    /// <summary>For runbooks and Pester: $true when the conversion is healthy; -Detailed returns every check.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "CommerceSync")]
    [OutputType(typeof(bool), typeof(SyncCheck))]
    public sealed class TestCommerceSync : SyncHealthCmdlet
    {
        /// <summary>Return every check (passed and failed) instead of one $true/$false.</summary>
        [Parameter]
        public SwitchParameter Detailed { get; set; }

        protected override void ProcessCommerceRecord()
        {
            var checks = Evaluate();
            if (checks == null) return;
            if (Detailed.IsPresent) WriteObject(checks, true);
            else WriteObject(checks.All(c => c.Passed));
        }
    }
}
