using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;

namespace CommerceSync
{
    /// <summary>
    /// One progress bar for the job cmdlets of one pipeline in record mode (Get-AsyncCustomer | Invoke-PJob | Convert-AsyncCustomer
    /// | Invoke-Job1010): a parent bar for the pipeline and each job's bar nested under it. The jobs write with one shared source
    /// id, since a host nests a bar under its parent only within one source.
    /// </summary>
    internal sealed class PipelineProgress
    {
        internal const int ParentId = 1;
        private static long lastSource = 0x43530000; // "CS": apart from the small ids PowerShell gives commands
        private static readonly ConditionalWeakTable<object, PipelineProgress> Pipelines = new ConditionalWeakTable<object, PipelineProgress>();
        private static readonly PropertyInfo PipelineProcessor =
            typeof(PSObject).Assembly.GetType("System.Management.Automation.MshCommandRuntime")?.GetProperty("PipelineProcessor", BindingFlags.NonPublic | BindingFlags.Instance);

        private readonly List<Stage> stages = new List<Stage>();
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private bool parentShown;

        public long SourceId { get; } = Interlocked.Increment(ref lastSource);
        // Each bar is throttled on its own, as each job's was before they shared a parent: a stage that runs inside the one
        // before it (records flow on as each chunk is written) must not use up that one's updates.
        private readonly ProgressThrottle parentThrottle = new ProgressThrottle();

        internal sealed class Stage
        {
            public string Job;
            public string Activity;
            public int Id;
            public long Received;
            public long Flushed;
            public bool Finished;
            public bool InputComplete;
            public readonly ProgressThrottle Throttle = new ProgressThrottle();
        }

        /// <summary>The progress of the pipeline this cmdlet runs in, joined as its next stage.</summary>
        public static (PipelineProgress Pipeline, Stage Stage) Join(Cmdlet cmdlet, string job, string activity)
        {
            object key = null;
            try { key = PipelineProcessor?.GetValue(cmdlet.CommandRuntime); }
            catch (Exception ex) when (ex is TargetInvocationException || ex is MemberAccessException) { }
            // Where the pipeline cannot be told (another host's runtime), the cmdlet is a pipeline of its own.
            var pipeline = Pipelines.GetValue(key ?? cmdlet, _ => new PipelineProgress());
            var stage = new Stage { Job = job, Activity = activity, Id = ParentId + 1 + pipeline.stages.Count };
            pipeline.stages.Add(stage);
            return (pipeline, stage);
        }

        private string ParentActivity => "Record mode: " + string.Join(" | ", stages.Select(s => s.Job));

        /// <summary>
        /// How far the pipeline is: its stages finished, and of the stage working now, the part of its input done once the stage
        /// before it has finished (so that input is all there is). The first stage's input is not known before it ends.
        /// </summary>
        private int Percent(out double fraction)
        {
            double done = 0;
            for (var i = 0; i < stages.Count; i++)
            {
                var s = stages[i];
                if (s.Finished) done += 1;
                else if (s.InputComplete && s.Received > 0) done += (double)s.Flushed / s.Received;
            }
            fraction = stages.Count == 0 ? 0 : done / stages.Count;
            return (int)Math.Min(100, Math.Floor(fraction * 100));
        }

        /// <summary>A stage finished a chunk of records: its bar and the parent's, throttled.</summary>
        public void Report(CommerceCmdlet writer, Stage stage, string status, string channels)
        {
            if (!stage.Throttle.Due()) return;
            if (parentThrottle.Due() || !parentShown) WriteParent(writer, stage);
            var record = new ProgressRecord(stage.Id, stage.Activity, status) { ParentActivityId = ParentId, CurrentOperation = channels };
            if (stage.InputComplete && stage.Received > 0) ProgressThrottle.Estimate(record, stage.Flushed, stage.Received, clock.Elapsed);
            writer.WriteProgressRecord(record, SourceId);
        }

        private void WriteParent(CommerceCmdlet writer, Stage working)
        {
            double fraction;
            var percent = Percent(out fraction);
            // Chunks flow through every job as each is written, so the jobs work by turns: say which one did last.
            var parent = new ProgressRecord(ParentId, ParentActivity, stages.Count(s => s.Finished) + " of " + stages.Count + " jobs done; now " + working.Activity) { PercentComplete = percent };
            if (fraction > 0) parent.SecondsRemaining = (int)Math.Ceiling(clock.Elapsed.TotalSeconds * Math.Max(0, 1 - fraction) / fraction);
            // Not tracked by the writing cmdlet: the parent outlives each stage, and the last one to finish completes it.
            writer.WriteProgressRecord(parent, SourceId, track: false);
            parentShown = true;
        }

        /// <summary>
        /// A stage is done: its bar completes, the next stage has all its input, and when no stage is left the parent completes.
        /// </summary>
        public void Finish(CommerceCmdlet writer, Stage stage)
        {
            stage.Finished = true;
            var next = stages.IndexOf(stage) + 1;
            if (next < stages.Count) stages[next].InputComplete = true;
            writer.CompleteProgress(stage.Activity, stage.Id);
            if (!parentShown) return;
            if (stages.All(s => s.Finished))
            {
                writer.WriteProgressRecord(new ProgressRecord(ParentId, ParentActivity, "Done") { RecordType = ProgressRecordType.Completed }, SourceId, track: false);
                parentShown = false;
            }
            else
            {
                // Not throttled: a stage ending is what moves the parent bar on.
                WriteParent(writer, stages.First(s => !s.Finished));
            }
        }
    }
}
