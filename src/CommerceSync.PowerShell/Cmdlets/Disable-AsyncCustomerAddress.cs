using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Deactivates an address at a POS in async mode: appends operation 3 to the address log.</summary>
    [Cmdlet(VerbsLifecycle.Disable, "AsyncCustomerAddress", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "Async")]
    [OutputType(typeof(AsyncAddress))]
    public sealed class DisableAsyncCustomerAddress : CustomerIdentityCmdlet
    {
        protected override bool TakesRows => true;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AddressIdCompleter))]
        public string AddressId { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessCommerceRecord()
        {
            // Refused as the deactivation itself would be, before -WhatIf says what it would do.
            if (!TryRecord(() => Session.AsyncCustomers.RequireAddressChanges(), Owner)) return;
            if (!ShouldProcess("address " + AddressId + " of customer " + Owner + " at channel " + Channel, "Deactivate address (operation 3)")) return;
            TryRecord(() =>
            {
                var row = Session.AsyncCustomers.DisableAddress(new AsyncAddress
                {
                    ChannelId = Channel, AsyncCustomerId = GivenAsyncCustomerId, AccountNumber = GivenAccountNumber, AddressId = AddressId,
                });
                WriteVerbose("Recorded operation 3 for address " + row.AddressId + " at " + row.ChannelId + " with replication counter " + row.ReplicationCounter + ".");
                if (PassThru.IsPresent) WriteObject(row);
            }, Owner);
        }
    }
}
