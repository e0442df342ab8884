using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Edits an address at a POS in async mode: appends an update operation (2) to the address log.</summary>
    /// <remarks>
    /// Only the keys (channel, customer, AddressId) come from the pipeline; the values to change come only from the command
    /// line, as for Set-AsyncCustomer: an address piped in carries every field as it was read, and binding those would put
    /// back what a later edit changed.
    /// </remarks>
    [Cmdlet(VerbsCommon.Set, "AsyncCustomerAddress", SupportsShouldProcess = true, DefaultParameterSetName = "Async")]
    [OutputType(typeof(AsyncAddress))]
    public sealed class SetAsyncCustomerAddress : CustomerIdentityCmdlet
    {
        protected override bool TakesRows => true;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AddressIdCompleter))]
        public string AddressId { get; set; }

        [Parameter] public string Name { get; set; }
        [Parameter] public string Street { get; set; }
        [Parameter] public string StreetNumber { get; set; }
        [Parameter] public string City { get; set; }
        [Parameter] public string County { get; set; }
        [Parameter] public string State { get; set; }
        [Parameter, Alias("PostalCode", "Zip")] public string ZipCode { get; set; }
        [Parameter, Alias("CountryRegion")] public string Country { get; set; }
        [Parameter, ArgumentCompleter(typeof(AddressPurposeCompleter))] public string Purpose { get; set; }
        [Parameter] public SwitchParameter IsPrimary { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessCommerceRecord()
        {
            // Refused as the edit itself would be, before -WhatIf says what it would do.
            if (!TryRecord(() => Session.AsyncCustomers.RequireAddressChanges(), Owner)) return;
            if (!ShouldProcess("address " + AddressId + " of customer " + Owner + " at channel " + Channel, "Record an address edit (update operation)")) return;
            // A switch left out keeps the flag; -IsPrimary or -IsPrimary:$false sets it.
            bool? isPrimary = MyInvocation.BoundParameters.ContainsKey(nameof(IsPrimary)) ? IsPrimary.IsPresent : (bool?)null;
            TryRecord(() =>
            {
                var row = Session.AsyncCustomers.UpdateAddress(new AsyncAddress
                {
                    ChannelId = Channel, AsyncCustomerId = GivenAsyncCustomerId, AccountNumber = GivenAccountNumber, AddressId = AddressId,
                    Name = Name, Street = Street, StreetNumber = StreetNumber, City = City, County = County, State = State, ZipCode = ZipCode,
                    Country = Country, Purpose = Purpose,
                }, isPrimary);
                WriteVerbose("Recorded operation 2 for address " + row.AddressId + " at " + row.ChannelId + " with replication counter " + row.ReplicationCounter + ".");
                if (PassThru.IsPresent) WriteObject(row);
            }, Owner);
        }
    }
}
