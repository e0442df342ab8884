using System.Collections.Generic;
using System.Linq;
using CommerceSync.Data;
using CommerceSync.Rules;

namespace CommerceSync.Application
{
    /// <summary>
    /// The feature switches of async customer mode (Get-/Enable-/Disable-CommerceFeature) and the one check the other areas
    /// call before doing what a feature brought. The states are read once for a session (a cmdlet call), not per record.
    /// </summary>
    public sealed class Features
    {
        private readonly FeatureStore store;
        private FeatureStates? states;

        internal Features(StoreDatabase db) { store = new FeatureStore(db); }

        /// <summary>The states as this session read them first.</summary>
        public FeatureStates States => states ?? (states = store.Read());

        /// <summary>Refuses with FeatureDisabled, naming the feature, when it is off.</summary>
        public void Require(FeatureId id, object? target = null, string? whileOff = null) => FeatureRules.Require(id, States, target, whileOff);

        /// <summary>Every feature the docs name, with its state in this store.</summary>
        public IReadOnlyList<CommerceFeature> Read()
        {
            var now = store.Read();
            return FeatureRules.Catalog.Select(d => FeatureRules.Describe(d, now)).ToList();
        }

        /// <summary>Refuses as <see cref="Enable"/> would, changing nothing (for -WhatIf).</summary>
        public void CheckEnable(FeatureId id) => FeatureRules.CheckEnable(id, store.Read());

        /// <summary>Refuses as <see cref="Disable"/> would, changing nothing (for -WhatIf).</summary>
        public void CheckDisable(FeatureId id) => FeatureRules.CheckDisable(id, store.Read());

        /// <summary>Turns a feature on; refused with FeaturePrerequisiteOff when a prerequisite is off.</summary>
        public CommerceFeature Enable(FeatureId id) => Change(id, true);

        /// <summary>Turns a feature off; refused with FeatureInUse while a feature that needs it is on, FeatureMandatory for a mandatory one.</summary>
        public CommerceFeature Disable(FeatureId id) => Change(id, false);

        private CommerceFeature Change(FeatureId id, bool on)
        {
            states = store.Change(id, on, on ? (System.Action<FeatureId, FeatureStates>)FeatureRules.CheckEnable : FeatureRules.CheckDisable);
            return FeatureRules.Describe(FeatureRules.Of(id), states);
        }
    }
}
