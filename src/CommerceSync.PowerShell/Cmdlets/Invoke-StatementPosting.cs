using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using CommerceSync.Jobs;

namespace CommerceSync
{
    /// <summary>
    /// Posts statements in the store's posting mode. Legacy: a statement per store and business day, syncing referenced async customers
    /// first. Trickle feed: validates the sales not posted, posts the Successful ones in transactional statements, and with -EndOfDay
    /// closes each store day with a financial statement.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "StatementPosting", SupportsShouldProcess = true)]
    [OutputType(typeof(Statement))]
    public sealed class InvokeStatementPosting : ChannelScopedCmdlet
    {
        private readonly List<string> channels = new List<string>();

        /// <summary>Only this business day. Default: every day with sales not yet posted.</summary>
        [Parameter]
        public DateTime BusinessDate { get; set; }

        /// <summary>Trickle feed: also close each store day with a financial statement of its tenders. (Legacy posting is always end of day.)</summary>
        [Parameter]
        public SwitchParameter EndOfDay { get; set; }

        protected override void ProcessCommerceRecord()
        {
            if (Channel != null) channels.AddRange(Channel);
        }

        protected override void EndCommerceProcessing()
        {
            try
            {
                if (MyInvocation.ExpectingInput && channels.Count == 0) return;
                string[] scope = null;
                if (channels.Count > 0 && !TryResolveChannels(channels, out scope)) return;
                DateTime? date = MyInvocation.BoundParameters.ContainsKey(nameof(BusinessDate)) ? BusinessDate.Date : (DateTime?)null;
                var posting = new StatementPosting(Session.Database);
                var days = posting.Preview(scope, date, EndOfDay.IsPresent);
                var trickle = Session.Maintenance.StatementPostingMode == StatementPostingMode.TrickleFeed;
                var target = (scope == null ? "all channels" : "channel " + string.Join(", ", scope)) + ": " + days.Count + " store days (" +
                    string.Join(", ", days.Take(10).Select(d => d.ChannelId + " " + d.BusinessDate)) + (days.Count > 10 ? ", ..." : "") + ")";
                var action = !trickle ? "Calculate and post statements (legacy)"
                    : "Validate sales, post transactional statements" + (EndOfDay.IsPresent ? " and close the days with financial statements" : "") + " (trickle feed)";
                if (!ShouldProcess(target, action)) return;
                JobRun run = null;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var statements = Terminating(() => posting.Run(new JobOptions
                {
                    ChannelIds = scope,
                    Cancellation = Cancellation,
                    Log = WriteVerbose,
                    Progress = ProgressIsShown() ? p => Progress(JobProgressRecord(1, "Statement posting", p, clock.Elapsed)) : (Action<JobProgress>)null,
                }, date, EndOfDay.IsPresent, out run));
                foreach (var s in statements.Where(s => s.Status == StatementStatus.Failed))
                {
                    WriteWarning("Statement " + s.StatementId + " (" + s.ChannelId + ", " + s.BusinessDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ") was not posted. " + s.Error);
                }
                if (trickle && run != null && run.Failed > 0)
                {
                    var reasons = Session.Reports.HeldByValidation(scope, date);
                    WriteWarning(run.Failed + " sale(s) held by validation wait for a later run: " +
                        string.Join("; ", reasons.Take(3).Select(r => r.Count + " x " + r.Reason.TrimEnd('.'))) + ". See Get-CommerceTransaction -ValidationStatus Error.");
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
}
