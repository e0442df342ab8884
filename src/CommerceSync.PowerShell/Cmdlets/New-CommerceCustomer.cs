using System.Management.Automation;
using CommerceSync.Services;

namespace CommerceSync
{
    /// <summary>Creates a customer at a channel the way its POS would: in real time at HQ in sync mode, else async (or offline).</summary>
    [Cmdlet(VerbsCommon.New, "CommerceCustomer", SupportsShouldProcess = true)]
    [OutputType(typeof(Customer), typeof(AsyncCustomer))]
    public sealed class NewCommerceCustomer : CustomerDraftCmdlet
    {
        private CustomerCreation creation;

        protected override void ProcessCommerceRecord()
        {
            creation = creation ?? new CustomerCreation(Session.Database); // one for the call: the feature switches read once
            var channel = ResolveChannel(Channel);
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
}
