using System;
using System.Management.Automation;
using CommerceSync.Services;

namespace CommerceSync
{
    /// <summary>Changes store-wide settings: statement posting mode, whether HQ can be reached in real time, how long a job waits for another.</summary>
    [Cmdlet(VerbsCommon.Set, "CommerceStore", SupportsShouldProcess = true)]
    [OutputType(typeof(Store))]
    public sealed class SetCommerceStore : CommerceCmdlet
    {
        /// <summary>-HeadquartersAvailable:$false rehearses HQ being unreachable: sync-mode channels fall back to async creation, real-time customer orders are refused or take the asynchronous path.</summary>
        [Parameter]
        public SwitchParameter HeadquartersAvailable { get; set; }

        /// <summary>Seconds a job waits for another job's write before failing with StoreBusy (every process that opens the store).</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int BusyTimeout { get; set; }

        /// <summary>
        /// The customer attribute group of the Commerce parameters (customer-attributes.md): only its attributes are taken, each
        /// as defined. An empty string clears it: attributes are free text again.
        /// </summary>
        [Parameter]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(AttributeGroupCompleter))]
        public string CustomerAttributeGroup { get; set; }

        /// <summary>
        /// Legacy: one statement per store and day at end of day, posted whole or not at all. TrickleFeed: validated sales post in
        /// transactional statements as often as posting runs, a financial statement closes each day (trickle-feed.md).
        /// </summary>
        [Parameter]
        public StatementPostingMode StatementPostingMode { get; set; }

        /// <summary>
        /// The channel schema's "Filter shared customer data tables": -FilterSharedCustomerData turns it on for every channel (and
        /// those created later), so no register creates customers offline; -FilterSharedCustomerData:$false turns it off for all.
        /// </summary>
        [Parameter]
        public SwitchParameter FilterSharedCustomerData { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessCommerceRecord()
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(BusyTimeout)))
            {
                if (!ShouldProcess(Session.Maintenance.Location, "Set the busy timeout to " + BusyTimeout + " s")) return;
                Terminating(() => { Session.Maintenance.SetBusyTimeout(TimeSpan.FromSeconds(BusyTimeout)); return 0; });
            }
            if (MyInvocation.BoundParameters.ContainsKey(nameof(StatementPostingMode)))
            {
                if (!ShouldProcess(Session.Maintenance.Location, "Set statement posting to " + StatementPostingMode)) return;
                Terminating(() => { Session.Maintenance.SetStatementPostingMode(StatementPostingMode); return 0; });
            }
            if (MyInvocation.BoundParameters.ContainsKey(nameof(HeadquartersAvailable)))
            {
                if (!ShouldProcess(Session.Maintenance.Location, "Set headquarters " + (HeadquartersAvailable.IsPresent ? "available" : "unavailable"))) return;
                Terminating(() => { Session.Maintenance.SetHeadquartersAvailable(HeadquartersAvailable.IsPresent); return 0; });
            }
            if (MyInvocation.BoundParameters.ContainsKey(nameof(FilterSharedCustomerData)))
            {
                if (!ShouldProcess(Session.Maintenance.Location, (FilterSharedCustomerData.IsPresent ? "Turn on" : "Turn off") + " 'Filter shared customer data tables' for every channel")) return;
                Terminating(() => { Session.Maintenance.SetFilterSharedCustomerData(FilterSharedCustomerData.IsPresent); return 0; });
            }
            if (MyInvocation.BoundParameters.ContainsKey(nameof(CustomerAttributeGroup)))
            {
                var clear = string.IsNullOrWhiteSpace(CustomerAttributeGroup);
                if (!ShouldProcess(Session.Maintenance.Location, clear ? "Clear the customer attribute group (attributes are free text)" : "Set the customer attribute group to " + CustomerAttributeGroup)) return;
                Terminating(() => { Session.CustomerAttributes.SetGroup(CustomerAttributeGroup); return 0; });
            }
            if (PassThru.IsPresent) WriteObject(Session.Maintenance.Describe(StoreResolution.Resolve(Store, SessionState).Source));
        }
    }
}
