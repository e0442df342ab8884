using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CommerceSync.Jobs;

namespace CommerceSync
{
    /// <summary>
    /// What the job cmdlets share. Bulk mode (no records piped in) runs the core job over everything due and writes one JobRun;
    /// record mode buffers piped records into chunks, runs them, and writes the processed records. Both are recorded as a job run.
    /// </summary>
    public abstract class JobCmdlet<TRecord> : CommerceCmdlet where TRecord : class
    {
        private readonly List<TRecord> buffer = new List<TRecord>();
        private readonly List<string> pipedChannels = new List<string>();
        private RecordRun recordRun;
        private readonly List<JobRun> sourceRuns = new List<JobRun>();

        /// <summary>Records per transaction. Smaller chunks mean shorter locks; larger ones, fewer commits.</summary>
        [Parameter]
        [ValidateRange(1, 1000000)]
        public int ChunkSize { get; set; } = 5000;

        protected abstract string JobName { get; }
        protected abstract string Activity { get; }

        /// <summary>Bulk mode over these channels (wildcards allowed), also bound from piped channels; default every channel.</summary>
        [Parameter(Position = 0, ParameterSetName = "Bulk", ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public string[] Channel { get; set; }

        /// <summary>The run piped in, if any.</summary>
        protected virtual JobRun SourceRun => null;

        /// <summary>Whether a piped run limits this job to the run's channels (job 1010 sends to every channel regardless).</summary>
        protected virtual bool SourceRunNamesChannels => true;

        /// <summary>Records piped in (record mode), if any.</summary>
        protected abstract IEnumerable<TRecord> PipedRecords { get; }

        protected abstract JobRun RunBulk(JobOptions options);
        protected abstract string DescribeBulk(string[] channels);
        protected abstract void ProcessChunk(RecordRun run, List<TRecord> chunk);
        protected abstract string DescribeRecord(TRecord record);

        protected RecordRun Run => recordRun ?? (recordRun = new RecordRun(Session.Database, JobName));

        /// <summary>The channel a piped record belongs to, for progress (null when the record does not say).</summary>
        protected virtual string ChannelOf(TRecord record) => null;

        private PipelineProgress pipelineProgress;
        private PipelineProgress.Stage stage;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // Every command's BeginProcessing runs before the first record flows, so each job of a pipeline joins in order.
            if (MyInvocation.ExpectingInput || MyInvocation.PipelineLength > 1) (pipelineProgress, stage) = PipelineProgress.Join(this, JobName, Activity);
        }

        protected override void ProcessCommerceRecord()
        {
            var records = PipedRecords;
            if (records != null)
            {
                if (!MyInvocation.ExpectingInput)
                {
                    var given = records.ToList();
                    givenCount += given.Count;
                    records = given;
                    if (stage != null)
                    {
                        // Records given by parameter are all the input there is: the stage's bar has a percent from the start.
                        stage.Received += given.Count;
                        stage.InputComplete = true;
                    }
                }
                foreach (var r in records)
                {
                    if (r == null || !ShouldProcess(DescribeRecord(r), Activity)) continue;
                    buffer.Add(r);
                    if (stage != null && MyInvocation.ExpectingInput) stage.Received++;
                    if (buffer.Count >= ChunkSize) Flush();
                }
                return;
            }
            if (Channel != null) pipedChannels.AddRange(Channel);
            if (SourceRun != null) sourceRuns.Add(SourceRun);
        }

        protected override void EndCommerceProcessing()
        {
            try
            {
                if (recordRun != null || buffer.Count > 0)
                {
                    Flush();
                    recordRun?.Complete();
                    if (recordRun?.Run != null) Report(recordRun.Run);
                }
                else if (sourceRuns.Count > 0)
                {
                    // Runs piped in: one run over their channels. A run that covered every channel stands for them all.
                    var everyChannel = sourceRuns.FirstOrDefault(r => r.ChannelIds.Length == 0);
                    var channels = !SourceRunNamesChannels || everyChannel != null ? null
                        : sourceRuns.SelectMany(r => r.ChannelIds).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
                    RunBulkNow(channels, everyChannel ?? sourceRuns[sourceRuns.Count - 1]);
                }
                else if (pipedChannels.Count > 0)
                {
                    RunBulkNow(pipedChannels.ToArray(), null);
                }
                else if (!MyInvocation.ExpectingInput)
                {
                    // Nothing piped and nothing named: everything due. A pipeline that delivered nothing does nothing.
                    RunBulkNow(null, null);
                }
                CompleteProgress(Activity);
                pipelineProgress?.Finish(this, stage);
            }
            finally
            {
                base.EndCommerceProcessing();
            }
        }

        protected override void OnClosing()
        {
            recordRun?.Interrupt("Stopped before the pipeline finished; run the job again to finish.");
        }

        private long flushed, givenCount;
        private readonly System.Diagnostics.Stopwatch progressClock = System.Diagnostics.Stopwatch.StartNew();

        private void Flush()
        {
            if (buffer.Count == 0) return;
            var chunk = new List<TRecord>(buffer);
            buffer.Clear();
            try
            {
                ProcessChunk(Run, chunk);
            }
            catch (CommerceSyncException ex)
            {
                Run.Fail(ex.Message);
                ThrowTerminatingError(ToErrorRecord(ex));
            }
            catch (PipelineStoppedException) when (LastError != null && !Cancellation.IsCancellationRequested)
            {
                // A record's error made terminating by -ErrorAction Stop (or $ErrorActionPreference): PowerShell stops the pipeline,
                // and the run ends Failed now, with that error. Ctrl+C (cancelled) and a downstream Select-Object -First (no error
                // of ours) stop it too: OnClosing marks those Interrupted.
                Run.Fail("Stopped by an error: " + LastError.Exception.Message);
                throw;
            }
            if (Run.Run == null) return;
            var status = Run.Run.Processed + " processed, " + Run.Run.Failed + " failed";
            var channels = chunk.Select(ChannelOf).Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var channelList = string.Join(", ", channels.Take(5)) + (channels.Count > 5 ? ", ..." : "");
            var channelText = channels.Count == 0 ? null : (channels.Count == 1 ? "Channel " : "Channels ") + channelList;
            // The channels go in the status too: PowerShell 7's minimal progress view shows no current operation.
            status = WithChannels(status, channels.Count == 0 ? null : (channels.Count == 1 ? "channel " : "channels ") + channelList);
            if (pipelineProgress != null)
            {
                stage.Flushed += chunk.Count;
                pipelineProgress.Report(this, stage, status, channelText);
            }
            else
            {
                // Records given by parameter (no pipeline): all of them are known, so the bar has a percent.
                var record = new ProgressRecord(1, Activity, status) { CurrentOperation = channelText };
                flushed += chunk.Count;
                if (givenCount > 0) ProgressThrottle.Estimate(record, flushed, givenCount, progressClock.Elapsed);
                Progress(record);
            }
        }

        private void RunBulkNow(string[] channels, JobRun source)
        {
            if (!TryResolveChannels(channels, out var resolved)) return;
            var description = OperationIsShown() ? Terminating(() => DescribeBulk(resolved)) : ChannelText(resolved);
            if (!ShouldProcess(description, Activity)) return;
            var options = new JobOptions
            {
                ChannelIds = resolved,
                ChunkSize = MyInvocation.BoundParameters.ContainsKey(nameof(ChunkSize)) ? ChunkSize : (int?)null,
                SourceRun = source,
                Cancellation = Cancellation,
                Log = WriteVerbose,
            };
            if (ProgressIsShown())
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                options.Progress = p => Progress(JobProgressRecord(1, Activity, p, clock.Elapsed));
            }
            ConfigureOptions(options);
            var run = Terminating(() => RunBulk(options));
            if (run != null)
            {
                // The run goes down the pipeline first: under -ErrorAction Stop the error below ends the script after it.
                WriteObject(run);
                Report(run);
            }
        }

        private void Report(JobRun run) => ReportRun(run, FailureHint);

        /// <summary>Where a user sees the failed records of this job and why.</summary>
        protected virtual string FailureHint => "See Get-AsyncCustomer -Status Failed for refused customers, and Get-AsyncCustomerOperation -SyncStatus Failed for every failed operation (addresses and attributes too).";

        protected virtual void ConfigureOptions(JobOptions options) { }

        /// <summary>
        /// Whether ShouldProcess will show its text (-WhatIf, -Confirm, -Verbose or the matching preferences). Counting what is
        /// due costs a pass over the store, worth paying only when somebody reads the answer.
        /// </summary>
        private bool OperationIsShown()
        {
            var bound = MyInvocation.BoundParameters;
            object value;
            foreach (var name in new[] { "WhatIf", "Confirm", "Verbose" })
            {
                if (bound.TryGetValue(name, out value)) { if (LanguagePrimitives.IsTrue(value)) return true; }
                else if (name == "WhatIf" && LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"))) return true;
                else if (name == "Confirm" && GetVariableValue("ConfirmPreference") is ConfirmImpact c && c != ConfirmImpact.None && c <= ConfirmImpact.Medium) return true;
                else if (name == "Verbose" && GetVariableValue("VerbosePreference") is ActionPreference v && v != ActionPreference.SilentlyContinue && v != ActionPreference.Ignore) return true;
            }
            return false;
        }

        protected static string ChannelText(string[] channels) => channels == null ? "all channels" : "channel " + string.Join(", ", channels);
    }
}
