using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Customers at HQ, or as one channel database sees them.</summary>
    [Cmdlet(VerbsCommon.Get, "CommerceCustomer", DefaultParameterSetName = "Headquarters")]
    [OutputType(typeof(Customer))]
    public sealed class GetCommerceCustomer : CommerceCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AccountNumberCompleter))]
        public string[] AccountNumber { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AsyncCustomerIdCompleter))]
        public string[] AsyncCustomerId { get; set; }

        [Parameter]
        [SupportsWildcards]
        public string Name { get; set; }

        /// <summary>Show what these channels' databases hold (async customers as "Pending sync" until job 1010 delivers them); wildcards allowed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Channel", ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public string[] Channel { get; set; }

        /// <summary>With -Channel: the registers' offline database instead of the channel database.</summary>
        [Parameter(ParameterSetName = "Channel")]
        public SwitchParameter Offline { get; set; }

        protected override void ProcessCommerceRecord()
        {
            var accounts = FilterValues.NonEmpty(AccountNumber);
            var asyncIds = FilterValues.NonEmpty(AsyncCustomerId);
            if (ParameterSetName == "Channel")
            {
                foreach (var id in ResolveChannels(Channel))
                {
                    var channel = ResolveChannel(id);
                    if (Offline.IsPresent && !channel.OfflineDatabase)
                    {
                        WriteWarning("Channel " + channel.ChannelId + " has no offline database.");
                    }
                    WriteFound(Session.Customers.AtChannel(channel.ChannelId, Offline.IsPresent ? ChannelDatabaseKind.Offline : ChannelDatabaseKind.Channel, accounts, asyncIds, Name), accounts, asyncIds);
                }
                return;
            }
            WriteFound(Session.Customers.AtHeadquarters(accounts, asyncIds, Name), accounts, asyncIds);
        }

        // Customers named by account number or async id. One that the store has nowhere (no such account at HQ, no such
        // async customer at any channel) is a non-terminating ...NotFound error; one that exists but has not reached this
        // view yet (before the sync job, before job 1010) is simply not listed: that is the answer, not an error.
        private void WriteFound(IEnumerable<Customer> customers, string[] accounts, string[] asyncIds)
        {
            if (accounts == null && asyncIds == null)
            {
                WriteObject(customers, true);
                return;
            }
            var list = customers.ToList();
            WriteObject(list, true);
            var missingAccounts = (accounts ?? Array.Empty<string>())
                .Where(a => !list.Any(c => string.Equals(c.AccountNumber, a, StringComparison.OrdinalIgnoreCase))).ToArray();
            if (missingAccounts.Length > 0)
            {
                var atHq = Session.Customers.AtHeadquarters(missingAccounts).Select(c => c.AccountNumber).ToList();
                foreach (var a in missingAccounts.Where(a => !atHq.Contains(a, StringComparer.OrdinalIgnoreCase)))
                {
                    WriteRecordError(ErrorIds.CustomerNotFound, ErrorKind.NotFound, "Customer '" + a + "' does not exist.", a);
                }
            }
            var missingAsync = (asyncIds ?? Array.Empty<string>())
                .Where(g => !list.Any(c => string.Equals(c.AsyncCustomerId, g, StringComparison.OrdinalIgnoreCase))).ToArray();
            if (missingAsync.Length > 0)
            {
                var known = Session.AsyncCustomers.Read(asyncCustomerIds: missingAsync).Select(c => c.AsyncCustomerId).ToList();
                foreach (var g in missingAsync.Where(g => !known.Contains(g, StringComparer.OrdinalIgnoreCase)))
                {
                    WriteRecordError(ErrorIds.AsyncCustomerNotFound, ErrorKind.NotFound, "Async customer '" + g + "' does not exist.", g);
                }
            }
        }
    }
}
