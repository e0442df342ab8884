using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>The "Customer synchronization status" page: async operations with their sync status and last known error.</summary>
    [Cmdlet(VerbsCommon.Get, "AsyncCustomerOperation")]
    [OutputType(typeof(AsyncCustomerOperation))]
    public sealed class GetAsyncCustomerOperation : ChannelScopedCmdlet
    {
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
            if (!TryResolveChannels(Channel, out var channels)) return;
            WriteObject(Session.Operations.Read(channels, FilterValues.NonEmpty(AsyncCustomerId), FilterValues.NonEmpty(AccountNumber),
                SyncStatus, Kind, Uploaded.IsPresent, Error), true);
        }
    }
}
