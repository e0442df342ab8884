using System;
using System.Linq;
using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Lists sales transactions with their status at HQ.</summary>
    [Cmdlet(VerbsCommon.Get, "CommerceTransaction")]
    [OutputType(typeof(Transaction))]
    public sealed class GetCommerceTransaction : ChannelScopedCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(TransactionIdCompleter))]
        public string[] TransactionId { get; set; }

        [Parameter]
        public TransactionType Type { get; set; }

        [Parameter]
        public TransactionStatus[] Status { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AsyncCustomerIdCompleter))]
        public string[] AsyncCustomerId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AccountNumberCompleter))]
        public string[] AccountNumber { get; set; }

        /// <summary>What Validate store transactions decided: None (not validated, or a customer order), Successful, Error.</summary>
        [Parameter]
        public ValidationStatus[] ValidationStatus { get; set; }

        protected override void ProcessCommerceRecord()
        {
            if (!TryResolveChannels(Channel, out var channels)) return;
            var ids = FilterValues.NonEmpty(TransactionId);
            var found = Session.Transactions.Read(channels, ids, MyInvocation.BoundParameters.ContainsKey(nameof(Type)) ? Type : (TransactionType?)null,
                Status, FilterValues.NonEmpty(AsyncCustomerId), FilterValues.NonEmpty(AccountNumber), validationStatuses: ValidationStatus);
            if (ids == null)
            {
                WriteObject(found, true);
                return;
            }
            // Named transactions: each one that does not exist (within the other filters) is a TransactionNotFound error.
            var list = found.ToList();
            WriteObject(list, true);
            foreach (var id in ids.Where(i => !list.Any(t => string.Equals(t.TransactionId, i, StringComparison.OrdinalIgnoreCase))))
            {
                WriteRecordError(ErrorIds.TransactionNotFound, ErrorKind.NotFound, "Transaction '" + id + "' does not exist" + (channels == null ? "" : " at channel " + string.Join(", ", channels)) + ".", id);
            }
        }
    }
}
