using System;
using System.Collections.Generic;
using System.Linq;

namespace CommerceSync.Data
{
    /// <summary>
    /// Feature switch states, kept as store settings (<c>Feature.&lt;FeatureId&gt;</c> = On or Off). A feature without a
    /// setting is on: a new store, and a store made before the switches existed, have every feature on. The settings travel
    /// with Export-/Import-CommerceData like the other settings.
    /// </summary>
    public sealed class FeatureStore
    {
        private const string Prefix = "Feature.";
        private const string Off = "Off";
        private readonly StoreDatabase db;

        public FeatureStore(StoreDatabase db) { this.db = db; }

        public FeatureStates Read()
        {
            var off = new List<FeatureId>();
            foreach (var (key, value) in db.ReadAll("SELECT key, value FROM store_setting WHERE key LIKE 'Feature.%';", r => (r.GetString(0), r.GetString(1))))
            {
                FeatureId id;
                if (Enum.TryParse(key.Substring(Prefix.Length), false, out id) && string.Equals(value, Off, StringComparison.OrdinalIgnoreCase)) off.Add(id);
            }
            return new FeatureStates(off);
        }

        /// <summary>
        /// Turns a feature on or off under the store's write lock, after <paramref name="check"/> (the rule) accepted it against
        /// the states read in the same transaction. Returns the states after the change.
        /// </summary>
        public FeatureStates Change(FeatureId id, bool on, Action<FeatureId, FeatureStates> check)
        {
            using (var tx = db.BeginWrite())
            {
                check(id, Read());
                db.SetSetting(Prefix + id, on ? "On" : Off);
                tx.Commit();
            }
            return Read();
        }
    }
}
