using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>What the edit cmdlets share: an operation appended for the customer at its channel, returned with -PassThru.</summary>
    public abstract class CustomerChangeCmdlet : CustomerIdentityCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected string Target => (ParameterSetName == "Async" ? "async customer " + AsyncCustomerId : "customer " + AccountNumber) + " at channel " + Channel;

        /// <summary>
        /// Refuses (as a record error) what the feature switches would refuse for this customer, before -WhatIf says what it
        /// would do; false when refused.
        /// </summary>
        protected bool FeaturesAllow() =>
            TryRecord(() => Session.AsyncCustomers.RequireChange(new AsyncCustomerChange { AsyncCustomerId = GivenAsyncCustomerId, AccountNumber = GivenAccountNumber }), Owner);

        protected void Append(AsyncCustomerChange change)
        {
            change.ChannelId = Channel;
            change.AsyncCustomerId = GivenAsyncCustomerId;
            change.AccountNumber = GivenAccountNumber;
            TryRecord(() =>
            {
                var appended = Session.AsyncCustomers.Change(change);
                WriteVerbose("Recorded operation " + (int)appended.Operation + " at " + appended.ChannelId + " with replication counter " + appended.ReplicationCounter + ".");
                if (PassThru.IsPresent) WriteObject(appended);
            }, Owner);
        }
    }
}
