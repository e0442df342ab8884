using System;
using System.Collections.Generic;

namespace CommerceSync
{
    /// <summary>
    /// The Feature management switches of async customer mode (async-customer-mode.md, "Async customer enhancements" and
    /// "Feature switch hierarchy"). A store keeps each one's state by this name: never rename a member.
    /// </summary>
    public enum FeatureId
    {
        /// <summary>"Performance improvements for customer orders and customer transactions": mandatory since 10.0.28.</summary>
        CustomerOrderPerformance,
        /// <summary>"Enable asynchronous creation for customer addresses" (10.0.22).</summary>
        AsyncAddresses,
        /// <summary>"Enable enhanced async customer creation" (10.0.24).</summary>
        EnhancedCreation,
        /// <summary>"Enable editing customers in asynchronous mode" (10.0.29).</summary>
        AsyncEditing,
        /// <summary>"Ability to audit synchronization of customer management operations" (10.0.31): the Customer synchronization status page.</summary>
        SyncStatusPage,
    }

    /// <summary>A feature switch as a store has it: what it is, the Commerce version it came with, what it needs, and whether it is on.</summary>
    public sealed class CommerceFeature : IStoreObject
    {
        /// <summary>The store this came from (path, or connection string without its password); binds to -Store by property name.</summary>
        public string? Store { get; set; }
        public FeatureId FeatureId { get; set; }
        /// <summary>The name the Feature management workspace (or the docs) gives it.</summary>
        public string? Name { get; set; }
        /// <summary>The Commerce version it came with ("10.0.29").</summary>
        public string? Version { get; set; }
        /// <summary>The features that must be on before this one is turned on.</summary>
        public FeatureId[] Prerequisites { get; set; } = Array.Empty<FeatureId>();
        public bool Enabled { get; set; }
        /// <summary>It cannot be turned off (mandatory since a Commerce version).</summary>
        public bool Mandatory { get; set; }
        /// <summary>
        /// The stores where the current state does not act yet: in D365 jobs 1070 (Channel configuration) and 1110 (Global
        /// configuration) carry a feature's state to the channels. Until those jobs are modelled a change acts at once, so
        /// this is empty.
        /// </summary>
        public string[] PendingChannels { get; set; } = Array.Empty<string>();
        /// <summary>What the feature changes, in the docs' words.</summary>
        public string? Description { get; set; }

        public override string ToString() => FeatureId.ToString();
    }

    /// <summary>Which features are on in a store, read once for a cmdlet call (a missing state means on).</summary>
    public sealed class FeatureStates
    {
        private readonly HashSet<FeatureId> off;

        public FeatureStates(IEnumerable<FeatureId> off) { this.off = new HashSet<FeatureId>(off); }

        /// <summary>Every feature on: a new store, or one that never turned one off.</summary>
        public static FeatureStates AllOn { get; } = new FeatureStates(Array.Empty<FeatureId>());

        public bool IsOn(FeatureId id) => !off.Contains(id);
    }
}
