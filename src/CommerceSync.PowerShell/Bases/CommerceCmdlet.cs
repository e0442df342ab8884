using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using CommerceSync.Application;
using CommerceSync.Data;

namespace CommerceSync
{
    /// <summary>
    /// What every CommerceSync cmdlet shares: the -Store parameter and its resolution, one open store per invocation,
    /// core errors turned into ErrorRecords with stable ids, throttled progress, and Ctrl+C as cancellation.
    /// </summary>
    public abstract class CommerceCmdlet : PSCmdlet, IDisposable
    {
        private StoreDatabase database;
        private readonly CancellationTokenSource cancel = new CancellationTokenSource();

        /// <summary>
        /// The store to use: a path or a store object. Default: the session's store, $env:COMMERCESYNC_STORE, or the per-user
        /// store. Binds by property name from any object's Store (and a store object's StorePath), so a pipeline stays on the
        /// store its objects came from.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("StorePath")]
        [StoreTransformation]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(StorePathCompleter))]
        public Store Store { get; set; }

        // The store this invocation opened, as objects show it: every record after the first must come from it too.
        private string openedLocation;
        private Store checkedStore;

        protected CancellationToken Cancellation => cancel.Token;

        /// <summary>The open store, opened on first use. The per-user default store is created when missing.</summary>
        private StoreDatabase Db
        {
            get
            {
                if (database != null)
                {
                    CheckSameStore();
                    return database;
                }
                var (location, source) = StoreResolution.Resolve(Store, SessionState);
                WriteVerbose("Using store " + location + " (" + source + ").");
                if (source == StoreSource.Default && StoreResolution.FirstFallbackToDefault())
                {
                    // A missing or failed Connect-CommerceStore must never send a session's work somewhere else unnoticed.
                    WriteWarning("No store was chosen for this session, so CommerceSync uses the per-user default store '" + location +
                        "'. Choose another with Connect-CommerceStore, -Store or $env:" + StoreResolution.EnvironmentVariable + ".");
                }
                try
                {
                    if (source == StoreSource.Default && !CreatesDefaultStore && !System.IO.File.Exists(location.FilePath))
                    {
                        throw new CommerceSyncException(ErrorIds.StoreNotFound, ErrorKind.NotFound,
                            "The per-user default store '" + location + "' does not exist yet, and reading it creates nothing. " +
                            "Create a store with New-CommerceStore or Connect-CommerceStore -Create, or choose one with -Store.", location);
                    }
                    database = StoreDatabase.Open(location, createIfMissing: source == StoreSource.Default);
                    openedLocation = location.Display;
                }
                catch (CommerceSyncException ex)
                {
                    ThrowTerminatingError(ToErrorRecord(ex));
                }
                return database;
            }
        }

        private CommerceSession session;

        /// <summary>What the cmdlet calls: the open store (see <see cref="Db"/>), by area.</summary>
        protected CommerceSession Session
        {
            get
            {
                var db = Db;
                if (session == null || !ReferenceEquals(session.Database, db)) session = new CommerceSession(db);
                return session;
            }
        }

        /// <summary>
        /// Whether this cmdlet creates the per-user default store when it is missing: those that change data (they support
        /// -WhatIf) do; a read of a store that does not exist yet creates nothing.
        /// </summary>
        protected virtual bool CreatesDefaultStore =>
            ((CmdletAttribute)Attribute.GetCustomAttribute(GetType(), typeof(CmdletAttribute)))?.SupportsShouldProcess == true;

        protected override void StopProcessing()
        {
            cancel.Cancel();
        }

        /// <summary>
        /// Piped objects rebind -Store to the store they came from. Objects of a second store in the same pipeline would be
        /// processed against the first one: refuse that (StoreMismatch) instead.
        /// </summary>
        private void CheckSameStore()
        {
            if (openedLocation == null || Store == null || ReferenceEquals(Store, checkedStore)) return;
            checkedStore = Store;
            var now = StoreResolution.Resolve(Store, SessionState).Location.Display;
            if (!string.Equals(now, openedLocation, StringComparison.Ordinal)) ThrowStoreMismatch(now, openedLocation);
        }

        private void ThrowStoreMismatch(string other, string used) =>
            ThrowTerminatingError(ToErrorRecord(new CommerceSyncException(ErrorIds.StoreMismatch, ErrorKind.InvalidArgument,
                "An object piped in comes from the store '" + other + "', but this command works on '" + used +
                "'. Pipe objects of one store at a time, or leave -Store out so the objects' own store is used.", other)));

        /// <summary>
        /// An object piped in must come from the store this command uses: with -Store on the command line, PowerShell does not
        /// rebind it from the objects, so a record of another store is caught here, before the cmdlet acts on it.
        /// </summary>
        private void CheckPipedObjects()
        {
            if (!MyInvocation.ExpectingInput) return;
            string location = null;
            foreach (var value in MyInvocation.BoundParameters.Values)
            {
                var values = value is System.Collections.IEnumerable list && !(value is string) ? list.Cast<object>() : new[] { value };
                foreach (var o in values)
                {
                    var piped = (o is PSObject pso ? pso.BaseObject : o) as IStoreObject;
                    if (piped?.Store == null) continue;
                    if (location == null) location = StoreResolution.Resolve(Store, SessionState).Location.Display;
                    if (!string.Equals(piped.Store, location, StringComparison.Ordinal)) ThrowStoreMismatch(piped.Store, location);
                }
            }
        }

        /// <summary>Writes an object marked with the store it came from (its Store property binds the next cmdlet's -Store).</summary>
        protected new void WriteObject(object sendToPipeline)
        {
            Stamp(sendToPipeline);
            base.WriteObject(sendToPipeline);
        }

        protected new void WriteObject(object sendToPipeline, bool enumerateCollection)
        {
            if (!enumerateCollection || !(sendToPipeline is System.Collections.IEnumerable items) || sendToPipeline is string)
            {
                WriteObject(sendToPipeline);
                return;
            }
            foreach (var item in items) WriteObject(item);
        }

        private void Stamp(object o)
        {
            if (openedLocation == null) return;
            if (o is IStoreObject s && s.Store == null) s.Store = openedLocation;
            if (o is ConversionResult r) foreach (var run in r.Runs) Stamp(run);
            // A customer's addresses pipe on by themselves (Get-AsyncCustomer | ForEach-Object Addresses | Set-AsyncCustomerAddress).
            if (o is AsyncCustomer c) foreach (var a in c.Addresses) Stamp(a);
        }

        // Every cmdlet's body runs inside a guard, so a core error that a cmdlet did not map itself still reaches the user with
        // its CommerceSync error id (never as a raw exception type), and the store always closes.
        protected sealed override void ProcessRecord()
        {
            if (TakesRows) NoteRow();
            Guard(() =>
            {
                CheckPipedObjects();
                CheckSameStore();
                ProcessCommerceRecord();
            });
        }

        /// <summary>Whether this cmdlet takes rows (Import-Csv, ConvertFrom-Csv) by property name: those get the row checks.</summary>
        protected virtual bool TakesRows => false;

        /// <summary>The row being processed (1-based position in the pipeline) and the object itself; 0 and null without pipeline input.</summary>
        protected long Row { get; private set; }
        protected PSObject RowObject { get; private set; }
        private bool columnsChecked;

        // PowerShell keeps the current pipeline object on the command ($_ in script cmdlets); a compiled cmdlet without a
        // ValueFromPipeline parameter has no public way to it. Without it the checks are skipped, never the record.
        private static readonly System.Reflection.PropertyInfo CurrentPipelineObject = typeof(Cmdlet).BaseType?.GetProperty("CurrentPipelineObject",
            System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public);

        /// <summary>The object piped in for the record being processed (unwrapped), or null without pipeline input.</summary>
        protected object PipelineInput
        {
            get
            {
                if (!MyInvocation.ExpectingInput) return null;
                try
                {
                    var o = CurrentPipelineObject?.GetValue(this);
                    return o is PSObject p ? p.BaseObject : o;
                }
                catch (Exception ex) when (ex is System.Reflection.TargetInvocationException || ex is MemberAccessException)
                {
                    return null;
                }
            }
        }

        private void NoteRow()
        {
            if (!MyInvocation.ExpectingInput) return;
            Row++;
            RowObject = null;
            try { RowObject = CurrentPipelineObject?.GetValue(this) as PSObject; }
            catch (Exception ex) when (ex is System.Reflection.TargetInvocationException || ex is MemberAccessException) { }
            // Rows are property bags (Import-Csv, ConvertFrom-Csv, [pscustomobject]); typed objects piped on keep their own errors.
            if (RowObject != null && !(RowObject.BaseObject is PSCustomObject)) RowObject = null;
            if (columnsChecked || RowObject == null) return;
            // A column that binds to no parameter is data the user thinks was imported: say so once for the pipeline.
            columnsChecked = true;
            var known = new System.Collections.Generic.HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var p in MyInvocation.MyCommand.Parameters.Values)
            {
                known.Add(p.Name);
                foreach (var a in p.Aliases) known.Add(a);
            }
            var unbound = new System.Collections.Generic.List<string>();
            foreach (var prop in RowObject.Properties)
            {
                if (!known.Contains(prop.Name)) unbound.Add("'" + prop.Name + "'");
            }
            if (unbound.Count > 0)
            {
                WriteWarning("The input's " + (unbound.Count == 1 ? "column " : "columns ") + string.Join(", ", unbound) + (unbound.Count == 1 ? " binds" : " bind") +
                    " to no parameter of " + MyInvocation.MyCommand.Name + " and " + (unbound.Count == 1 ? "is" : "are") + " ignored. Rename " + (unbound.Count == 1 ? "it" : "them") +
                    " to a parameter name (Get-Help " + MyInvocation.MyCommand.Name + " -Parameter *), e.g. with Select-Object @{ Name = 'Email'; Expression = { $_.'E-mail' } }.");
            }
        }

        protected sealed override void EndProcessing()
        {
            try
            {
                Guard(EndCommerceProcessing);
            }
            finally
            {
                CloseStore();
            }
        }

        /// <summary>The cmdlet's ProcessRecord.</summary>
        protected virtual void ProcessCommerceRecord() { }

        /// <summary>The cmdlet's EndProcessing; the store closes after it.</summary>
        protected virtual void EndCommerceProcessing() { }

        private void Guard(Action body)
        {
            try
            {
                body();
            }
            catch (CommerceSyncException ex)
            {
                ThrowTerminatingError(ToErrorRecord(ex));
            }
        }

        protected void CloseStore()
        {
            database?.Dispose();
            database = null;
            session = null;
        }

        /// <summary>Runs when the cmdlet ends by any path, Ctrl+C included, before the store closes.</summary>
        protected virtual void OnClosing() { }

        public void Dispose()
        {
            try
            {
                if (database != null) OnClosing();
            }
            catch (CommerceSyncException)
            {
                // The store may be busy or gone while stopping; the run shows as interrupted at the next job start.
            }
            CloseStore();
            cancel.Dispose();
            GC.SuppressFinalize(this);
        }

        internal static ErrorCategory Category(ErrorKind kind)
        {
            switch (kind)
            {
                case ErrorKind.NotFound: return ErrorCategory.ObjectNotFound;
                case ErrorKind.AlreadyExists: return ErrorCategory.ResourceExists;
                case ErrorKind.InvalidData: return ErrorCategory.InvalidData;
                case ErrorKind.InvalidOperation: return ErrorCategory.InvalidOperation;
                case ErrorKind.ResourceBusy: return ErrorCategory.ResourceBusy;
                case ErrorKind.NotSupported: return ErrorCategory.NotImplemented;
                case ErrorKind.PermissionDenied: return ErrorCategory.PermissionDenied;
                case ErrorKind.ConnectionError: return ErrorCategory.ConnectionError;
                default: return ErrorCategory.InvalidArgument;
            }
        }

        protected static ErrorRecord ToErrorRecord(CommerceSyncException ex, object target = null) =>
            new ErrorRecord(ex, ex.ErrorId, Category(ex.Kind), target ?? ex.Target);

        /// <summary>Runs <paramref name="action"/>; a core error becomes a non-terminating error for this record (-ErrorAction Stop makes it terminating).</summary>
        protected bool TryRecord(Action action, object target = null)
        {
            try
            {
                action();
                return true;
            }
            catch (CommerceSyncException ex) when (ex.ErrorId != ErrorIds.StoreBusy && ex.ErrorId != ErrorIds.StoreReadOnly)
            {
                WriteCommerceError(RowObject != null ? RowError(ex) : ToErrorRecord(ex, target));
                return false;
            }
            catch (CommerceSyncException ex)
            {
                ThrowTerminatingError(ToErrorRecord(ex, target));
                return false;
            }
            catch (System.IO.IOException ex) when (StoreFailures.IsDiskFull(ex))
            {
                ThrowDiskFull(ex);
                return false;
            }
            catch (System.Data.Common.DbException ex) when (StoreFailures.Translate(ex, session) is CommerceSyncException translated)
            {
                ThrowTerminatingError(ToErrorRecord(translated, target));
                return false;
            }
        }

        // A row of many that fails targets the row itself, and the message says which one it was.
        private ErrorRecord RowError(CommerceSyncException ex) =>
            new ErrorRecord(ex, ex.ErrorId, Category(ex.Kind), RowObject) { ErrorDetails = new ErrorDetails("Row " + Row + " of the input: " + ex.Message) };

        /// <summary>A full disk stops the cmdlet with StoreFull, whatever file was being written.</summary>
        private void ThrowDiskFull(System.IO.IOException ex)
        {
            var full = (CommerceSyncException)StoreFailures.Translate(ex, session?.Maintenance.Location ?? "the store");
            ThrowTerminatingError(ToErrorRecord(full));
        }

        /// <summary>Runs <paramref name="action"/>; a core error stops the cmdlet.</summary>
        protected T Terminating<T>(Func<T> action, object target = null)
        {
            try
            {
                return action();
            }
            catch (CommerceSyncException ex)
            {
                ThrowTerminatingError(ToErrorRecord(ex, target));
                return default(T);
            }
            catch (System.IO.IOException ex) when (StoreFailures.IsDiskFull(ex))
            {
                ThrowDiskFull(ex);
                return default(T);
            }
            catch (System.Data.Common.DbException ex) when (StoreFailures.Translate(ex, session) is CommerceSyncException translated)
            {
                ThrowTerminatingError(ToErrorRecord(translated, target));
                return default(T);
            }
        }

        protected void WriteRecordError(string errorId, ErrorKind kind, string message, object target) =>
            WriteCommerceError(new ErrorRecord(new CommerceSyncException(errorId, kind, message, target), errorId, Category(kind), target));

        /// <summary>
        /// What every finished job run tells a runbook: one Information record (tag CommerceSync) with its summary, for transcripts
        /// and -InformationVariable; and when any record failed, a non-terminating RecordsFailed error with the run as its
        /// target, so $? is false, -ErrorAction Stop stops the script and `pwsh -File` exits non-zero.
        /// </summary>
        // The top reasons name some of the failures; the count of the rest keeps the message true.
        private static string More(long rest) => rest > 0 ? "; and " + rest + " more" : "";

        protected void ReportRun(JobRun run, string failureHint)
        {
            var summary = run.Job + " run " + run.RunId + ": " + run.Status + ", " + run.Processed + " processed, " + run.Failed + " failed, " + run.Customers + " customers.";
            WriteVerbose(summary);
            WriteInformation(summary, new[] { "CommerceSync" });
            if (run.Failed == 0) return;
            var reasons = Session.Runs.TopFailures(run);
            var message = run.Job + " run " + run.RunId + ": " + run.Failed + " of " + (run.Processed + run.Failed) + " records failed" +
                (reasons.Count == 0 ? "." : ": " + string.Join("; ", reasons.Select(r => r.Count + " x " + r.Reason.TrimEnd('.'))) + More(run.Failed - reasons.Sum(r => (long)r.Count)) + ".") + " " + failureHint;
            WriteCommerceError(new ErrorRecord(new CommerceSyncException(ErrorIds.RecordsFailed, ErrorKind.InvalidData, message, run), ErrorIds.RecordsFailed, ErrorCategory.InvalidData, run));
        }

        /// <summary>
        /// The channels a -Channel list names (wildcards expanded), null for "every channel". One rule for every cmdlet: a
        /// channel that does not exist is a non-terminating ChannelNotFound error with the value as target, and the rest go on;
        /// when none is left the result is empty, and the cmdlet has nothing to do.
        /// </summary>
        protected string[] ResolveChannels(IEnumerable<string> channels)
        {
            if (channels == null) return null;
            var found = new List<string>();
            var store = Session.Channels;
            foreach (var c in channels)
            {
                try
                {
                    found.AddRange(store.Resolve(new[] { c }));
                }
                catch (CommerceSyncException ex) when (ex.ErrorId == ErrorIds.ChannelNotFound)
                {
                    WriteCommerceError(ToErrorRecord(ex, c));
                }
            }
            return found.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        }

        /// <summary>
        /// <see cref="ResolveChannels"/>, and whether the cmdlet has anything to do: false when every channel named is unknown
        /// (ChannelNotFound said so for each). <paramref name="channels"/> is null for "every channel".
        /// </summary>
        protected bool TryResolveChannels(IEnumerable<string> named, out string[] channels)
        {
            channels = ResolveChannels(named);
            return channels == null || channels.Length > 0;
        }

        /// <summary>
        /// The one channel a single -Channel value names (no wildcards): the rule of <see cref="ResolveChannels"/> for a cmdlet
        /// that acts at one channel, except that a channel that does not exist stops it (ChannelNotFound, the value as target).
        /// </summary>
        protected Channel ResolveChannel(string channel) => Terminating(() => Session.Channels.Get(channel), channel);

        /// <summary>The last non-terminating error this cmdlet wrote: what stopped it, when -ErrorAction Stop made that error terminating.</summary>
        protected ErrorRecord LastError { get; private set; }

        protected void WriteCommerceError(ErrorRecord error)
        {
            LastError = error;
            WriteError(error);
        }

        private readonly Stopwatch progressClock = Stopwatch.StartNew();
        private long lastProgress = -1000;
        // Bars shown and not completed yet: id -> (activity, parent id, source id), so each is completed once, under its parent.
        private readonly Dictionary<int, (string Activity, int Parent, long Source)> shownProgress = new Dictionary<int, (string, int, long)>();

        /// <summary>Progress at most five times a second; always closed by <see cref="CompleteProgress"/>.</summary>
        protected void Progress(string activity, string status, int percent = -1, int id = 1, int parentId = -1) =>
            Progress(new ProgressRecord(id, activity, status) { PercentComplete = percent, ParentActivityId = parentId });

        /// <summary>A progress record, throttled to five a second (per cmdlet, or per <paramref name="throttle"/> when given).</summary>
        protected internal void Progress(ProgressRecord record, long sourceId = 0, ProgressThrottle throttle = null)
        {
            if (throttle != null)
            {
                if (!throttle.Due()) return;
            }
            else
            {
                var now = progressClock.ElapsedMilliseconds;
                if (now - lastProgress < ProgressThrottle.IntervalMs) return;
                lastProgress = now;
            }
            WriteProgressRecord(record, sourceId);
        }

        /// <summary>Whether progress records are shown at all ($ProgressPreference): counting what is due is worth it only then.</summary>
        protected bool ProgressIsShown() =>
            !(GetVariableValue("ProgressPreference") is ActionPreference p) || (p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore);

        /// <summary>
        /// Writes a record now. A nonzero <paramref name="sourceId"/> puts it beside the records other cmdlets of the same pipeline
        /// write with it: a host nests a bar under its parent only within one source.
        /// </summary>
        protected internal void WriteProgressRecord(ProgressRecord record, long sourceId = 0, bool track = true)
        {
            if (track && record.RecordType == ProgressRecordType.Processing) shownProgress[record.ActivityId] = (record.Activity, record.ParentActivityId, sourceId);
            if (sourceId != 0) CommandRuntime.WriteProgress(sourceId, record);
            else WriteProgress(record);
        }

        /// <summary>Completes the bar with this id if it was shown (under the parent it was shown under).</summary>
        protected internal void CompleteProgress(string activity, int id = 1)
        {
            (string Activity, int Parent, long Source) shown;
            if (!shownProgress.TryGetValue(id, out shown)) return;
            shownProgress.Remove(id);
            WriteProgressRecord(new ProgressRecord(id, shown.Activity ?? activity, "Done") { RecordType = ProgressRecordType.Completed, ParentActivityId = shown.Parent }, shown.Source);
        }

        /// <summary>
        /// A bulk run's progress as a record: its counts, the percent of what was due at the start and the seconds left at the rate
        /// so far (when that was counted), and the channel it is working on.
        /// </summary>
        internal static string WithChannels(string status, string channels) => string.IsNullOrEmpty(channels) ? status : status + " (" + channels + ")";

        protected static ProgressRecord JobProgressRecord(int id, string activity, Jobs.JobProgress p, TimeSpan elapsed, int parentId = -1)
        {
            // The channel goes in the status too: PowerShell 7's minimal progress view shows no current operation.
            var record = new ProgressRecord(id, activity, WithChannels(p.Status, string.IsNullOrEmpty(p.ChannelId) ? null : "channel " + p.ChannelId)) { ParentActivityId = parentId };
            if (!string.IsNullOrEmpty(p.ChannelId)) record.CurrentOperation = "Channel " + p.ChannelId;
            if (p.Total.HasValue) ProgressThrottle.Estimate(record, p.Done, p.Total.Value, elapsed);
            return record;
        }
    }
}
