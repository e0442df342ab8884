using System.Linq;
using System.Management.Automation;
using CommerceSync.Storage;

namespace CommerceSync
{
    /// <summary>
    /// Checks the store's invariants and its storage: $true when all hold; -Detailed lists every check with the rows that break it.
    /// -Full runs the thorough storage check.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "CommerceStore")]
    [OutputType(typeof(bool), typeof(IntegrityViolation))]
    public sealed class TestCommerceStore : CommerceCmdlet
    {
        /// <summary>Return the checks (Check, Count, Description) instead of one $true/$false.</summary>
        [Parameter]
        public SwitchParameter Detailed { get; set; }

        /// <summary>Run the engine's thorough storage check (SQLite: PRAGMA integrity_check, every index against its table) instead of the quick one.</summary>
        [Parameter]
        public SwitchParameter Full { get; set; }

        protected override void ProcessCommerceRecord()
        {
            var checks = Terminating(() => Session.Maintenance.CheckIntegrity(Full.IsPresent));
            foreach (var c in checks.Where(c => c.Count > 0)) WriteVerbose("Broken: " + c.Check + " (" + c.Count + "): " + c.Description);
            if (Detailed.IsPresent) WriteObject(checks, true);
            else WriteObject(checks.All(c => c.Count == 0));
        }
    }
}
