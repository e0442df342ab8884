using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Edits an address at a POS in async mode: appends an update operation (2) to the address log.</summary>
    [Cmdlet(VerbsCommon.Set, "AsyncCustomerAddress", SupportsShouldProcess = true, DefaultParameterSetName = "Async")]
    [OutputType(typeof(AsyncAddress))]
    public sealed class SetAsyncCustomerAddress : AddressFieldsCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AddressIdCompleter))]
        public string AddressId { get; set; }

        /// <summary>Not taken from the pipeline: a customer piped in would give its own name to the address.</summary>
        [Parameter]
        public string Name { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessCommerceRecord()
        {
            if (!ShouldProcess("address " + AddressId + " of customer " + Owner + " at channel " + Channel, "Record an address edit (update operation)")) return;
            // A switch left out keeps the flag; -IsPrimary or -IsPrimary:$false sets it.
            bool? isPrimary = MyInvocation.BoundParameters.ContainsKey(nameof(IsPrimary)) ? IsPrimary.IsPresent : (bool?)null;
            TryRecord(() =>
            {
                var row = Session.AsyncCustomers.UpdateAddress(GivenAddress(AddressId, Name), isPrimary);
                WriteVerbose("Recorded operation 2 for address " + row.AddressId + " at " + row.ChannelId + " with replication counter " + row.ReplicationCounter + ".");
                if (PassThru.IsPresent) WriteObject(row);
            }, Owner);
        }
    }
}
