using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using CommerceSync.Jobs;
using CommerceSync.Storage;

namespace CommerceSync
{
    /// <summary>Records a sale at a channel: cash-and-carry or a customer order, for a customer by account number or async id.</summary>
    [Cmdlet(VerbsCommon.New, "CommerceTransaction", SupportsShouldProcess = true, DefaultParameterSetName = "Amount")]
    [OutputType(typeof(Transaction))]
    public sealed class NewCommerceTransaction : CommerceCmdlet
    {
        protected override bool TakesRows => true;

        private const int BatchSize = 1000;
        private readonly List<Transaction> batch = new List<Transaction>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public string Channel { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public TransactionType Type { get; set; } = TransactionType.CashAndCarry;

        /// <summary>The customer's account, when the store knows it.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AccountNumberCompleter))]
        public string AccountNumber { get; set; }

        /// <summary>The async customer (GUID), while the store knows no account for it.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AsyncCustomerIdCompleter))]
        public string AsyncCustomerId { get; set; }

        /// <summary>An address of the customer (async or synced) to deliver a customer order to.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AddressIdCompleter))]
        public string DeliveryAddressId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Amount", ValueFromPipelineByPropertyName = true)]
        public decimal Amount { get; set; }

        /// <summary>Lines as hashtables with ItemId, Quantity and Price; the amount is their sum.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Lines")]
        public Hashtable[] Line { get; set; }

        /// <summary>Default: today (UTC).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public DateTime BusinessDate { get; set; }

        /// <summary>Default: the channel id and the transaction's replication counter.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string TransactionId { get; set; }

        protected override void ProcessCommerceRecord()
        {
            Transaction t = null;
            var ok = TryRecord(() =>
            {
                // Unset means today; a date given is checked even when it is [datetime]::MinValue, which looks unset to the core.
                if (MyInvocation.BoundParameters.ContainsKey(nameof(BusinessDate))) InputRules.Check(InputRules.CheckBusinessDate(BusinessDate), BusinessDate);
                t = new TransactionStore(Db).Prepare(new Transaction
                {
                    ChannelId = Channel,
                    Type = Type,
                    AccountNumber = AccountNumber,
                    AsyncCustomerId = AsyncCustomerId,
                    DeliveryAddressId = DeliveryAddressId,
                    Amount = Amount,
                    Lines = Line?.Select(ToLine).ToArray(),
                    BusinessDate = BusinessDate,
                    TransactionId = TransactionId,
                });
                if (t.TransactionId != null && batch.Any(b => b.ChannelId == t.ChannelId && b.TransactionId == t.TransactionId))
                {
                    throw new CommerceSyncException(ErrorIds.TransactionExists, ErrorKind.AlreadyExists, "Transaction '" + t.TransactionId + "' was given twice.", t.TransactionId);
                }
            }, TransactionId ?? Channel);
            if (!ok) return;
            var who = t.AccountNumber ?? t.AsyncCustomerId ?? "no customer";
            if (!ShouldProcess("channel " + t.ChannelId, "Record " + t.Type + " of " + t.Amount.ToString(CultureInfo.InvariantCulture) + " for " + who)) return;
            batch.Add(t);
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
            Terminating(() => { new TransactionStore(Db).Append(batch); return 0; });
            WriteVerbose("Recorded " + batch.Count + " transactions.");
            WriteObject(batch, true);
            batch.Clear();
        }

        private static TransactionLine ToLine(Hashtable h)
        {
            var line = new TransactionLine();
            foreach (DictionaryEntry e in h)
            {
                var value = e.Value is PSObject p ? p.BaseObject : e.Value;
                switch (Convert.ToString(e.Key, CultureInfo.InvariantCulture).ToLowerInvariant())
                {
                    case "itemid": case "item": line.ItemId = Convert.ToString(value, CultureInfo.InvariantCulture); break;
                    case "quantity": case "qty": line.Quantity = InputRules.ToNumber("Quantity", value); break;
                    case "price": line.Price = InputRules.ToNumber("Price", value); break;
                    default:
                        throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument, "Unknown line field '" + e.Key + "'. Use ItemId, Quantity and Price.", e.Key);
                }
            }
            return line;
        }
    }

    /// <summary>Lists sales transactions with their status at HQ.</summary>
    [Cmdlet(VerbsCommon.Get, "CommerceTransaction")]
    [OutputType(typeof(Transaction))]
    public sealed class GetCommerceTransaction : CommerceCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public string[] Channel { get; set; }

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

        protected override void ProcessCommerceRecord()
        {
            var channels = ResolveChannels(Channel);
            if (channels != null && channels.Length == 0) return;
            var ids = NonEmpty(TransactionId);
            var found = new TransactionStore(Db).Read(new TransactionFilter
            {
                ChannelIds = channels,
                TransactionIds = ids,
                Type = MyInvocation.BoundParameters.ContainsKey(nameof(Type)) ? Type : (TransactionType?)null,
                Statuses = Status,
                AsyncCustomerIds = NonEmpty(AsyncCustomerId),
                AccountNumbers = NonEmpty(AccountNumber),
            });
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

        internal static string[] NonEmpty(string[] values)
        {
            var v = values?.Where(x => !string.IsNullOrEmpty(x)).ToArray();
            return v == null || v.Length == 0 ? null : v;
        }
    }

    /// <summary>"Synchronize orders": uploaded customer orders become HQ sales orders, syncing the async customers and addresses they reference.</summary>
    [Cmdlet(VerbsData.Sync, "CommerceOrder", SupportsShouldProcess = true, DefaultParameterSetName = "Bulk")]
    [OutputType(typeof(JobRun), ParameterSetName = new[] { "Bulk", "Run" })]
    [OutputType(typeof(SalesOrder), ParameterSetName = new[] { "Record" })]
    public sealed class SyncCommerceOrder : JobCmdlet<Transaction>
    {
        protected override string FailureHint => "See Get-CommerceTransaction -Type CustomerOrder for each order's error.";

        [Parameter(Position = 0, ParameterSetName = "Bulk", ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public string[] Channel { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Record", ValueFromPipeline = true)]
        public Transaction[] InputObject { get; set; }

        /// <summary>A P-job run: synchronize the orders due in its channels.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Run", ValueFromPipeline = true)]
        public JobRun JobRun { get; set; }

        protected override string JobName => JobNames.SynchronizeOrders;
        protected override string Activity => "Synchronize orders";
        protected override string[] ChannelParameter => Channel;
        protected override JobRun SourceRun => JobRun;
        protected override IEnumerable<Transaction> PipedRecords => InputObject?.Where(t => t.Type == TransactionType.CustomerOrder);
        protected override JobRun RunBulk(JobOptions options) => new OrderSync(Db).Run(options);

        protected override string DescribeBulk(string[] channels)
        {
            var scope = channels ?? (JobRun != null && JobRun.ChannelIds.Length > 0 ? JobRun.ChannelIds : null);
            var (orders, async) = new OrderSync(Db).Preview(scope);
            return ChannelText(scope) + ": " + orders + " customer orders to turn into sales orders (" + async + " reference async customers)";
        }

        protected override string ChannelOf(Transaction r) => r.ChannelId;

        protected override string DescribeRecord(Transaction r) => "customer order " + r.TransactionId + " at " + r.ChannelId + " -> sales order";

        protected override void ProcessChunk(RecordRun run, List<Transaction> chunk)
        {
            WriteObject(new OrderSync(Db).SyncRecords(run, chunk, ChunkSize, WriteVerbose), true);
            var states = new TransactionStore(Db).Read(new TransactionFilter { TransactionIds = chunk.Select(t => t.TransactionId).Distinct().ToArray(), IncludeLines = false })
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

    /// <summary>End of day: calculates and posts a statement per store and business day, syncing referenced async customers first.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "StatementPosting", SupportsShouldProcess = true)]
    [OutputType(typeof(Statement))]
    public sealed class InvokeStatementPosting : CommerceCmdlet
    {
        private readonly List<string> channels = new List<string>();

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public string[] Channel { get; set; }

        /// <summary>Only this business day. Default: every day with sales not yet posted.</summary>
        [Parameter]
        public DateTime BusinessDate { get; set; }

        protected override void ProcessCommerceRecord()
        {
            if (Channel != null) channels.AddRange(Channel);
        }

        protected override void EndCommerceProcessing()
        {
            try
            {
                if (MyInvocation.ExpectingInput && channels.Count == 0) return;
                var scope = channels.Count == 0 ? null : ResolveChannels(channels);
                if (scope != null && scope.Length == 0) return;
                DateTime? date = MyInvocation.BoundParameters.ContainsKey(nameof(BusinessDate)) ? BusinessDate.Date : (DateTime?)null;
                var posting = new StatementPosting(Db);
                var days = posting.Preview(scope, date);
                var target = (scope == null ? "all channels" : "channel " + string.Join(", ", scope)) + ": " + days.Count + " store days (" +
                    string.Join(", ", days.Take(10).Select(d => d.ChannelId + " " + d.BusinessDate)) + (days.Count > 10 ? ", ..." : "") + ")";
                if (!ShouldProcess(target, "Calculate and post statements")) return;
                JobRun run = null;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var statements = Terminating(() => posting.Run(new JobOptions
                {
                    ChannelIds = scope,
                    Cancellation = Cancellation,
                    Log = WriteVerbose,
                    Progress = ProgressIsShown() ? p => Progress(JobProgressRecord(1, "Statement posting", p, clock.Elapsed)) : (Action<JobProgress>)null,
                }, date, out run));
                foreach (var s in statements.Where(s => s.Status == StatementStatus.Failed))
                {
                    WriteWarning("Statement " + s.StatementId + " (" + s.ChannelId + ", " + s.BusinessDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ") was not posted. " + s.Error);
                }
                WriteObject(statements, true);
                CompleteProgress("Statement posting");
            }
            finally
            {
                base.EndCommerceProcessing();
            }
        }
    }

    /// <summary>Lists statements.</summary>
    [Cmdlet(VerbsCommon.Get, "CommerceStatement")]
    [OutputType(typeof(Statement))]
    public sealed class GetCommerceStatement : CommerceCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public string[] Channel { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(StatementIdCompleter))]
        public string[] StatementId { get; set; }

        [Parameter]
        public DateTime BusinessDate { get; set; }

        [Parameter]
        public StatementStatus[] Status { get; set; }

        protected override void ProcessCommerceRecord()
        {
            var channels = ResolveChannels(Channel);
            if (channels != null && channels.Length == 0) return;
            DateTime? date = MyInvocation.BoundParameters.ContainsKey(nameof(BusinessDate)) ? BusinessDate.Date : (DateTime?)null;
            WriteObject(new OrderStore(Db).ReadStatements(channels, GetCommerceTransaction.NonEmpty(StatementId), date, Status), true);
        }
    }
}
