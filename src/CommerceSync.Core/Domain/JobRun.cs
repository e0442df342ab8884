using System;

namespace CommerceSync
{
    /// <summary>One run of a batch job, as recorded in the store.</summary>
    public sealed class JobRun : IStoreObject
    {
        /// <summary>The store this came from (path, or connection string without its password); binds to -Store by property name.</summary>
        public string? Store { get; set; }

        public long RunId { get; set; }
        public string? Job { get; set; }
        public string[] ChannelIds { get; set; } = Array.Empty<string>();
        public JobRunMode Mode { get; set; }
        public DateTime Started { get; set; }
        public DateTime? Finished { get; set; }
        /// <summary>Rows the run processed: each customer, address, attribute, contact, affiliation, edit or transaction is a row, and job 1010 counts a customer once per database it was sent to.</summary>
        public long Processed { get; set; }
        /// <summary>Distinct customers the run touched (uploaded, converted or edited, distributed), each once however many rows, channels, databases or chunks it spanned.</summary>
        public long Customers { get; set; }
        public long Failed { get; set; }
        public JobRunStatus Status { get; set; }
        /// <summary>The run whose output this run processed, when a JobRun was piped in.</summary>
        public long? SourceRunId { get; set; }
        public string? Message { get; set; }

        public TimeSpan? Duration => Finished.HasValue ? Finished.Value - Started : (TimeSpan?)null;

        public override string ToString() => Job + " #" + RunId + " " + Status;
    }
}
