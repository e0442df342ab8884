using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Lists the Commerce Data Exchange sessions: each P-job upload of a channel and each job 1010 download into a channel or offline database.</summary>
    [Cmdlet(VerbsCommon.Get, "CommerceDataSession")]
    [OutputType(typeof(DataSession))]
    public sealed class GetCommerceDataSession : CommerceCmdlet
    {
        /// <summary>Upload (the P-job, channel to HQ) or Download (job 1010, HQ to a database).</summary>
        [Parameter(Position = 0)]
        public DataSessionType Type { get; set; }

        /// <summary>Only sessions of these channels; wildcards allowed.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public string[] Channel { get; set; }

        /// <summary>Only sessions that ended so: Applied, Failed or Skipped.</summary>
        [Parameter]
        public DataSessionStatus[] Status { get; set; }

        /// <summary>Only sessions of these runs (a JobRun from Invoke-PJob or Invoke-Job1010 binds by property name).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RunIdCompleter))]
        public long[] RunId { get; set; }

        /// <summary>Only sessions into channel databases (Channel) or registers' offline databases (Offline).</summary>
        [Parameter]
        public ChannelDatabaseKind Database { get; set; }

        /// <summary>Only the newest N sessions (after the other filters).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Last { get; set; }

        protected override void ProcessCommerceRecord()
        {
            if (!TryResolveChannels(Channel, out var channels)) return;
            var bound = MyInvocation.BoundParameters;
            WriteObject(Session.Runs.Sessions(bound.ContainsKey(nameof(Type)) ? Type : (DataSessionType?)null, channels, Status, RunId,
                bound.ContainsKey(nameof(Database)) ? Database : (ChannelDatabaseKind?)null, Last > 0 ? Last : (int?)null), true);
        }
    }
}
