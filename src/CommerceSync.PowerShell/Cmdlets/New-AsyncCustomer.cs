using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CommerceSync.Services;

namespace CommerceSync
{
    /// <summary>Creates a customer at a POS in async mode: written to the channel database with a GUID, no account number yet.</summary>
    [Cmdlet(VerbsCommon.New, "AsyncCustomer", SupportsShouldProcess = true)]
    [OutputType(typeof(AsyncCustomer))]
    public sealed class NewAsyncCustomer : CustomerDraftCmdlet
    {
        private const int BatchSize = 1000;
        private readonly List<AsyncCustomer> batch = new List<AsyncCustomer>(BatchSize);

        /// <summary>Keep a given GUID (e.g. when replaying an export). Default: a new GUID, as a POS does.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string AsyncCustomerId { get; set; }

        protected override void ProcessCommerceRecord()
        {
            AsyncCustomer draft = null;
            var ok = TryRecord(() =>
            {
                draft = Session.AsyncCustomers.Prepare(Draft(AsyncCustomerId));
                if (batch.Any(b => string.Equals(b.AsyncCustomerId, draft.AsyncCustomerId, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new CommerceSyncException(ErrorIds.AsyncCustomerExists, ErrorKind.AlreadyExists, "Async customer '" + draft.AsyncCustomerId + "' was given twice.", draft.AsyncCustomerId);
                }
            }, Channel);
            if (!ok) return;
            if (!ShouldProcess("channel " + draft.ChannelId, "Create async customer '" + draft.Name + "'")) return;
            batch.Add(draft);
            if (batch.Count >= BatchSize) Flush();
        }

        protected override void EndCommerceProcessing()
        {
            Flush();
            base.EndCommerceProcessing();
        }

        private void Flush()
        {
            if (batch.Count == 0) return;
            Terminating(() => { new CustomerCreation(Session.Database).AppendAsync(batch); return 0; });
            WriteVerbose("Created " + batch.Count + " async customers.");
            WriteObject(batch, true);
            batch.Clear();
        }
    }
}
