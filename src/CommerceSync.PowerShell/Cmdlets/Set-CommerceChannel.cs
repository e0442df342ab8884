using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Changes a channel's settings.</summary>
    [Cmdlet(VerbsCommon.Set, "CommerceChannel", SupportsShouldProcess = true)]
    [OutputType(typeof(Channel))]
    public sealed class SetCommerceChannel : ChannelTargetCmdlet
    {
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

        /// <summary>The country/region of the store's operating unit: addresses recorded from now on without one take it.</summary>
        [Parameter]
        [Alias("CountryRegion")]
        public string Country { get; set; }

        /// <summary>The store's default customer (an HQ account of its legal entity); an empty string takes it away.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(AccountNumberCompleter))]
        public string DefaultCustomer { get; set; }

        /// <summary>How the channel creates customer orders from now on: Asynchronous, Synchronous or RealTimeWithAsyncBackup (customer-orders-overview.md).</summary>
        [Parameter]
        public CustomerOrderMode CustomerOrderMode { get; set; }

        /// <summary>The channel database group its database belongs to from now on: job 1010 sends to it only if its schedule names the group.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(DatabaseGroupCompleter))]
        [ValidateNotNullOrEmpty]
        public string DatabaseGroup { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessCommerceRecord()
        {
            if (!ShouldProcess(Channel, "Change channel settings")) return;
            TryRecord(() =>
            {
                var updated = Session.Channels.Update(Channel, Name,
                    Flag(nameof(AsyncCustomerMode), AsyncCustomerMode), Flag(nameof(OfflineDatabase), OfflineDatabase),
                    DefaultCustomerGroup, DefaultCurrency, Flag(nameof(Offline), Offline), Flag(nameof(FilterSharedCustomerData), FilterSharedCustomerData), WriteVerbose, Country, DefaultCustomer,
                    MyInvocation.BoundParameters.ContainsKey(nameof(CustomerOrderMode)) ? CustomerOrderMode : (CustomerOrderMode?)null, DatabaseGroup);
                if (PassThru.IsPresent) WriteObject(updated);
            }, Channel);
        }

        private bool? Flag(string name, SwitchParameter value) => MyInvocation.BoundParameters.ContainsKey(name) ? value.IsPresent : (bool?)null;
    }
}
