using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CommerceSync.Jobs;
using CommerceSync.Storage;

namespace CommerceSync
{
    /// <summary>The P-job: uploads async customers, addresses, attributes and sales transactions from channel databases to HQ.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "PJob", SupportsShouldProcess = true, DefaultParameterSetName = "Bulk")]
    [OutputType(typeof(JobRun), ParameterSetName = new[] { "Bulk" })]
    [OutputType(typeof(AsyncCustomer), ParameterSetName = new[] { "Record" })]
    [OutputType(typeof(Transaction), ParameterSetName = new[] { "Transaction" })]
    public sealed class InvokePJob : JobCmdlet<object>
    {
        [Parameter(Position = 0, ParameterSetName = "Bulk", ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public string[] Channel { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Record", ValueFromPipeline = true)]
        public AsyncCustomer[] InputObject { get; set; }

        /// <summary>Sales transactions to upload (record mode).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Transaction", ValueFromPipeline = true)]
        public Transaction[] Transaction { get; set; }

        protected override string JobName => JobNames.PJob;
        protected override string Activity => "Upload to HQ (P-job)";
        protected override string[] ChannelParameter => Channel;
        protected override IEnumerable<object> PipedRecords => (IEnumerable<object>)InputObject ?? Transaction;
        protected override JobRun RunBulk(JobOptions options) => new PJob(Db).Run(options);

        protected override string DescribeBulk(string[] channels)
        {
            var p = new PJob(Db).Preview(channels);
            return ChannelText(channels) + ": " + p.Sum(x => x.Customers) + " customer, " + p.Sum(x => x.Addresses) + " address, " + p.Sum(x => x.Attributes) +
                " attribute and " + p.Sum(x => x.Transactions) + " transaction rows due";
        }

        protected override string ChannelOf(object r) => (r as AsyncCustomer)?.ChannelId ?? (r as Transaction)?.ChannelId;

        protected override string DescribeRecord(object r) => r is AsyncCustomer c
            ? "async customer " + c.AsyncCustomerId + " (" + c.Name + ") at " + c.ChannelId
            : "transaction " + ((Transaction)r).TransactionId + " at " + ((Transaction)r).ChannelId;

        protected override void ProcessChunk(RecordRun run, List<object> chunk)
        {
            var job = new PJob(Db);
            WriteObject(job.UploadRecords(run, chunk.OfType<AsyncCustomer>().ToList(), ChunkSize), true);
            WriteObject(job.UploadTransactions(run, chunk.OfType<Transaction>().ToList(), ChunkSize), true);
        }
    }

    /// <summary>"Synchronize customers and channel requests": creates HQ customer accounts for uploaded async customers.</summary>
    [Cmdlet(VerbsData.Convert, "AsyncCustomer", SupportsShouldProcess = true, DefaultParameterSetName = "Bulk")]
    [OutputType(typeof(JobRun), ParameterSetName = new[] { "Bulk", "Run" })]
    [OutputType(typeof(Customer), ParameterSetName = new[] { "Record", "Id" })]
    public sealed class ConvertAsyncCustomer : JobCmdlet<AsyncCustomer>
    {
        [Parameter(Position = 0, ParameterSetName = "Bulk", ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public string[] Channel { get; set; }

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
        protected override string[] ChannelParameter => Channel;
        protected override JobRun SourceRun => JobRun;

        protected override IEnumerable<AsyncCustomer> PipedRecords =>
            InputObject ?? AsyncCustomerId?.Select(id => new AsyncCustomer { AsyncCustomerId = id });

        protected override JobRun RunBulk(JobOptions options) => new AsyncCustomerSync(Db).Run(options);

        protected override string DescribeBulk(string[] channels)
        {
            var scope = channels ?? (JobRun != null && JobRun.ChannelIds.Length > 0 ? JobRun.ChannelIds : null);
            var p = new AsyncCustomerSync(Db).Preview(new SyncScope { ChannelIds = scope });
            return ChannelText(scope) + (JobRun == null ? "" : " (after run " + JobRun.RunId + ")") + ": create " + p.Sum(x => x.Create) +
                " customer accounts, link " + p.Sum(x => x.AlreadyConverted) + " already converted, " + p.Sum(x => x.WouldFail) + " would fail validation";
        }

        protected override string ChannelOf(AsyncCustomer r) => r.ChannelId;

        protected override string DescribeRecord(AsyncCustomer r) =>
            "async customer " + r.AsyncCustomerId + (string.IsNullOrEmpty(r.Name) ? "" : " (" + r.Name + ")") + " -> new customer account";

        protected override void ProcessChunk(RecordRun run, List<AsyncCustomer> chunk)
        {
            var states = new AsyncCustomerSync(Db).SyncRecords(run, chunk.Select(c => c.AsyncCustomerId).ToList(), ChunkSize, WriteVerbose);
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
                WriteObject(new CustomerStore(Db).ReadHeadquarters(new CustomerFilter { AsyncCustomerIds = converted }), true);
            }
        }
    }

    /// <summary>Distribution schedule job 1010 (Customers): sends new and changed customers to channel and offline databases.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "Job1010", SupportsShouldProcess = true, DefaultParameterSetName = "Bulk")]
    [OutputType(typeof(JobRun), ParameterSetName = new[] { "Bulk", "Run" })]
    [OutputType(typeof(Customer), ParameterSetName = new[] { "Customer", "AsyncCustomer" })]
    public sealed class InvokeJob1010 : JobCmdlet<Customer>
    {
        [Parameter(Position = 0, ParameterSetName = "Bulk", ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public string[] Channel { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Customer", ValueFromPipeline = true)]
        public Customer[] InputObject { get; set; }

        /// <summary>Async customers: their HQ accounts are distributed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "AsyncCustomer", ValueFromPipeline = true)]
        public AsyncCustomer[] AsyncCustomer { get; set; }

        /// <summary>A run that created customers (sync job, Synchronize orders, statement posting): distribute everything due, including them.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Run", ValueFromPipeline = true)]
        public JobRun JobRun { get; set; }

        /// <summary>The job's "Exclude from offline databases" setting: registers' offline databases do not get the customers.</summary>
        [Parameter]
        public SwitchParameter ExcludeOfflineDatabase { get; set; }

        protected override string JobName => JobNames.Job1010;
        protected override bool SourceRunNamesChannels => false;
        protected override string Activity => "Distribute customers (1010)";
        protected override string[] ChannelParameter => Channel;
        protected override JobRun SourceRun => JobRun;

        protected override IEnumerable<Customer> PipedRecords
        {
            get
            {
                if (InputObject != null) return InputObject;
                if (AsyncCustomer == null) return null;
                var ids = AsyncCustomer.Select(a => a.AsyncCustomerId).ToArray();
                var customers = new CustomerStore(Db).ReadHeadquarters(new CustomerFilter { AsyncCustomerIds = ids, IncludeDetails = false }).ToList();
                var known = new HashSet<string>(customers.Select(c => c.AsyncCustomerId), StringComparer.OrdinalIgnoreCase);
                foreach (var a in AsyncCustomer.Where(a => !known.Contains(a.AsyncCustomerId)))
                {
                    WriteRecordError(ErrorIds.NotConverted, ErrorKind.InvalidOperation,
                        "Async customer " + a.AsyncCustomerId + " has no HQ account yet (status " + a.Status + "). Run Convert-AsyncCustomer first.", a);
                }
                return customers;
            }
        }

        protected override void ConfigureOptions(JobOptions options) => options.ExcludeOfflineDatabases = ExcludeOfflineDatabase.IsPresent;

        protected override JobRun RunBulk(JobOptions options) => new Job1010(Db).Run(options);

        protected override string DescribeBulk(string[] channels)
        {
            var p = new Job1010(Db).Preview(channels, ExcludeOfflineDatabase.IsPresent);
            return ChannelText(channels) + ": " + p.Sum(x => x.Customers) + " customer rows to send to " + p.Count + " databases";
        }

        protected override string ChannelOf(Customer r) => r.ChannelId;

        protected override string DescribeRecord(Customer r) => "customer " + r.AccountNumber + " (" + r.Name + ") -> channel databases of " + r.DataAreaId;

        protected override void ProcessChunk(RecordRun run, List<Customer> chunk)
        {
            new Job1010(Db).DistributeRecords(run, chunk, ExcludeOfflineDatabase.IsPresent);
            WriteObject(new CustomerStore(Db).ReadHeadquarters(new CustomerFilter { AccountNumbers = chunk.Select(c => c.AccountNumber).Distinct().ToArray() }), true);
        }
    }

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
            var filter = new CustomerFilter
            {
                AccountNumbers = Empty(AccountNumber),
                AsyncCustomerIds = Empty(AsyncCustomerId),
                NameWildcard = Name,
            };
            if (ParameterSetName == "Channel")
            {
                var channels = new ChannelStore(Db);
                foreach (var id in ResolveChannels(Channel))
                {
                    var channel = channels.Get(id);
                    if (Offline.IsPresent && !channel.OfflineDatabase)
                    {
                        WriteWarning("Channel " + channel.ChannelId + " has no offline database.");
                    }
                    WriteFound(new CustomerStore(Db).ReadChannelView(channel.ChannelId, Offline.IsPresent ? ChannelDatabaseKind.Offline : ChannelDatabaseKind.Channel, filter), filter);
                }
                return;
            }
            WriteFound(new CustomerStore(Db).ReadHeadquarters(filter), filter);
        }

        // Customers named by account number or async id. One that the store has nowhere (no such account at HQ, no such
        // async customer at any channel) is a non-terminating ...NotFound error; one that exists but has not reached this
        // view yet (before the sync job, before job 1010) is simply not listed: that is the answer, not an error.
        private void WriteFound(IEnumerable<Customer> customers, CustomerFilter filter)
        {
            if (filter.AccountNumbers == null && filter.AsyncCustomerIds == null)
            {
                WriteObject(customers, true);
                return;
            }
            var list = customers.ToList();
            WriteObject(list, true);
            var missingAccounts = (filter.AccountNumbers ?? Array.Empty<string>())
                .Where(a => !list.Any(c => string.Equals(c.AccountNumber, a, StringComparison.OrdinalIgnoreCase))).ToArray();
            if (missingAccounts.Length > 0)
            {
                var atHq = new CustomerStore(Db).ReadHeadquarters(new CustomerFilter { AccountNumbers = missingAccounts }).Select(c => c.AccountNumber).ToList();
                foreach (var a in missingAccounts.Where(a => !atHq.Contains(a, StringComparer.OrdinalIgnoreCase)))
                {
                    WriteRecordError(ErrorIds.CustomerNotFound, ErrorKind.NotFound, "Customer '" + a + "' does not exist.", a);
                }
            }
            var missingAsync = (filter.AsyncCustomerIds ?? Array.Empty<string>())
                .Where(g => !list.Any(c => string.Equals(c.AsyncCustomerId, g, StringComparison.OrdinalIgnoreCase))).ToArray();
            if (missingAsync.Length > 0)
            {
                var known = new AsyncCustomerStore(Db).Read(new AsyncCustomerFilter { AsyncCustomerIds = missingAsync }).Select(c => c.AsyncCustomerId).ToList();
                foreach (var g in missingAsync.Where(g => !known.Contains(g, StringComparer.OrdinalIgnoreCase)))
                {
                    WriteRecordError(ErrorIds.AsyncCustomerNotFound, ErrorKind.NotFound, "Async customer '" + g + "' does not exist.", g);
                }
            }
        }

        private static string[] Empty(string[] values)
        {
            var v = values?.Where(x => !string.IsNullOrEmpty(x)).ToArray();
            return v == null || v.Length == 0 ? null : v;
        }
    }

    /// <summary>The history of job runs, newest first.</summary>
    [Cmdlet(VerbsCommon.Get, "CommerceJobRun", DefaultParameterSetName = "List")]
    [OutputType(typeof(JobRun))]
    public sealed class GetCommerceJobRun : CommerceCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Id", ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RunIdCompleter))]
        public long[] RunId { get; set; }

        /// <summary>Job name: P-job, "Synchronize customers and channel requests", 1010; wildcards allowed.</summary>
        [Parameter(ParameterSetName = "List")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(JobNameCompleter))]
        public string Job { get; set; }

        /// <summary>Only runs over these channels (or over every channel); wildcards allowed.</summary>
        [Parameter(ParameterSetName = "List", ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public string[] Channel { get; set; }

        /// <summary>Only runs that ended so (or are still Running); a run whose process is gone is Interrupted.</summary>
        [Parameter(ParameterSetName = "List")]
        public JobRunStatus[] Status { get; set; }

        /// <summary>Only the newest N runs.</summary>
        [Parameter(ParameterSetName = "List")]
        [ValidateRange(1, int.MaxValue)]
        public int Last { get; set; }

        protected override void ProcessCommerceRecord()
        {
            var runs = new JobRunStore(Db);
            if (ParameterSetName == "Id")
            {
                foreach (var id in RunId) TryRecord(() => WriteObject(runs.Get(id)), id);
                return;
            }
            var channels = ResolveChannels(Channel);
            if (channels != null && channels.Length == 0) return;
            WriteObject(runs.List(Job, channels, Last > 0 ? Last : (int?)null, Status), true);
        }
    }
}
