using System;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Data;

namespace CommerceSync.Application
{
    /// <summary>The distribution schedules (Get-/Set-CommerceDistributionSchedule).</summary>
    public sealed class Distribution
    {
        private readonly DistributionStore store;

        internal Distribution(StoreDatabase db) { store = new DistributionStore(db); }

        /// <summary>Every schedule, or those of these ids (wildcards allowed); a plain id the store does not have is DistributionScheduleNotFound.</summary>
        public IReadOnlyList<DistributionSchedule> Schedules(string[]? scheduleIds = null)
        {
            var all = store.Schedules();
            if (scheduleIds == null || scheduleIds.Length == 0) return all;
            var result = new List<DistributionSchedule>();
            foreach (var id in scheduleIds)
            {
                var matches = all.Where(s => Wildcard.IsMatch(id, s.ScheduleId!)).ToList();
                if (matches.Count == 0) throw Rules.DistributionRules.NotFound(id, all.Select(s => s.ScheduleId!).ToArray());
                result.AddRange(matches.Where(m => !result.Contains(m)));
            }
            return result;
        }

        /// <summary>Changes a schedule's database groups and its "Exclude from offline databases"; null leaves either as it is.</summary>
        public DistributionSchedule Set(string scheduleId, string[]? databaseGroups, bool? excludeFromOfflineDatabases) =>
            store.UpdateSchedule(scheduleId, databaseGroups, excludeFromOfflineDatabases);
    }
}
