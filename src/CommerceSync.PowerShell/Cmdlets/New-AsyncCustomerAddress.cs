using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Adds an address at a POS in async mode, to an async customer or to a synced customer.</summary>
    [Cmdlet(VerbsCommon.New, "AsyncCustomerAddress", SupportsShouldProcess = true, DefaultParameterSetName = "Async")]
    [OutputType(typeof(AsyncAddress))]
    public sealed class NewAsyncCustomerAddress : CustomerIdentityCmdlet
    {
        protected override bool TakesRows => true;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AddressIdCompleter))]
        public string AddressId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Name { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Street { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string StreetNumber { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string City { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string County { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string State { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("PostalCode", "Zip")]
        public string ZipCode { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("CountryRegion")]
        public string Country { get; set; }

        /// <summary>Home, Business, Delivery, Invoice, Payment, Statement, Service or Other. Default: Home.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AddressPurposeCompleter))]
        public string Purpose { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter IsPrimary { get; set; }

        protected override void ProcessCommerceRecord()
        {
            // Refused as the address itself would be, before -WhatIf says what it would do.
            if (!TryRecord(() => Session.AsyncCustomers.RequireAddressAdd(Owner), Owner)) return;
            if (!ShouldProcess("customer " + Owner + " at channel " + Channel, "Add address")) return;
            TryRecord(() => WriteObject(Session.AsyncCustomers.AddAddress(new AsyncAddress
            {
                ChannelId = Channel,
                AsyncCustomerId = GivenAsyncCustomerId,
                AccountNumber = GivenAccountNumber,
                AddressId = AddressId, Name = Name, Street = Street, StreetNumber = StreetNumber, City = City, County = County,
                State = State, ZipCode = ZipCode, Country = Country, Purpose = Purpose, IsPrimary = IsPrimary.IsPresent,
            })), Owner);
        }
    }
}
