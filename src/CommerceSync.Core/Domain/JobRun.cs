using System;

namespace CommerceSync
{
    /// <summary>One run of a batch job, as recorded in the store.</summary>
    public sealed class JobRun : IStoreObject
    {
        /// <summary>The store this came from (path, or connection string without its password); binds to -Store by property name.</summary>
        public string Store { get; set; }

        public long RunId { get; set; }
        public string Job { get; set; }
        public string[] ChannelIds { get; set; } = Array.Empty<string>();
        public JobRunMode Mode { get; set; }
        public DateTime Started { get; set; }
        public DateTime? Finished { get; set; }
        public long Processed { get; set; }
        public long Failed { get; set; }
        public JobRunStatus Status { get; set; }
        /// <summary>The run whose output this run processed, when a JobRun was piped in.</summary>
        public long? SourceRunId { get; set; }
        public string Message { get; set; }

        public TimeSpan? Duration => Finished.HasValue ? Finished.Value - Started : (TimeSpan?)null;

        public override string ToString() => Job + " #" + RunId + " " + Status;
    }
}
