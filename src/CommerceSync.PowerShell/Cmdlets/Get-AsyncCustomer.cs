using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Lists async customers with where they are in the conversion.</summary>
    [Cmdlet(VerbsCommon.Get, "AsyncCustomer")]
    [OutputType(typeof(AsyncCustomer))]
    public sealed class GetAsyncCustomer : ChannelScopedCmdlet
    {
        [Parameter]
        public AsyncCustomerStatus[] Status { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AsyncCustomerIdCompleter))]
        public string[] AsyncCustomerId { get; set; }

        /// <summary>Name, first name or last name; wildcards allowed.</summary>
        [Parameter]
        [SupportsWildcards]
        public string Name { get; set; }

        protected override void ProcessCommerceRecord()
        {
            if (!TryResolveChannels(Channel, out var channels)) return;
            long n = 0;
            foreach (var c in Session.AsyncCustomers.Read(channels, Status, AsyncCustomerId, Name))
            {
                WriteObject(c);
                n++;
            }
            if (n == 0 && AsyncCustomerId != null)
            {
                foreach (var id in AsyncCustomerId) WriteRecordError(ErrorIds.AsyncCustomerNotFound, ErrorKind.NotFound, "Async customer '" + id + "' does not exist.", id);
            }
        }
    }
}
