using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CommerceSync.Jobs;

namespace CommerceSync
{
    /// <summary>The P-job: uploads async customers, addresses, attributes and sales transactions from channel databases to HQ.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "PJob", SupportsShouldProcess = true, DefaultParameterSetName = "Bulk")]
    [OutputType(typeof(JobRun), ParameterSetName = new[] { "Bulk" })]
    [OutputType(typeof(AsyncCustomer), ParameterSetName = new[] { "Record" })]
    [OutputType(typeof(Transaction), ParameterSetName = new[] { "Transaction" })]
    public sealed class InvokePJob : JobCmdlet<object>
    {
        [Parameter(Mandatory = true, ParameterSetName = "Record", ValueFromPipeline = true)]
        public AsyncCustomer[] InputObject { get; set; }

        /// <summary>Sales transactions to upload (record mode).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Transaction", ValueFromPipeline = true)]
        public Transaction[] Transaction { get; set; }

        protected override string JobName => JobNames.PJob;
        protected override string Activity => "Upload to HQ (P-job)";
        protected override IEnumerable<object> PipedRecords => (IEnumerable<object>)InputObject ?? Transaction;
        protected override JobRun RunBulk(JobOptions options) => new PJob(Session.Database).Run(options);

        protected override string DescribeBulk(string[] channels)
        {
            var p = new PJob(Session.Database).Preview(channels);
            return ChannelText(channels) + ": " + p.Sum(x => x.Customers) + " customer, " + p.Sum(x => x.Addresses) + " address, " + p.Sum(x => x.Attributes) +
                " attribute and " + p.Sum(x => x.Transactions) + " transaction rows due";
        }

        protected override string ChannelOf(object r) => (r as AsyncCustomer)?.ChannelId ?? (r as Transaction)?.ChannelId;

        protected override string DescribeRecord(object r) => r is AsyncCustomer c
            ? "async customer " + c.AsyncCustomerId + " (" + c.Name + ") at " + c.ChannelId
            : "transaction " + ((Transaction)r).TransactionId + " at " + ((Transaction)r).ChannelId;

        protected override void ProcessChunk(RecordRun run, List<object> chunk)
        {
            var job = new PJob(Session.Database);
            WriteObject(job.UploadRecords(run, chunk.OfType<AsyncCustomer>().ToList(), ChunkSize), true);
            WriteObject(job.UploadTransactions(run, chunk.OfType<Transaction>().ToList(), ChunkSize), true);
        }
    }
}
