using System.Management.Automation;
using CommerceSync.Storage;

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

        protected override void ProcessCommerceRecord()
        {
            if (!ShouldProcess(ChannelId, "Create channel")) return;
            TryRecord(() => WriteObject(new ChannelStore(Db).Add(new Channel
            {
                ChannelId = ChannelId,
                Name = Name,
                DataAreaId = DataAreaId,
                AsyncCustomerMode = AsyncCustomerMode.IsPresent,
                OfflineDatabase = OfflineDatabase.IsPresent,
                DefaultCustomerGroup = DefaultCustomerGroup,
                DefaultCurrency = DefaultCurrency,
                FilterSharedCustomerData = FilterSharedCustomerData.IsPresent,
            })), ChannelId);
        }
    }

    /// <summary>Lists channels.</summary>
    [Cmdlet(VerbsCommon.Get, "CommerceChannel")]
    [OutputType(typeof(Channel))]
    public sealed class GetCommerceChannel : CommerceCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public string[] Channel { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(DataAreaIdCompleter))]
        public string DataAreaId { get; set; }

        protected override void ProcessCommerceRecord()
        {
            var store = new ChannelStore(Db);
            if (Channel == null || Channel.Length == 0)
            {
                WriteObject(store.List(null, DataAreaId), true);
                return;
            }
            foreach (var c in Channel)
            {
                var found = store.List(c, DataAreaId);
                if (found.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(c))
                {
                    WriteError(ToErrorRecord(ChannelStore.NotFound(c)));
                }
                WriteObject(found, true);
            }
        }
    }

    /// <summary>Changes a channel's settings.</summary>
    [Cmdlet(VerbsCommon.Set, "CommerceChannel", SupportsShouldProcess = true)]
    [OutputType(typeof(Channel))]
    public sealed class SetCommerceChannel : CommerceCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public string Channel { get; set; }

        [Parameter]
        public string Name { get; set; }

        /// <summary>-AsyncCustomerMode turns async creation on, -AsyncCustomerMode:$false off.</summary>
        [Parameter]
        public SwitchParameter AsyncCustomerMode { get; set; }

        [Parameter]
        public SwitchParameter OfflineDatabase { get; set; }

        [Parameter]

        [ArgumentCompleter(typeof(CustomerGroupCompleter))]
        public string DefaultCustomerGroup { get; set; }

        [Parameter]

        [ArgumentCompleter(typeof(CurrencyCompleter))]
        public string DefaultCurrency { get; set; }

        /// <summary>-Offline takes the registers offline (new customers go to the offline database); -Offline:$false brings them back and moves those customers to the channel database.</summary>
        [Parameter]
        public SwitchParameter Offline { get; set; }

        [Parameter]
        public SwitchParameter FilterSharedCustomerData { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessCommerceRecord()
        {
            if (!ShouldProcess(Channel, "Change channel settings")) return;
            TryRecord(() =>
            {
                var updated = new ChannelStore(Db).Update(Channel, Name,
                    Flag(nameof(AsyncCustomerMode), AsyncCustomerMode), Flag(nameof(OfflineDatabase), OfflineDatabase),
                    DefaultCustomerGroup, DefaultCurrency, Flag(nameof(Offline), Offline), Flag(nameof(FilterSharedCustomerData), FilterSharedCustomerData), WriteVerbose);
                if (PassThru.IsPresent) WriteObject(updated);
            }, Channel);
        }

        private bool? Flag(string name, SwitchParameter value) => MyInvocation.BoundParameters.ContainsKey(name) ? value.IsPresent : (bool?)null;
    }
}
