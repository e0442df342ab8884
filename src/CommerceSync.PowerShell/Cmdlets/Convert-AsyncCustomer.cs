using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CommerceSync.Jobs;

namespace CommerceSync
{
    /// <summary>"Synchronize customers and channel requests": creates HQ customer accounts for uploaded async customers.</summary>
    [Cmdlet(VerbsData.Convert, "AsyncCustomer", SupportsShouldProcess = true, DefaultParameterSetName = "Bulk")]
    [OutputType(typeof(JobRun), ParameterSetName = new[] { "Bulk", "Run" })]
    [OutputType(typeof(Customer), ParameterSetName = new[] { "Record", "Id" })]
    public sealed class ConvertAsyncCustomer : JobCmdlet<AsyncCustomer>
    {
        [Parameter(Mandatory = true, ParameterSetName = "Record", ValueFromPipeline = true)]
        public AsyncCustomer[] InputObject { get; set; }

        /// <summary>Synchronize just these async customers (failed ones are retried).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Id")]
        [ArgumentCompleter(typeof(AsyncCustomerIdCompleter))]
        public string[] AsyncCustomerId { get; set; }

        /// <summary>A P-job run: synchronize what is due in its channels (what it uploaded, and anything an earlier run left).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Run", ValueFromPipeline = true)]
        public JobRun JobRun { get; set; }

        protected override string JobName => JobNames.SynchronizeCustomers;
        protected override string Activity => "Synchronize customers and channel requests";
        protected override JobRun SourceRun => JobRun;

        protected override IEnumerable<AsyncCustomer> PipedRecords =>
            InputObject ?? AsyncCustomerId?.Select(id => new AsyncCustomer { AsyncCustomerId = id });

        protected override JobRun RunBulk(JobOptions options) => new AsyncCustomerSync(Session.Database).Run(options);

        protected override string DescribeBulk(string[] channels)
        {
            var scope = channels ?? (JobRun != null && JobRun.ChannelIds.Length > 0 ? JobRun.ChannelIds : null);
            var p = new AsyncCustomerSync(Session.Database).Preview(scope);
            return ChannelText(scope) + (JobRun == null ? "" : " (after run " + JobRun.RunId + ")") + ": create " + p.Sum(x => x.Create) +
                " customer accounts, link " + p.Sum(x => x.AlreadyConverted) + " already converted, " + p.Sum(x => x.WouldFail) + " would fail validation";
        }

        protected override string ChannelOf(AsyncCustomer r) => r.ChannelId;

        protected override string DescribeRecord(AsyncCustomer r) =>
            "async customer " + r.AsyncCustomerId + (string.IsNullOrEmpty(r.Name) ? "" : " (" + r.Name + ")") + " -> new customer account";

        protected override void ProcessChunk(RecordRun run, List<AsyncCustomer> chunk)
        {
            var states = new AsyncCustomerSync(Session.Database).SyncRecords(run, chunk.Select(c => c.AsyncCustomerId).ToList(), ChunkSize, WriteVerbose);
            var found = new HashSet<string>(states.Select(s => s.AsyncCustomerId), StringComparer.OrdinalIgnoreCase);
            foreach (var missing in chunk.Where(c => !found.Contains(c.AsyncCustomerId)))
            {
                WriteRecordError(ErrorIds.AsyncCustomerNotFound, ErrorKind.NotFound, "Async customer '" + missing.AsyncCustomerId + "' does not exist.", missing.AsyncCustomerId);
            }
            foreach (var s in states.Where(s => s.Status == AsyncCustomerStatus.Failed))
            {
                WriteRecordError(ErrorIds.ValidationFailed, ErrorKind.InvalidData, "Async customer " + s.AsyncCustomerId + " could not be converted: " + s.Error, s);
            }
            foreach (var s in states.Where(s => s.Status == AsyncCustomerStatus.Pending))
            {
                WriteRecordError(ErrorIds.NotUploaded, ErrorKind.InvalidOperation,
                    "Async customer " + s.AsyncCustomerId + " is still only in channel " + s.ChannelId + "'s database. Run Invoke-PJob first.", s);
            }
            var converted = states.Where(s => !string.IsNullOrEmpty(s.AccountNumber)).Select(s => s.AsyncCustomerId).ToArray();
            if (converted.Length > 0)
            {
                WriteObject(Session.Customers.AtHeadquarters(asyncCustomerIds: converted), true);
            }
        }
    }
}
