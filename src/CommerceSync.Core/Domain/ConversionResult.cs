using System;

namespace CommerceSync
{
    /// <summary>What one conversion cycle (P-job, sync job, Synchronize orders, job 1010) did, and what is still on its way.</summary>
    public sealed class ConversionResult : IStoreObject
    {
        /// <summary>The store this came from (path, or connection string without its password); binds to -Store by property name.</summary>
        public string? Store { get; set; }

        /// <summary>The channels the cycle was scoped to; empty for every channel.</summary>
        public string[] ChannelIds { get; set; } = Array.Empty<string>();
        /// <summary>The four runs, in the order they ran.</summary>
        public JobRun[] Runs { get; set; } = Array.Empty<JobRun>();
        /// <summary>Async customers that got an account in this cycle (by the sync job or by Synchronize orders).</summary>
        public long Converted { get; set; }
        /// <summary>Customers job 1010 sent to channel databases in this cycle.</summary>
        public long Distributed { get; set; }
        /// <summary>Async customers in scope that HQ refuses, after the cycle (see Get-AsyncCustomerOperation -SyncStatus Failed).</summary>
        public long Failed { get; set; }
        /// <summary>Async customers in scope still on their way to their store after the cycle (not uploaded, not converted, not distributed).</summary>
        public long Pending { get; set; }
        /// <summary>Every run completed and no customer in scope is refused.</summary>
        public bool Succeeded { get; set; }
        public TimeSpan Duration { get; set; }

        public override string ToString() =>
            (Succeeded ? "Succeeded" : "Not succeeded") + ": " + Converted + " converted, " + Distributed + " distributed, " + Failed + " failed, " + Pending + " pending";
    }
}
