using System;
using System.Linq;
using System.Management.Automation;
using CommerceSync.Services;
using CommerceSync.Storage;

namespace CommerceSync
{
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
}
