using System.Management.Automation;
using CommerceSync.Jobs;

namespace CommerceSync
{
    /// <summary>
    /// The whole conversion the way admins schedule it: P-job, Synchronize customers and channel requests, Synchronize orders
    /// and job 1010, in order, in bulk mode; one ConversionResult comes out. -Channel limits the uploads, conversions and
    /// orders to those channels; job 1010 still sends to every channel database.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "AsyncCustomerConversion", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ConversionResult))]
    public sealed class InvokeAsyncCustomerConversion : ChannelScopedCmdlet
    {
        private const string Activity = "Convert async customers";

        /// <summary>Records per transaction in every step (default: each job's own).</summary>
        [Parameter]
        [ValidateRange(1, 1000000)]
        public int ChunkSize { get; set; }

        protected override void ProcessCommerceRecord()
        {
            if (!TryResolveChannels(Channel, out var channels)) return;
            var scope = channels == null ? "all channels" : "channel " + string.Join(", ", channels);
            if (!ShouldProcess(scope, "P-job, Synchronize customers and channel requests, Synchronize orders, job 1010")) return;
            var cycle = new ConversionCycle(Session.Database);
            var steps = cycle.Steps.Count;
            var options = new JobOptions
            {
                ChannelIds = channels,
                ChunkSize = MyInvocation.BoundParameters.ContainsKey(nameof(ChunkSize)) ? ChunkSize : (int?)null,
                Cancellation = Cancellation,
                Log = WriteVerbose,
            };
            // Each step's bar nests under the cycle's; the step's own clock times what is left of it.
            var stepClock = System.Diagnostics.Stopwatch.StartNew();
            if (ProgressIsShown()) options.Progress = p => Progress(JobProgressRecord(2, p.Job, p, stepClock.Elapsed, 1));
            var result = cycle.Run(options,
                (i, job) =>
                {
                    stepClock.Restart();
                    WriteProgressRecord(new ProgressRecord(1, Activity, "Step " + (i + 1) + " of " + steps + ": " + job + " (" + scope + ")") { PercentComplete = i * 100 / steps });
                },
                run =>
                {
                    CompleteProgress(run.Job, 2);
                    ReportRun(run, "See Get-AsyncCustomerOperation -SyncStatus Failed.");
                });
            CompleteProgress(Activity);
            WriteInformation(Activity + ": " + result, new[] { "CommerceSync" });
            WriteObject(result);
        }
    }
}
