using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CommerceSync.Jobs;

namespace CommerceSync
{
    /// <summary>"Synchronize orders": uploaded customer orders become HQ sales orders, syncing the async customers and addresses they reference.</summary>
    [Cmdlet(VerbsData.Sync, "CommerceOrder", SupportsShouldProcess = true, DefaultParameterSetName = "Bulk")]
    [OutputType(typeof(JobRun), ParameterSetName = new[] { "Bulk", "Run" })]
    [OutputType(typeof(SalesOrder), ParameterSetName = new[] { "Record" })]
    public sealed class SyncCommerceOrder : JobCmdlet<Transaction>
    {
        protected override string FailureHint => "See Get-CommerceTransaction -Type CustomerOrder for each order's error.";

        [Parameter(Mandatory = true, ParameterSetName = "Record", ValueFromPipeline = true)]
        public Transaction[] InputObject { get; set; }

        /// <summary>A P-job run: synchronize the orders due in its channels.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Run", ValueFromPipeline = true)]
        public JobRun JobRun { get; set; }

        protected override string JobName => JobNames.SynchronizeOrders;
        protected override string Activity => "Synchronize orders";
        protected override JobRun SourceRun => JobRun;
        protected override IEnumerable<Transaction> PipedRecords => InputObject?.Where(t => t.Type == TransactionType.CustomerOrder);
        protected override JobRun RunBulk(JobOptions options) => new OrderSync(Session.Database).Run(options);

        protected override string DescribeBulk(string[] channels)
        {
            var scope = channels ?? (JobRun != null && JobRun.ChannelIds.Length > 0 ? JobRun.ChannelIds : null);
            var (orders, async) = new OrderSync(Session.Database).Preview(scope);
            return ChannelText(scope) + ": " + orders + " customer orders to turn into sales orders (" + async + " reference async customers)";
        }

        protected override string ChannelOf(Transaction r) => r.ChannelId;

        protected override string DescribeRecord(Transaction r) => "customer order " + r.TransactionId + " at " + r.ChannelId + " -> sales order";

        protected override void ProcessChunk(RecordRun run, List<Transaction> chunk)
        {
            WriteObject(new OrderSync(Session.Database).SyncRecords(run, chunk, ChunkSize, WriteVerbose), true);
            var states = Session.Transactions.Read(transactionIds: chunk.Select(t => t.TransactionId).Distinct().ToArray(), includeLines: false)
                .Where(t => chunk.Any(c => c.ChannelId.Equals(t.ChannelId, StringComparison.OrdinalIgnoreCase) && c.TransactionId == t.TransactionId));
            foreach (var t in states)
            {
                if (t.Status == TransactionStatus.Failed)
                {
                    WriteRecordError(ErrorIds.OrderFailed, ErrorKind.InvalidData, t.Error, t);
                }
                else if (t.Status == TransactionStatus.Pending)
                {
                    WriteRecordError(ErrorIds.NotUploaded, ErrorKind.InvalidOperation, "Order " + t.TransactionId + " is still only in channel " + t.ChannelId + "'s database. Run Invoke-PJob first.", t);
                }
            }
        }
    }
}
