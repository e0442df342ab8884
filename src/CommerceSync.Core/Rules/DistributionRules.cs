using System;
using System.Linq;

namespace CommerceSync.Rules
{
    /// <summary>
    /// Distribution schedules and channel database groups (dev-itpro/define-retail-channel-communications-cdx.md): a download
    /// job sends to the channel databases of the groups its schedule names, and to their offline databases unless the
    /// schedule excludes them (implementation-considerations-cdx.md, "Offline data exclusion") or a run is told to.
    /// </summary>
    public static class DistributionRules
    {
        public const string Customers = "1010";
        public const string DefaultGroup = "Default";

        /// <summary>A run leaves offline databases out when its schedule says so, or when it is told to for this run only.</summary>
        public static bool ExcludesOffline(bool scheduleExcludes, bool runExcludes) => scheduleExcludes || runExcludes;

        /// <summary>The groups to set on a schedule: each a valid id, trimmed, each once (case-insensitive), at least one.</summary>
        public static string[] PrepareGroups(string[]? groups)
        {
            var list = (groups ?? Array.Empty<string>()).Select(g => PrepareGroup(g)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            if (list.Length == 0)
            {
                throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument, "A distribution schedule needs at least one channel database group.", groups);
            }
            return list;
        }

        /// <summary>A channel database group name: an id (as channel ids are), trimmed.</summary>
        public static string PrepareGroup(string? group)
        {
            InputRules.Check(InputRules.CheckId("DatabaseGroup", group, InputRules.MaxDatabaseGroupLength), group);
            return group!.Trim(); // CheckId refuses null and blank
        }

        public static CommerceSyncException NotFound(string? scheduleId, string[] known) =>
            new CommerceSyncException(ErrorIds.DistributionScheduleNotFound, ErrorKind.NotFound,
                "No distribution schedule '" + scheduleId + "'. The schedules are " + string.Join(", ", known) + ".", scheduleId);
    }
}
