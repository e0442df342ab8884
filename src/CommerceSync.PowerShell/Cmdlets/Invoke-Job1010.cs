using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CommerceSync.Jobs;

namespace CommerceSync
{
    /// <summary>Distribution schedule job 1010 (Customers): sends new and changed customers to channel and offline databases.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "Job1010", SupportsShouldProcess = true, DefaultParameterSetName = "Bulk")]
    [OutputType(typeof(JobRun), ParameterSetName = new[] { "Bulk", "Run" })]
    [OutputType(typeof(Customer), ParameterSetName = new[] { "Customer", "AsyncCustomer" })]
    public sealed class InvokeJob1010 : JobCmdlet<Customer>
    {
        [Parameter(Mandatory = true, ParameterSetName = "Customer", ValueFromPipeline = true)]
        public Customer[] InputObject { get; set; }

        /// <summary>Async customers: their HQ accounts are distributed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "AsyncCustomer", ValueFromPipeline = true)]
        public AsyncCustomer[] AsyncCustomer { get; set; }

        /// <summary>A run that created customers (sync job, Synchronize orders, statement posting): distribute everything due, including them.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Run", ValueFromPipeline = true)]
        public JobRun JobRun { get; set; }

        /// <summary>Leaves registers' offline databases out of this run; the lasting setting is the schedule's (Set-CommerceDistributionSchedule -ExcludeFromOfflineDatabases).</summary>
        [Parameter]
        public SwitchParameter ExcludeOfflineDatabase { get; set; }

        /// <summary>
        /// A full data sync: empties the customer table of every database of the schedule's groups and sends it every customer
        /// from HQ, instead of what changed since its last run. An offline database the schedule excludes is left empty.
        /// </summary>
        [Parameter(ParameterSetName = "Bulk")]
        public SwitchParameter FullSync { get; set; }

        protected override string JobName => JobNames.Job1010;
        protected override bool SourceRunNamesChannels => false;
        protected override string Activity => "Distribute customers (1010)";
        protected override JobRun SourceRun => JobRun;

        protected override IEnumerable<Customer> PipedRecords
        {
            get
            {
                if (InputObject != null) return InputObject;
                if (AsyncCustomer == null) return null;
                var ids = AsyncCustomer.Select(a => a.AsyncCustomerId).ToArray();
                var customers = Session.Customers.AtHeadquarters(asyncCustomerIds: ids, includeDetails: false).ToList();
                var known = new HashSet<string>(customers.Select(c => c.AsyncCustomerId), StringComparer.OrdinalIgnoreCase);
                foreach (var a in AsyncCustomer.Where(a => !known.Contains(a.AsyncCustomerId)))
                {
                    WriteRecordError(ErrorIds.NotConverted, ErrorKind.InvalidOperation,
                        "Async customer " + a.AsyncCustomerId + " has no HQ account yet (status " + a.Status + "). Run Convert-AsyncCustomer first.", a);
                }
                return customers;
            }
        }

        protected override void ConfigureOptions(JobOptions options)
        {
            options.ExcludeOfflineDatabases = ExcludeOfflineDatabase.IsPresent;
            options.FullSync = FullSync.IsPresent;
        }

        protected override JobRun RunBulk(JobOptions options) => new Job1010(Session.Database).Run(options);

        protected override string DescribeBulk(string[] channels)
        {
            var job = new Job1010(Session.Database);
            if (FullSync.IsPresent)
            {
                var (emptied, filled, customers) = job.PreviewFullSync(channels, ExcludeOfflineDatabase.IsPresent);
                return ChannelText(channels) + ": full data sync, empty " + emptied + " databases and send " + customers + " customer rows to " + filled + " of them";
            }
            var p = job.Preview(channels, ExcludeOfflineDatabase.IsPresent);
            return ChannelText(channels) + ": " + p.Sum(x => x.Customers) + " customer rows to send to " + p.Count + " databases";
        }

        protected override string ChannelOf(Customer r) => r.ChannelId;

        protected override string DescribeRecord(Customer r) => "customer " + r.AccountNumber + " (" + r.Name + ") -> channel databases of " + r.DataAreaId;

        protected override void ProcessChunk(RecordRun run, List<Customer> chunk)
        {
            new Job1010(Session.Database).DistributeRecords(run, chunk, ExcludeOfflineDatabase.IsPresent);
            WriteObject(Session.Customers.AtHeadquarters(chunk.Select(c => c.AccountNumber).Distinct().ToArray()), true);
        }
    }
}
