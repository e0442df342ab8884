using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Walks one customer from its store through the P-job, the sync job and job 1010 to every store, and says where it stopped and what fixes it.</summary>
    [Cmdlet(VerbsCommon.Get, "CommerceCustomerTrace")]
    [OutputType(typeof(CustomerTrace))]
    public sealed class GetCommerceCustomerTrace : CommerceCmdlet
    {
        /// <summary>The customer's HQ account.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AccountNumberCompleter))]
        public string AccountNumber { get; set; }

        /// <summary>The async customer (GUID) a store created; taken before -AccountNumber when both are given (an object piped in has both).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AsyncCustomerIdCompleter))]
        public string AsyncCustomerId { get; set; }

        protected override void ProcessCommerceRecord()
        {
            var asyncId = string.IsNullOrWhiteSpace(AsyncCustomerId) ? null : AsyncCustomerId;
            var account = string.IsNullOrWhiteSpace(AccountNumber) ? null : AccountNumber;
            if (asyncId == null && account == null)
            {
                if (MyInvocation.ExpectingInput || MyInvocation.BoundParameters.ContainsKey(nameof(AccountNumber)) || MyInvocation.BoundParameters.ContainsKey(nameof(AsyncCustomerId)))
                {
                    WriteRecordError(ErrorIds.CustomerRequired, ErrorKind.InvalidArgument, "Name the customer: -AccountNumber or -AsyncCustomerId (or pipe a customer in).", null);
                    return;
                }
                // Nothing named: every customer, as a Get- cmdlet lists all (Where-Object StoppedAt keeps the ones that stopped).
                TryRecord(() => WriteObject(Session.Customers.TraceAll(), true), null);
                return;
            }
            TryRecord(() => WriteObject(Session.Customers.Trace(asyncId, asyncId == null ? account : null)), (object)asyncId ?? account);
        }
    }
}
