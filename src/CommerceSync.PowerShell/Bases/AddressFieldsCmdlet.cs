using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>
    /// The fields of an address a POS records for a customer (New-AsyncCustomerAddress adds one, Set-AsyncCustomerAddress
    /// edits one); each binds by property name, so addresses and CSV rows pipe in.
    /// </summary>
    public abstract class AddressFieldsCmdlet : CustomerIdentityCmdlet
    {
        protected override bool TakesRows => true;

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

        /// <summary>Home, Business, Delivery, Invoice, Payment, Statement, Service or Other.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AddressPurposeCompleter))]
        public string Purpose { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter IsPrimary { get; set; }

        /// <summary>The address as given on this call, for the customer of the parameter set used.</summary>
        protected AsyncAddress GivenAddress(string addressId, string name) => new AsyncAddress
        {
            ChannelId = Channel,
            AsyncCustomerId = GivenAsyncCustomerId,
            AccountNumber = GivenAccountNumber,
            AddressId = addressId, Name = name, Street = Street, StreetNumber = StreetNumber, City = City, County = County,
            State = State, ZipCode = ZipCode, Country = Country, Purpose = Purpose, IsPrimary = IsPrimary.IsPresent,
        };
    }
}
