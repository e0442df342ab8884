using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CommerceSync.Jobs;

namespace CommerceSync
{
    /// <summary>
    /// "Validate store transactions": marks each uploaded cash-and-carry sale Successful or Error (with the reason), syncing the
    /// async customers and addresses the sales reference first. Trickle-feed posting takes only Successful sales.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "CommerceTransactionValidation", SupportsShouldProcess = true, DefaultParameterSetName = "Bulk")]
    [OutputType(typeof(JobRun), ParameterSetName = new[] { "Bulk", "Run" })]
    [OutputType(typeof(Transaction), ParameterSetName = new[] { "Record" })]
    public sealed class InvokeCommerceTransactionValidation : JobCmdlet<Transaction>
    {
        protected override string FailureHint => "See Get-CommerceTransaction -ValidationStatus Error for each sale's reason.";

        /// <summary>Sales to validate again, whatever their validation status (posted sales and customer orders are left as they are).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Record", ValueFromPipeline = true)]
        public Transaction[] InputObject { get; set; }

        /// <summary>A P-job run: validate the sales due in its channels.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Run", ValueFromPipeline = true)]
        public JobRun JobRun { get; set; }

        /// <summary>Only sales of this business day (bulk mode). Default: every day.</summary>
        [Parameter(ParameterSetName = "Bulk")]
        [Parameter(ParameterSetName = "Run")]
        public DateTime BusinessDate { get; set; }

        protected override string JobName => JobNames.ValidateTransactions;
        protected override string Activity => "Validate store transactions";
        protected override JobRun SourceRun => JobRun;
        protected override IEnumerable<Transaction> PipedRecords => InputObject?.Where(t => t.Type == TransactionType.CashAndCarry);

        private DateTime? Date => MyInvocation.BoundParameters.ContainsKey(nameof(BusinessDate)) ? BusinessDate.Date : (DateTime?)null;

        protected override JobRun RunBulk(JobOptions options) => new TransactionValidation(Session.Database).Run(options, Date);

        protected override string DescribeBulk(string[] channels)
        {
            var scope = channels ?? (JobRun != null && JobRun.ChannelIds.Length > 0 ? JobRun.ChannelIds : null);
            return ChannelText(scope) + ": " + new TransactionValidation(Session.Database).Preview(scope, Date) + " cash-and-carry sales to validate";
        }

        protected override string ChannelOf(Transaction r) => r.ChannelId;

        protected override string DescribeRecord(Transaction r) => "sale " + r.TransactionId + " at " + r.ChannelId;

        protected override void ProcessChunk(RecordRun run, List<Transaction> chunk)
        {
            new TransactionValidation(Session.Database).ValidateRecords(run, chunk, ChunkSize, WriteVerbose);
            var keys = new HashSet<string>(chunk.Select(c => c.ChannelId + "\n" + c.TransactionId), StringComparer.OrdinalIgnoreCase);
            var states = Session.Transactions.Read(transactionIds: chunk.Select(t => t.TransactionId).Distinct().ToArray(), includeLines: false)
                .Where(t => keys.Contains(t.ChannelId + "\n" + t.TransactionId)).ToList();
            foreach (var t in states)
            {
                WriteObject(t);
                if (t.Status == TransactionStatus.Pending)
                {
                    WriteRecordError(ErrorIds.NotUploaded, ErrorKind.InvalidOperation, "Sale " + t.TransactionId + " is still only in channel " + t.ChannelId + "'s database. Run Invoke-PJob first.", t);
                }
                else if (t.ValidationStatus == ValidationStatus.Error)
                {
                    WriteRecordError(ErrorIds.TransactionNotValid, ErrorKind.InvalidData, "Sale " + t.TransactionId + " at " + t.ChannelId + " did not validate: " + t.ValidationError, t);
                }
            }
        }
    }
}
