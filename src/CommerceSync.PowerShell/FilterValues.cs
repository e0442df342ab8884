using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>
    /// How the listing cmdlets read the ids they are given, one rule for all of them: blanks name nothing, a parameter bound
    /// with nothing in it lists nothing (never everything), and an id named but not found is reported by the cmdlet.
    /// </summary>
    internal static class FilterValues
    {
        /// <summary>The values without null or empty ones; null (no filter) when none is left.</summary>
        internal static string[] NonEmpty(string[] values)
        {
            var v = values?.Where(x => !string.IsNullOrEmpty(x)).ToArray();
            return v == null || v.Length == 0 ? null : v;
        }

        /// <summary>Whether the parameter was bound (on the command line or from a piped object) with no value in it.</summary>
        internal static bool NamesNothing(PSCmdlet cmdlet, string name, string[] values) =>
            cmdlet.MyInvocation.BoundParameters.ContainsKey(name) && NonEmpty(values) == null;

        /// <summary>The ids named that are not among those found (case-insensitive, each once).</summary>
        internal static IEnumerable<string> Missing(string[] named, IEnumerable<string> found)
        {
            if (named == null) return Enumerable.Empty<string>();
            var have = new HashSet<string>(found, StringComparer.OrdinalIgnoreCase);
            return named.Where(n => !have.Contains(n)).Distinct(StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>A customer, synced or async: its ChannelId is the store that created it, not a filter on what it did.</summary>
        internal static bool IsCustomer(object piped) => piped is Customer || piped is AsyncCustomer;
    }
}
