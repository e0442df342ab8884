using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Adds an address at a POS in async mode, to an async customer or to a synced customer.</summary>
    [Cmdlet(VerbsCommon.New, "AsyncCustomerAddress", SupportsShouldProcess = true, DefaultParameterSetName = "Async")]
    [OutputType(typeof(AsyncAddress))]
    public sealed class NewAsyncCustomerAddress : AddressFieldsCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AddressIdCompleter))]
        public string AddressId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Name { get; set; }

        protected override void ProcessCommerceRecord()
        {
            if (!ShouldProcess("customer " + Owner + " at channel " + Channel, "Add address")) return;
            TryRecord(() => WriteObject(Session.AsyncCustomers.AddAddress(GivenAddress(AddressId, Name))), Owner);
        }
    }
}
