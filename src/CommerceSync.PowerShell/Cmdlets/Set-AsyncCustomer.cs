using System.Linq;
using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Edits a customer at a POS: appends an update operation, for an async customer or a synced one.</summary>
    [Cmdlet(VerbsCommon.Set, "AsyncCustomer", SupportsShouldProcess = true, DefaultParameterSetName = "Async")]
    [OutputType(typeof(AsyncCustomerChange))]
    public sealed class SetAsyncCustomer : CustomerChangeCmdlet
    {
        [Parameter] public string FirstName { get; set; }
        [Parameter] public string MiddleName { get; set; }
        [Parameter] public string LastName { get; set; }
        [Parameter] public string Name { get; set; }
        [Parameter] public string Email { get; set; }
        [Parameter] public string Phone { get; set; }
        [Parameter, ArgumentCompleter(typeof(CustomerGroupCompleter))] public string CustomerGroup { get; set; }
        [Parameter, ArgumentCompleter(typeof(CurrencyCompleter))] public string Currency { get; set; }
        [Parameter] public string Language { get; set; }

        /// <summary>Attributes to set, as name = value.</summary>
        [Parameter] public System.Collections.Hashtable Attribute { get; set; }

        /// <summary>Extra email addresses (contacts).</summary>
        [Parameter] public string[] AddEmail { get; set; }

        /// <summary>Extra phone numbers (contacts).</summary>
        [Parameter] public string[] AddPhone { get; set; }

        /// <summary>Affiliations to add (e.g. Employee, Student).</summary>
        [Parameter]
        [ValidateSet("Employee", "Student", "Senior", "Military", "Wholesale", "Loyalty")]
        public string[] Affiliation { get; set; }

        [Parameter]
        [ValidateSet("Employee", "Student", "Senior", "Military", "Wholesale", "Loyalty")]
        public string[] RemoveAffiliation { get; set; }

        protected override void ProcessCommerceRecord()
        {
            if (!FeaturesAllow()) return;
            if (!ShouldProcess(Target, "Record an edit (update operation)")) return;
            AsyncCustomerChange change = null;
            if (!TryRecord(() => change = new AsyncCustomerChange
            {
                Operation = AsyncOperation.Update,
                FirstName = CustomerDraftCmdlet.Blank(FirstName), MiddleName = CustomerDraftCmdlet.Blank(MiddleName), LastName = CustomerDraftCmdlet.Blank(LastName),
                Name = CustomerDraftCmdlet.Blank(Name), Email = CustomerDraftCmdlet.Blank(Email), Phone = CustomerDraftCmdlet.Blank(Phone),
                CustomerGroup = CustomerDraftCmdlet.Blank(CustomerGroup), Currency = CustomerDraftCmdlet.Blank(Currency), Language = CustomerDraftCmdlet.Blank(Language),
                Attributes = CustomerDraftCmdlet.Attributes(Attribute).ToArray(),
                Contacts = (AddEmail ?? new string[0]).Select(e => new CustomerContact { Type = ContactType.Email, Locator = e })
                    .Concat((AddPhone ?? new string[0]).Select(p => new CustomerContact { Type = ContactType.Phone, Locator = p })).ToArray(),
                Affiliations = Affiliation,
                RemovedAffiliations = RemoveAffiliation,
            }, Owner)) return;
            Append(change);
        }
    }
}
