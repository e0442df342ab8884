using System.Management.Automation;

namespace CommerceSync
{
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
            var runs = Session.Runs;
            if (ParameterSetName == "Id")
            {
                foreach (var id in RunId) TryRecord(() => WriteObject(runs.Get(id)), id);
                return;
            }
            if (!TryResolveChannels(Channel, out var channels)) return;
            WriteObject(runs.List(Job, channels, Last > 0 ? Last : (int?)null, Status), true);
        }
    }
}
