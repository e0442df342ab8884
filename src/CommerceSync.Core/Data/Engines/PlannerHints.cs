using System;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace CommerceSync.Data.Engines
{
    /// <summary>
    /// Planner hints in the shared SQL: the one engine-only thing a statement may carry, as a named placeholder that the
    /// engine which has the hint expands and every other engine drops. A placeholder is a comment (<c>/*sqlite:...*/</c>),
    /// so a statement with hints is still valid SQL everywhere. Today only SQLite takes hints: its planner has no
    /// statistics of the work tables, and these keep the plans QueryPlanTests pins (an index read by a range, a join order).
    /// </summary>
    internal static class PlannerHints
    {
        private const string Open = "/*sqlite:";

        /// <summary>"FROM t {IndexedBy("ix")}": SQLite reads t through that index only.</summary>
        public static string IndexedBy(string index) => Open + "INDEXED BY " + index + "*/";

        /// <summary>"FROM t {NotIndexed}": SQLite reads t by its rowid (a range of it), not through any index.</summary>
        public const string NotIndexed = Open + "NOT INDEXED*/";

        /// <summary>"a {KeepJoinOrder}JOIN b ON ...": SQLite's CROSS JOIN, an inner join whose order it keeps (a first, b looked up per row).</summary>
        public const string KeepJoinOrder = Open + "CROSS*/ ";

        private static readonly Regex Hint = new Regex(@"/\*sqlite:([^*]*)\*/", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        // A hint and one space after it: "k /*sqlite:CROSS*/ JOIN" reads "k JOIN".
        private static readonly Regex Dropped = new Regex(@"/\*sqlite:[^*]*\*/ ?", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly ConcurrentDictionary<string, string> Expanded = new ConcurrentDictionary<string, string>();

        /// <summary>The statement as SQLite runs it: every hint written out. A statement without hints is returned as it is.</summary>
        public static string Expand(string sql) =>
            sql.IndexOf(Open, StringComparison.Ordinal) < 0 ? sql : Expanded.GetOrAdd(sql, s => Hint.Replace(s, "$1"));

        /// <summary>The statement for an engine that takes no hints: every hint left out.</summary>
        public static string Drop(string sql) =>
            sql.IndexOf(Open, StringComparison.Ordinal) < 0 ? sql : Dropped.Replace(sql, "");
    }
}
