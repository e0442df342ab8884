using System.Management.Automation;

namespace CommerceSync
{
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
            TryRecord(() => WriteObject(Session.LoyaltyCards.Issue(Channel, ParameterSetName == "Account" ? AccountNumber : null, ParameterSetName == "Async" ? AsyncCustomerId : null)), who);
        }
    }
}
