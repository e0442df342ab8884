using System.Linq;
using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Corrects a failed uploaded operation at HQ and sets it back to pending, ready to synchronize again.</summary>
    [Cmdlet(VerbsCommon.Set, "AsyncCustomerOperation", SupportsShouldProcess = true)]
    [OutputType(typeof(AsyncCustomerOperation))]
    public sealed class SetAsyncCustomerOperation : ChannelTargetCmdlet
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ReplicationCounterCompleter))]
        public long ReplicationCounter { get; set; }

        [Parameter] public string FirstName { get; set; }
        [Parameter] public string LastName { get; set; }
        [Parameter] public string Name { get; set; }
        [Parameter] public string Email { get; set; }
        [Parameter] public string Phone { get; set; }
        [Parameter, ArgumentCompleter(typeof(CurrencyCompleter))] public string Currency { get; set; }
        [Parameter, ArgumentCompleter(typeof(CustomerGroupCompleter))] public string CustomerGroup { get; set; }
        [Parameter] public string Street { get; set; }
        [Parameter] public string City { get; set; }
        [Parameter] [Alias("PostalCode", "Zip")] public string ZipCode { get; set; }
        [Parameter] [Alias("CountryRegion")] public string Country { get; set; }

        /// <summary>The corrected value of a failed attribute operation, as a hashtable of attribute name = value; checked against the attribute's definition as a POS checks it.</summary>
        [Parameter] public System.Collections.Hashtable Attribute { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Correct several operations in one call without asking first.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        // The same values on many operations is how good data gets overwritten, so the corrections wait for the end of the
        // pipeline: one operation goes ahead, several are confirmed once, with the count and what changes.
        private readonly System.Collections.Generic.List<(string Channel, long Counter)> approved = new System.Collections.Generic.List<(string, long)>();

        protected override void ProcessCommerceRecord()
        {
            if (!ShouldProcess("operation " + ReplicationCounter + " of channel " + Channel, "Correct and set back to Pending")) return;
            if (approved.Contains((Channel, ReplicationCounter))) return;
            approved.Add((Channel, ReplicationCounter));
        }

        protected override void EndCommerceProcessing()
        {
            if (approved.Count == 0) return;
            if (approved.Count > 1 && !Force.IsPresent && !ConfirmGiven())
            {
                var yesToAll = false;
                var noToAll = false;
                var changes = Changes().Any() ? string.Join(", ", Changes()) : "nothing but the status (back to Pending)";
                if (!ShouldContinue("Set " + changes + " on all " + approved.Count + " operations (" + string.Join(", ", approved.Take(5).Select(a => a.Channel + "/" + a.Counter)) +
                    (approved.Count > 5 ? ", ..." : "") + ")? Each of them gets the same values; filter first (Get-AsyncCustomerOperation -Error '*email*') to change only those that need it.",
                    "Correct " + approved.Count + " operations", ref yesToAll, ref noToAll))
                {
                    return;
                }
            }
            foreach (var (channel, counter) in approved)
            {
                TryRecord(() =>
                {
                    var fixedOp = Session.Operations.Fix(ResolveChannel(channel).ChannelId, counter, FirstName, LastName, Name, Email, Phone, Currency, CustomerGroup,
                        Street, City, ZipCode, Country, CustomerDraftCmdlet.Attributes(Attribute).ToList());
                    if (PassThru.IsPresent) WriteObject(fixedOp);
                }, counter);
            }
        }

        // -Confirm given either way: -Confirm:$false skips the question, -Confirm asked for each operation already.
        private bool ConfirmGiven() => MyInvocation.BoundParameters.ContainsKey("Confirm");

        private System.Collections.Generic.IEnumerable<string> Changes()
        {
            foreach (var p in new[] { nameof(FirstName), nameof(LastName), nameof(Name), nameof(Email), nameof(Phone), nameof(Currency), nameof(CustomerGroup), nameof(Street), nameof(City), nameof(ZipCode), nameof(Country), nameof(Attribute) })
            {
                if (!MyInvocation.BoundParameters.TryGetValue(p, out var v)) continue;
                yield return v is System.Collections.Hashtable h
                    ? p + " " + string.Join(", ", h.Keys.Cast<object>().Select(k => "'" + k + "'"))
                    : p + " '" + v + "'";
            }
        }
    }
}
