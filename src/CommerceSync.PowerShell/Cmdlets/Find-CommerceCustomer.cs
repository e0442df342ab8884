using System.Management.Automation;
using CommerceSync.Rules;

namespace CommerceSync
{
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
                WriteObject(Session.Customers.AtHeadquarters(search: Search, includeDetails: false), true);
                return;
            }
            var channel = ResolveChannel(Channel);
            WriteObject(Session.Customers.AtChannel(channel.ChannelId, ChannelDatabaseKind.Channel, search: Search), true);
        }
    }
}
