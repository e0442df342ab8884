using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Creates a channel (store).</summary>
    [Cmdlet(VerbsCommon.New, "CommerceChannel", SupportsShouldProcess = true)]
    [OutputType(typeof(Channel))]
    public sealed class NewCommerceChannel : CommerceCmdlet
    {
        protected override bool TakesRows => true;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Channel")]
        [ValidateNotNullOrEmpty]
        public string ChannelId { get; set; }

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        public string Name { get; set; }

        /// <summary>Legal entity. Default: USRT.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(DataAreaIdCompleter))]
        public string DataAreaId { get; set; }

        /// <summary>Functionality profile "Create customer in async mode".</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter AsyncCustomerMode { get; set; }

        /// <summary>The channel's registers keep an offline database.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter OfflineDatabase { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]

        [ArgumentCompleter(typeof(CustomerGroupCompleter))]
        public string DefaultCustomerGroup { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]

        [ArgumentCompleter(typeof(CurrencyCompleter))]
        public string DefaultCurrency { get; set; }

        /// <summary>The channel schema's "Filter shared customer data tables": customers cannot be created offline.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter FilterSharedCustomerData { get; set; }

        /// <summary>The country/region of the store's operating unit (USA, DEU): an address a POS records without one takes it.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("CountryRegion")]
        public string Country { get; set; }

        /// <summary>The store's default customer: an account HQ already has in the channel's legal entity.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AccountNumberCompleter))]
        public string DefaultCustomer { get; set; }

        /// <summary>
        /// How the channel creates customer orders (customer-orders-overview.md): Asynchronous (default; the P-job and Synchronize
        /// orders make the sales order), Synchronous (at HQ at once), RealTimeWithAsyncBackup (real time, else asynchronous).
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public CustomerOrderMode CustomerOrderMode { get; set; }

        /// <summary>The channel database group its database belongs to (distribution schedules send to groups). Default: Default.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(DatabaseGroupCompleter))]
        public string DatabaseGroup { get; set; }

        protected override void ProcessCommerceRecord()
        {
            if (!ShouldProcess(ChannelId, "Create channel")) return;
            TryRecord(() => WriteObject(Session.Channels.Add(new Channel
            {
                ChannelId = ChannelId,
                Name = Name,
                DataAreaId = DataAreaId,
                AsyncCustomerMode = AsyncCustomerMode.IsPresent,
                OfflineDatabase = OfflineDatabase.IsPresent,
                DefaultCustomerGroup = DefaultCustomerGroup,
                DefaultCurrency = DefaultCurrency,
                FilterSharedCustomerData = FilterSharedCustomerData.IsPresent,
                Country = Country,
                DefaultCustomer = DefaultCustomer,
                CustomerOrderMode = CustomerOrderMode,
                DatabaseGroup = DatabaseGroup,
            })), ChannelId);
        }
    }
}
