using System.Collections.Generic;
using System.Linq;
using System.Text;

using CommerceSync.Data.Engines;

namespace CommerceSync.Data
{
    /// <summary>Helpers that pass user values as parameters, never as SQL text.</summary>
    internal static class SqlText
    {
        /// <summary>A JSON array of strings, bound as one parameter and read with json_each: set-based filters without building SQL.</summary>
        public static string JsonArray(IEnumerable<string?> values)
        {
            var sb = new StringBuilder("[");
            var first = true;
            foreach (var v in values)
            {
                if (!first) sb.Append(',');
                first = false;
                AppendJsonString(sb, v);
            }
            return sb.Append(']').ToString();
        }

        /// <summary>A JSON array of two-string arrays, for <see cref="JoinKeys"/>.</summary>
        public static string JsonPairs(IEnumerable<(string First, string Second)> pairs)
        {
            var sb = new StringBuilder("[");
            var first = true;
            foreach (var p in pairs)
            {
                sb.Append(first ? "[" : ",[");
                first = false;
                AppendJsonString(sb, p.First);
                sb.Append(',');
                AppendJsonString(sb, p.Second);
                sb.Append(']');
            }
            return sb.Append(']').ToString();
        }

        /// <summary>
        /// Joins the pairs of a <see cref="JsonPairs"/> array (bound as <paramref name="parameter"/>) to a table on its two key
        /// columns. A filter such as <c>a || '|' || b IN (...)</c> cannot use an index, so each call would read the whole
        /// table; this join looks each pair up. Pairs must be distinct, or rows come back once per copy.
        /// </summary>
        public static string JoinKeys(string parameter, string table, string alias, string firstColumn, string secondColumn) =>
            "json_each(" + parameter + ") k " + PlannerHints.KeepJoinOrder + "JOIN " + table + " " + alias + " ON " + alias + "." + firstColumn + " = json_extract(k.value, '$[0]') AND " +
            alias + "." + secondColumn + " = json_extract(k.value, '$[1]')";

        public static void AppendJsonString(StringBuilder sb, string? v)
        {
            if (v == null) { sb.Append("null"); return; }
            sb.Append('"');
            foreach (var c in v)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4"));
                        else sb.Append(c);
                        break;
                }
            }
            sb.Append('"');
        }

        /// <summary>Literal text for a LIKE pattern with '\' as escape.</summary>
        public static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

        /// <summary>Whether text is a PowerShell wildcard pattern (* or ?): ids cannot hold either.</summary>
        public static bool HasWildcard(string? text) => text != null && text.IndexOfAny(new[] { '*', '?' }) >= 0;

        /// <summary>PowerShell wildcard (* and ?) to a LIKE pattern with '\' as escape.</summary>
        public static string WildcardToLike(string pattern)
        {
            var sb = new StringBuilder(pattern.Length + 4);
            foreach (var c in pattern)
            {
                switch (c)
                {
                    case '*': sb.Append('%'); break;
                    case '?': sb.Append('_'); break;
                    case '%': case '_': case '\\': sb.Append('\\').Append(c); break;
                    default: sb.Append(c); break;
                }
            }
            return sb.ToString();
        }

        /// <summary>
        /// A full PowerShell wildcard (` escapes, [set]) as a LIKE pattern with '\' as escape that matches at least what the
        /// wildcard matches: a [set] becomes one any-character, so a caller re-checks with <see cref="Wildcard.IsMatch"/> when
        /// <see cref="Wildcard.HasCharacterSet"/>. '%' and '_' in the pattern match only themselves.
        /// </summary>
        public static string WildcardToLikeSuperset(string pattern)
        {
            var sb = new StringBuilder(pattern.Length + 4);
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                if (c == '`' && i + 1 < pattern.Length) c = pattern[++i];
                else if (c == '*') { sb.Append('%'); continue; }
                else if (c == '?') { sb.Append('_'); continue; }
                else if (c == '[' && pattern.IndexOf(']', i + 1) > 0) { sb.Append('_'); i = pattern.IndexOf(']', i + 1); continue; }
                if (c == '%' || c == '_' || c == '\\') sb.Append('\\');
                sb.Append(c);
            }
            return sb.ToString();
        }
    }

    /// <summary>
    /// WHERE clauses made only of the filters a caller set, from fixed fragments with bound values. A filter left out of the
    /// text (rather than written as "$x IS NULL OR ...") lets SQLite use the index that fits the filters that are set.
    /// </summary>
    internal sealed class SqlFilter
    {
        private readonly StringBuilder text = new StringBuilder();
        private readonly List<(string, object?)> args = new List<(string, object?)>();

        public SqlFilter When(bool condition, string fragment, params (string Name, object? Value)[] values)
        {
            if (!condition) return this;
            text.Append(" AND ").Append(fragment);
            args.AddRange(values);
            return this;
        }

        /// <summary>A filter on a list of values, bound as one JSON array.</summary>
        public SqlFilter In(IEnumerable<string>? values, string column, string parameter) =>
            When(values != null, column + " IN (SELECT value FROM json_each(" + parameter + "))", (parameter, values == null ? null : SqlText.JsonArray(values)));

        /// <summary>A filter on a list of integers (enum values, ids), bound as one JSON array.</summary>
        public SqlFilter InIntegers(IEnumerable<int>? values, string column, string parameter) => InIntegers(values?.Select(v => (long)v), column, parameter);

        public SqlFilter InIntegers(IEnumerable<long>? values, string column, string parameter) =>
            When(values != null, column + " IN (SELECT CAST(value AS BIGINT) FROM json_each(" + parameter + "))",
                (parameter, values == null ? null : "[" + string.Join(",", values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]"));

        public string Sql => text.ToString();
        public (string, object?)[] Args => args.ToArray();

        public (string, object?)[] With(params (string, object?)[] more)
        {
            var all = new List<(string, object?)>(args);
            all.AddRange(more);
            return all.ToArray();
        }
    }
}
