using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using CommerceSync.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CommerceSync.Bench
{
    /// <summary>
    /// Per SQL statement stopwatches without touching the core: sqlite3_profile on the store's connection reports every
    /// statement's text and run time (first step to reset). Times are summed per statement text, per step.
    /// Note: for a SELECT that the caller streams, the time includes what the caller did between rows.
    /// </summary>
    public sealed class SqlProfiler
    {
        private static readonly Regex Spaces = new Regex(@"\s+", RegexOptions.Compiled);
        private readonly Dictionary<string, (long Calls, long Nanos)> current = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> normalized = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly strdelegate_profile callback;

        /// <summary>The entry Take appends: every statement together.</summary>
        public const string Total = "(all statements)";
        private readonly sqlite3 handle;

        private SqlProfiler(sqlite3 handle)
        {
            this.handle = handle;
            callback = OnStatement; // kept alive by this field for as long as the profiler lives
            raw.sqlite3_profile(handle, callback, null);
        }

        public void Detach() => raw.sqlite3_profile(handle, (strdelegate_profile)null, null);

        /// <summary>Attaches to the connection behind a StoreDatabase (an internal property, read by reflection: a harness may peek, never change).</summary>
        public static SqlProfiler Attach(StoreDatabase db)
        {
            var prop = typeof(StoreDatabase).GetProperty("Connection", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
            var connection = (SqliteConnection)prop.GetValue(db);
            return new SqlProfiler(connection.Handle);
        }

        public static SqlProfiler Attach(SqliteConnection connection) => new SqlProfiler(connection.Handle);

        private void OnStatement(object userData, string sql, long nanos)
        {
            (long Calls, long Nanos) s;
            current.TryGetValue(sql, out s);
            current[sql] = (s.Calls + 1, s.Nanos + nanos);
        }

        /// <summary>The full text of every statement run since the last Take, slowest first (for EXPLAIN QUERY PLAN).</summary>
        public List<string> Texts() => current.OrderByDescending(kv => kv.Value.Nanos).Select(kv => kv.Key).ToList();

        /// <summary>The slowest statement since the last Take, leaving out transaction control.</summary>
        public (string Sql, long Nanos) Slowest() => current.Where(kv => !kv.Key.StartsWith("BEGIN", StringComparison.Ordinal) && !kv.Key.StartsWith("COMMIT", StringComparison.Ordinal)
            && !kv.Key.StartsWith("EXPLAIN", StringComparison.Ordinal) && !kv.Key.StartsWith("PRAGMA", StringComparison.Ordinal))
            .OrderByDescending(kv => kv.Value.Nanos).Select(kv => (kv.Key, kv.Value.Nanos)).FirstOrDefault();

        /// <summary>Takes the statistics gathered since the last call (largest first) and starts over.</summary>
        public List<StatementStat> Take(int top = 12)
        {
            var merged = new Dictionary<string, StatementStat>(StringComparer.Ordinal);
            foreach (var kv in current)
            {
                var key = Label(kv.Key);
                StatementStat s;
                if (!merged.TryGetValue(key, out s)) merged[key] = s = new StatementStat { Sql = key };
                s.Calls += kv.Value.Calls;
                s.Seconds += kv.Value.Nanos / 1e9;
            }
            current.Clear();
            var list = merged.Values.OrderByDescending(s => s.Seconds).Take(top).ToList();
            list.Add(new StatementStat { Sql = Total, Calls = merged.Values.Sum(s => s.Calls), Seconds = merged.Values.Sum(s => s.Seconds) });
            return list;
        }

        /// <summary>A short, recognizable label: the statement's head, and its WHERE clause when the head is shared.</summary>
        private string Label(string sql)
        {
            string label;
            if (normalized.TryGetValue(sql, out label)) return label;
            var flat = Spaces.Replace(sql, " ").Trim();
            var head = flat.Length > 90 ? flat.Substring(0, 90) + "…" : flat;
            var where = flat.IndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase);
            if (flat.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || flat.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase))
            {
                var from = flat.IndexOf(" FROM ", StringComparison.OrdinalIgnoreCase);
                if (from > 0 && from > 60) head = flat.Substring(0, 40) + "… " + Cut(flat.Substring(from + 1), 70);
            }
            if (where > 0 && where + 1 > head.Length - 1) head += " " + Cut(flat.Substring(where + 1), 110);
            label = head;
            normalized[sql] = label;
            return label;
        }

        private static string Cut(string s, int n) => s.Length > n ? s.Substring(0, n) + "…" : s;
    }
}
