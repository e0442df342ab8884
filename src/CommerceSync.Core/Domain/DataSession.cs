using System;

namespace CommerceSync
{
    /// <summary>
    /// One Commerce Data Exchange session (dev-itpro/define-retail-channel-communications-cdx.md): a P-job upload of a channel,
    /// or a download of a distribution schedule into one channel or offline database, in one run.
    /// </summary>
    public sealed class DataSession : IStoreObject
    {
        /// <summary>The store this came from (path, or connection string without its password); binds to -Store by property name.</summary>
        public string? Store { get; set; }

        public long SessionId { get; set; }
        public DataSessionType Type { get; set; }
        /// <summary>The distribution schedule (1010) of a download, or P-0001 (Channel transactions) for the P-job's uploads.</summary>
        public string? ScheduleId { get; set; }
        public string? ChannelId { get; set; }
        public ChannelDatabaseKind Database { get; set; }
        public DataSessionStatus Status { get; set; }
        /// <summary>Rows moved: uploaded rows of every async table and sales, or customers written into the database.</summary>
        public long Rows { get; set; }
        public string? Error { get; set; }
        /// <summary>The job run the session belongs to (Get-CommerceJobRun -RunId).</summary>
        public long RunId { get; set; }
        public DateTime Started { get; set; }
        public DateTime Finished { get; set; }

        public override string? ToString() => SessionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
