using System;

namespace CommerceSync
{
    /// <summary>
    /// A Commerce Data Exchange distribution schedule (dev-itpro/define-retail-channel-communications-cdx.md): the channel
    /// database groups it sends to, and whether it leaves out the registers' offline databases.
    /// </summary>
    public sealed class DistributionSchedule : IStoreObject
    {
        /// <summary>The store this came from (path, or connection string without its password); binds to -Store by property name.</summary>
        public string? Store { get; set; }

        /// <summary>1010 (Customers), 1070 (Channel configuration), 1110 (Global configuration).</summary>
        public string? ScheduleId { get; set; }
        public string? Name { get; set; }
        /// <summary>The channel database groups whose channel databases (and offline databases) it sends to.</summary>
        public string[] DatabaseGroups { get; set; } = Array.Empty<string>();
        /// <summary>"Exclude from offline databases" (implementation-considerations-cdx.md, "Offline data exclusion"): it sends to channel databases only.</summary>
        public bool ExcludeFromOfflineDatabases { get; set; }

        public override string? ToString() => ScheduleId;
    }
}
