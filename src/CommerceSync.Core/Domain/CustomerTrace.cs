using System;

namespace CommerceSync
{
    /// <summary>Where one step of a customer's way from its store to every store stands.</summary>
    public enum TraceStepStatus
    {
        /// <summary>The step happened.</summary>
        Done,
        /// <summary>It did not happen yet: Fix says the command that makes it happen.</summary>
        Missing,
        /// <summary>It was tried and refused: Detail says why, Fix how to correct it.</summary>
        Failed,
        /// <summary>It does not apply (an offline database the schedule excludes, a customer created at HQ).</summary>
        Skipped,
    }

    /// <summary>One step of <see cref="CustomerTrace"/>.</summary>
    public sealed class CustomerTraceStep
    {
        /// <summary>Created, Uploaded, Converted, ChangedAtHeadquarters or Downloaded.</summary>
        public string? Step { get; set; }
        public TraceStepStatus Status { get; set; }
        public string? ChannelId { get; set; }
        /// <summary>For Downloaded: the channel database or the registers' offline database.</summary>
        public ChannelDatabaseKind? Database { get; set; }
        /// <summary>The job run that did it.</summary>
        public long? RunId { get; set; }
        /// <summary>The Commerce Data Exchange session that moved it (Get-CommerceDataSession).</summary>
        public long? SessionId { get; set; }
        public DateTime? At { get; set; }
        public string? Detail { get; set; }
        /// <summary>The command that makes a missing step happen, or corrects a failed one.</summary>
        public string? Fix { get; set; }

        public override string? ToString() => Step + (ChannelId == null ? "" : " " + ChannelId + (Database == null ? "" : "/" + Database)) + ": " + Status;
    }

    /// <summary>
    /// One customer walked through the conversion and distribution (Get-CommerceCustomerTrace): created at its store, uploaded,
    /// converted, changed at HQ, downloaded to each database of job 1010's groups; where it stopped and what fixes that.
    /// </summary>
    public sealed class CustomerTrace : IStoreObject
    {
        /// <summary>The store this came from (path, or connection string without its password); binds to -Store by property name.</summary>
        public string? Store { get; set; }

        public string? AccountNumber { get; set; }
        public string? AsyncCustomerId { get; set; }
        public string? DataAreaId { get; set; }
        /// <summary>The store that created the customer (none for a customer created at HQ).</summary>
        public string? ChannelId { get; set; }
        public CustomerTraceStep[] Steps { get; set; } = Array.Empty<CustomerTraceStep>();
        /// <summary>The first step that is Missing or Failed, as "Step" or "Step at channel/database"; empty when every store has the customer.</summary>
        public string? StoppedAt { get; set; }
        /// <summary>The command that fixes the first missing or failed step.</summary>
        public string? Fix { get; set; }

        public override string? ToString() => AccountNumber ?? AsyncCustomerId;
    }
}
