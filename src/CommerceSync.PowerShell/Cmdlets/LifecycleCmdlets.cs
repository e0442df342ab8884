using System;
using System.Linq;
using System.Management.Automation;
using CommerceSync.Services;
using CommerceSync.Storage;

namespace CommerceSync
{
    /// <summary>Creates a customer at a channel the way its POS would: in real time at HQ in sync mode, else async (or offline).</summary>
    [Cmdlet(VerbsCommon.New, "CommerceCustomer", SupportsShouldProcess = true)]
    [OutputType(typeof(Customer), typeof(AsyncCustomer))]
    public sealed class NewCommerceCustomer : CustomerDraftCmdlet
    {
        protected override void ProcessCommerceRecord()
        {
            var creation = new CustomerCreation(Db);
            var channel = Terminating(() => new ChannelStore(Db).Get(Channel), Channel);
            var mode = creation.ModeFor(channel);
            if (!ShouldProcess("channel " + channel.ChannelId, "Create customer (" + mode + ")")) return;
            TryRecord(() =>
            {
                var (created, how) = creation.Create(Draft());
                if (how == CreationMode.Asynchronous && !channel.AsyncCustomerMode)
                {
                    WriteWarning("HQ could not be reached, so channel " + channel.ChannelId + " created the customer in async mode; it shows as Pending sync until the P-job, the sync job and job 1010 run.");
                }
                WriteVerbose("Created the customer at channel " + channel.ChannelId + " (" + how + ").");
                WriteObject(created);
            }, Channel);
        }
    }

    /// <summary>The shared identity of the edit cmdlets: an async customer at its channel, or a synced customer by account number.</summary>
    public abstract class CustomerChangeCmdlet : CommerceCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public string Channel { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Async", ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AsyncCustomerIdCompleter))]
        public string AsyncCustomerId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Account", ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AccountNumberCompleter))]
        public string AccountNumber { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected string Target => (ParameterSetName == "Async" ? "async customer " + AsyncCustomerId : "customer " + AccountNumber) + " at channel " + Channel;

        protected void Append(AsyncCustomerChange change)
        {
            change.ChannelId = Channel;
            change.AsyncCustomerId = ParameterSetName == "Async" ? AsyncCustomerId : null;
            change.AccountNumber = ParameterSetName == "Account" ? AccountNumber : null;
            TryRecord(() =>
            {
                var appended = new AsyncCustomerStore(Db).AppendChange(change);
                WriteVerbose("Recorded operation " + (int)appended.Operation + " at " + appended.ChannelId + " with replication counter " + appended.ReplicationCounter + ".");
                if (PassThru.IsPresent) WriteObject(appended);
            }, AsyncCustomerId ?? AccountNumber);
        }
    }

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
            }, AsyncCustomerId ?? AccountNumber)) return;
            Append(change);
        }
    }

    /// <summary>Deactivates a customer at a POS: appends operation 3.</summary>
    [Cmdlet(VerbsLifecycle.Disable, "AsyncCustomer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "Async")]
    [OutputType(typeof(AsyncCustomerChange))]
    public sealed class DisableAsyncCustomer : CustomerChangeCmdlet
    {
        protected override void ProcessCommerceRecord()
        {
            if (!ShouldProcess(Target, "Deactivate (operation 3)")) return;
            Append(new AsyncCustomerChange { Operation = AsyncOperation.Deactivate });
        }
    }

    /// <summary>The "Customer synchronization status" page: async operations with their sync status and last known error.</summary>
    [Cmdlet(VerbsCommon.Get, "AsyncCustomerOperation")]
    [OutputType(typeof(AsyncCustomerOperation))]
    public sealed class GetAsyncCustomerOperation : CommerceCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public string[] Channel { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AsyncCustomerIdCompleter))]
        public string[] AsyncCustomerId { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(AccountNumberCompleter))]
        public string[] AccountNumber { get; set; }

        [Parameter]
        public OperationSyncStatus[] SyncStatus { get; set; }

        /// <summary>Customer, Address, Attribute, Contact or Affiliation.</summary>
        [Parameter]
        [ValidateSet("Customer", "Address", "Attribute", "Contact", "Affiliation")]
        public string[] Kind { get; set; }

        /// <summary>Only what the P-job has uploaded, as HQ's page shows it.</summary>
        [Parameter]
        public SwitchParameter Uploaded { get; set; }

        /// <summary>Only operations whose last known error matches one of these patterns (wildcards, e.g. '*email*').</summary>
        [Parameter]
        [SupportsWildcards]
        public string[] Error { get; set; }

        protected override void ProcessCommerceRecord()
        {
            var channels = ResolveChannels(Channel);
            if (channels != null && channels.Length == 0) return;
            WriteObject(new OperationStore(Db).Read(new OperationFilter
            {
                ChannelIds = channels,
                AsyncCustomerIds = GetCommerceTransaction.NonEmpty(AsyncCustomerId),
                AccountNumbers = GetCommerceTransaction.NonEmpty(AccountNumber),
                SyncStatuses = SyncStatus,
                Kinds = Kind,
                UploadedOnly = Uploaded.IsPresent,
                ErrorWildcards = Error,
            }), true);
        }
    }

    /// <summary>Corrects a failed uploaded operation at HQ and sets it back to pending, ready to synchronize again.</summary>
    [Cmdlet(VerbsCommon.Set, "AsyncCustomerOperation", SupportsShouldProcess = true)]
    [OutputType(typeof(AsyncCustomerOperation))]
    public sealed class SetAsyncCustomerOperation : CommerceCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public string Channel { get; set; }

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
                    var fixedOp = new OperationStore(Db).Fix(Terminating(() => new ChannelStore(Db).Get(channel)).ChannelId, counter, new OperationFix
                    {
                        FirstName = FirstName, LastName = LastName, Name = Name, Email = Email, Phone = Phone, Currency = Currency, CustomerGroup = CustomerGroup,
                        Street = Street, City = City, ZipCode = ZipCode, Country = Country,
                    });
                    if (PassThru.IsPresent) WriteObject(fixedOp);
                }, counter);
            }
        }

        // -Confirm given either way: -Confirm:$false skips the question, -Confirm asked for each operation already.
        private bool ConfirmGiven() => MyInvocation.BoundParameters.ContainsKey("Confirm");

        private System.Collections.Generic.IEnumerable<string> Changes()
        {
            foreach (var p in new[] { nameof(FirstName), nameof(LastName), nameof(Name), nameof(Email), nameof(Phone), nameof(Currency), nameof(CustomerGroup), nameof(Street), nameof(City), nameof(ZipCode), nameof(Country) })
            {
                if (MyInvocation.BoundParameters.TryGetValue(p, out var v)) yield return p + " '" + v + "'";
            }
        }
    }

    /// <summary>Searches customers as a store's POS does: the store's own view, or HQ across all stores.</summary>
    [Cmdlet(VerbsCommon.Find, "CommerceCustomer", DefaultParameterSetName = "Channel")]
    [OutputType(typeof(Customer))]
    public sealed class FindCommerceCustomer : CommerceCmdlet
    {
        /// <summary>Text in the name, email, phone or account number.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Search { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Channel", ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public string Channel { get; set; }

        /// <summary>Search HQ (every store's synced customers). Needs at least 4 characters; never finds a customer HQ has not received.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "AllStores")]
        public SwitchParameter AllStores { get; set; }

        protected override void ProcessCommerceRecord()
        {
            if (ParameterSetName == "AllStores")
            {
                if (Search.Trim().Length < CustomerRules.MinAllStoresSearchLength)
                {
                    WriteRecordError(ErrorIds.SearchTooShort, ErrorKind.InvalidArgument,
                        "A search across all stores needs at least " + CustomerRules.MinAllStoresSearchLength + " characters.", Search);
                    return;
                }
                WriteObject(new CustomerStore(Db).ReadHeadquarters(new CustomerFilter { Search = Search, IncludeDetails = false }), true);
                return;
            }
            var channel = Terminating(() => new ChannelStore(Db).Get(Channel), Channel);
            WriteObject(new CustomerStore(Db).ReadChannelView(channel.ChannelId, ChannelDatabaseKind.Channel, new CustomerFilter { Search = Search }), true);
        }
    }

    /// <summary>Issues a loyalty card at a channel; refused while the customer's account is still the async GUID.</summary>
    [Cmdlet(VerbsCommon.Add, "CommerceLoyaltyCard", SupportsShouldProcess = true, DefaultParameterSetName = "Account")]
    [OutputType(typeof(LoyaltyCard))]
    public sealed class AddCommerceLoyaltyCard : CommerceCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId", "ViewChannelId")]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public string Channel { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Account", ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AccountNumberCompleter))]
        public string AccountNumber { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Async", ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AsyncCustomerIdCompleter))]
        public string AsyncCustomerId { get; set; }

        protected override void ProcessCommerceRecord()
        {
            var who = AccountNumber ?? AsyncCustomerId;
            if (!ShouldProcess("customer " + who + " at channel " + Channel, "Issue a loyalty card")) return;
            TryRecord(() => WriteObject(new LoyaltyStore(Db).Issue(Channel, ParameterSetName == "Account" ? AccountNumber : null, ParameterSetName == "Async" ? AsyncCustomerId : null)), who);
        }
    }

    /// <summary>Changes store-wide settings: whether HQ can be reached in real time, and how long a job waits for another.</summary>
    [Cmdlet(VerbsCommon.Set, "CommerceStore", SupportsShouldProcess = true)]
    [OutputType(typeof(Store))]
    public sealed class SetCommerceStore : CommerceCmdlet
    {
        /// <summary>-HeadquartersAvailable:$false rehearses HQ being unreachable: sync-mode channels fall back to async creation.</summary>
        [Parameter]
        public SwitchParameter HeadquartersAvailable { get; set; }

        /// <summary>Seconds a job waits for another job's write before failing with StoreBusy (every process that opens the store).</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int BusyTimeout { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessCommerceRecord()
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(BusyTimeout)))
            {
                if (!ShouldProcess(Db.Path, "Set the busy timeout to " + BusyTimeout + " s")) return;
                Terminating(() => { Db.SetBusyTimeoutSetting(TimeSpan.FromSeconds(BusyTimeout)); return 0; });
            }
            if (MyInvocation.BoundParameters.ContainsKey(nameof(HeadquartersAvailable)))
            {
                if (!ShouldProcess(Db.Path, "Set headquarters " + (HeadquartersAvailable.IsPresent ? "available" : "unavailable"))) return;
                Terminating(() => { Db.SetSetting(CustomerCreation.HeadquartersAvailableSetting, HeadquartersAvailable.IsPresent ? "true" : "false"); return 0; });
            }
            if (PassThru.IsPresent) WriteObject(StoreInfo.Describe(Db, StoreResolution.Resolve(Store, SessionState).Source));
        }
    }
}
