using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using CommerceSync.Rules;

namespace CommerceSync
{
    /// <summary>The customer a POS fills in: names, contacts, group, one address by its parts or several as hashtables, attributes.</summary>
    public abstract class CustomerDraftCmdlet : CommerceCmdlet
    {
        protected override bool TakesRows => true;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string Channel { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string FirstName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string MiddleName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string LastName { get; set; }

        /// <summary>Full name; for an organization, its name. Default: the name parts joined.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Name { get; set; }

        /// <summary>Default: the store's default customer's type, else Person.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public RelationshipType RelationshipType { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Email { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Phone { get; set; }

        /// <summary>Default: the channel's default customer group.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(CustomerGroupCompleter))]
        public string CustomerGroup { get; set; }

        /// <summary>Default: the channel's default currency.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(CurrencyCompleter))]
        public string Currency { get; set; }

        /// <summary>Default: the store's default customer's language.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Language { get; set; }

        /// <summary>How the customer wants receipts. Default: the store's default customer's option.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public ReceiptOption ReceiptOption { get; set; }

        /// <summary>Where emailed receipts go. Default: the store's default customer's receipt email.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string ReceiptEmail { get; set; }

        /// <summary>Addresses as hashtables with Street, StreetNumber, City, County, State, ZipCode, Country, Purpose, IsPrimary, Name, AddressId.</summary>
        [Parameter]
        public Hashtable[] Address { get; set; }

        /// <summary>One address given by its parts (handy with Import-Csv).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Street { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string City { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string State { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("PostalCode", "Zip")]
        public string ZipCode { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("CountryRegion")]
        public string Country { get; set; }

        /// <summary>Attributes as name = value: strings are text, integers integer, decimals/doubles decimal, booleans boolean.</summary>
        [Parameter]
        public Hashtable Attribute { get; set; }

        /// <summary>The customer as the POS captured it (checked and completed by the store's Prepare).</summary>
        protected AsyncCustomer Draft(string asyncCustomerId = null) => new CustomerDraft
        {
            Channel = Channel, AsyncCustomerId = asyncCustomerId,
            FirstName = FirstName, MiddleName = MiddleName, LastName = LastName, Name = Name,
            RelationshipType = Given(nameof(RelationshipType)) ? RelationshipType : (RelationshipType?)null,
            ReceiptOption = Given(nameof(ReceiptOption)) ? ReceiptOption : (ReceiptOption?)null, ReceiptEmail = ReceiptEmail,
            Email = Email, Phone = Phone, CustomerGroup = CustomerGroup, Currency = Currency, Language = Language,
            Street = Street, City = City, State = State, ZipCode = ZipCode, Country = Country,
        }.ToAsyncCustomer((Address ?? Array.Empty<Hashtable>()).Select(AddressFromHashtable), Attributes(Attribute));

        internal static string Blank(string s) => CustomerDraft.Blank(s);

        // Bound for this record (PowerShell unbinds what the previous pipeline object bound by property name).
        private bool Given(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);

        internal static AsyncAddress AddressFromHashtable(Hashtable h)
        {
            var a = new AsyncAddress();
            foreach (DictionaryEntry e in h)
            {
                var key = Convert.ToString(e.Key, CultureInfo.InvariantCulture);
                var value = e.Value == null ? null : Convert.ToString(e.Value is PSObject p ? p.BaseObject : e.Value, CultureInfo.InvariantCulture);
                switch (key.ToLowerInvariant())
                {
                    case "street": a.Street = value; break;
                    case "streetnumber": a.StreetNumber = value; break;
                    case "city": a.City = value; break;
                    case "county": a.County = value; break;
                    case "state": a.State = value; break;
                    case "zipcode": case "zip": case "postalcode": a.ZipCode = value; break;
                    case "country": case "countryregion": a.Country = value; break;
                    case "purpose": a.Purpose = value; break;
                    case "name": a.Name = value; break;
                    case "addressid": a.AddressId = value; break;
                    case "isprimary": a.IsPrimary = LanguagePrimitives.IsTrue(e.Value); break;
                    default:
                        throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument,
                            "Unknown address field '" + key + "'. Use Street, StreetNumber, City, County, State, ZipCode, Country, Purpose, IsPrimary, Name or AddressId.", key);
                }
            }
            return a;
        }

        internal static IEnumerable<CustomerAttribute> Attributes(Hashtable attributes)
        {
            if (attributes == null) yield break;
            foreach (DictionaryEntry e in attributes)
            {
                yield return CustomerRules.ToAttribute(Convert.ToString(e.Key, CultureInfo.InvariantCulture), e.Value is PSObject p ? p.BaseObject : e.Value);
            }
        }
    }
}
