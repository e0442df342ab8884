using System;
using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace CommerceSync.Data.Engines.Postgres
{
    /// <summary>
    /// The stores' SQL, written for SQLite, as PostgreSQL reads it. Pure text work, so it is tested without a server
    /// (Engines/PostgresTranslatorTests) and applies to every statement the same way; a statement is rewritten once and then
    /// cached. It accepts a subset of SQLite's SQL, written down in README.md beside this file; a construct outside it that
    /// it knows of is refused (<see cref="NotSupportedException"/>), never passed through for the server to misread.
    /// </summary>
    // The subset, in short (README.md has each with its translation):
    //   parameters $name -> @name; json_each($p) [alias] -> json_array_elements_text(CAST(@p AS json)) alias(value);
    //   json_extract(x, '$[n]') -> (CAST(x AS json)->>n); temp.t -> pg_temp.t (and CREATE INDEX IF NOT EXISTS temp.ix ON t);
    //   LIKE -> ILIKE; group_concat( -> string_agg(; a IS b / a IS NOT b -> IS [NOT] DISTINCT FROM (not for NULL, TRUE, FALSE);
    //   INSERT OR IGNORE ... -> INSERT ... ON CONFLICT DO NOTHING; unnamed subqueries in FROM get AS subN;
    //   ) WITHOUT ROWID -> ); in migrations also INTEGER PRIMARY KEY -> identity, INTEGER -> BIGINT, REAL -> DOUBLE PRECISION,
    //   TEXT ... COLLATE NOCASE -> public.citext. String literals, quoted names and -- comments are never touched.
    // Refused: planner hints (INDEXED BY, NOT INDEXED, CROSS JOIN ... ON: the shared text carries them as PlannerHints, which
    //   the engine drops before this runs), INSERT OR REPLACE/ABORT/FAIL/ROLLBACK, REPLACE INTO, PRAGMA, sqlite_ tables,
    //   rowid, GLOB, AUTOINCREMENT, SQLite's date functions, IFNULL, a json_each or json_extract of another form, /* */ comments.
    public static class PostgresSql
    {
        private static readonly ConcurrentDictionary<string, string> Cache = new ConcurrentDictionary<string, string>();

        private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;

        // json_extract(k.value, '$[0]'): spans a string literal, so it is rewritten before the text is split into tokens.
        private static readonly Regex JsonExtract = new Regex(@"json_extract\(\s*([\w.]+)\s*,\s*'\$\[(\d+)\]'\s*\)", Options);

        private static readonly (Regex Pattern, string Replacement)[] Rules =
        {
            (new Regex(@"\$(\w+)", Options), "@$1"),
            (new Regex(@"\)\s*WITHOUT\s+ROWID\b", Options), ")"),
            // Temp tables live in the session's pg_temp schema; an index name cannot be schema-qualified there.
            (new Regex(@"\bCREATE\s+INDEX\s+IF\s+NOT\s+EXISTS\s+temp\.(\w+)\s+ON\s+(\w+)", Options), "CREATE INDEX IF NOT EXISTS $1 ON pg_temp.$2"),
            (new Regex(@"\btemp\.(?=\w)", Options), "pg_temp."),
            // json_each(@x) k  ->  the array's elements as text, in a column named value, as SQLite's json_each has it.
            (new Regex(@"\bjson_each\(\s*(@\w+)\s*\)\s+(?!AS\b|ON\b|WHERE\b|JOIN\b|CROSS\b|ORDER\b|GROUP\b|LIMIT\b)(\w+)\b", Options), "json_array_elements_text(CAST($1 AS json)) $2(value)"),
            (new Regex(@"\bjson_each\(\s*(@\w+)\s*\)", Options), "json_array_elements_text(CAST($1 AS json)) AS json_each(value)"),
            // SQLite's LIKE ignores the case of ASCII letters.
            (new Regex(@"\bLIKE\b", Options), "ILIKE"),
            (new Regex(@"\bgroup_concat\(", Options), "string_agg("),
            // SQLite's "a IS b" compares NULLs as equal values.
            (new Regex(@"\bIS\s+NOT\s+(?!NULL\b|DISTINCT\b|TRUE\b|FALSE\b)", Options), "IS DISTINCT FROM "),
            (new Regex(@"\bIS\s+(?!NOT\b|NULL\b|DISTINCT\b|TRUE\b|FALSE\b)", Options), "IS NOT DISTINCT FROM "),
        };

        /// <summary>SQLite-only constructs the translator knows it does not translate: a statement that holds one is refused.</summary>
        private static readonly (Regex Pattern, string Why)[] Refused =
        {
            (new Regex(@"\bINDEXED\s+BY\b", Options), "INDEXED BY is a SQLite planner hint: write it as PlannerHints.IndexedBy"),
            (new Regex(@"\bNOT\s+INDEXED\b", Options), "NOT INDEXED is a SQLite planner hint: write it as PlannerHints.NotIndexed"),
            (new Regex(@"\bCROSS\s+JOIN\s+[\w.]+(?:\s+(?!ON\b)\w+)?\s+ON\b", Options), "CROSS JOIN ... ON is SQLite's join-order hint: write it as PlannerHints.KeepJoinOrder"),
            (new Regex(@"\bINSERT\s+OR\s+(REPLACE|ABORT|FAIL|ROLLBACK)\b|\bREPLACE\s+INTO\b", Options), "only INSERT OR IGNORE is translated; write an upsert as INSERT ... ON CONFLICT(...) DO UPDATE"),
            (new Regex(@"\bPRAGMA\b|\bsqlite_\w+", Options), "PRAGMA and SQLite's catalogue belong to the SQLite engine"),
            (new Regex(@"\browid\b|\bAUTOINCREMENT\b", Options), "rowid is SQLite's: name the INTEGER PRIMARY KEY column"),
            (new Regex(@"\bGLOB\b", Options), "GLOB has no PostgreSQL form here: use LIKE"),
            (new Regex(@"\b(strftime|julianday|datetime|date|time|ifnull)\s*\(", Options), "SQLite's date and IFNULL functions are not translated: store times as text, use COALESCE"),
            (new Regex(@"\bjson_each\s*\((?!value\))|\bjson_extract\s*\(", Options), "json_each takes a parameter ($name) and json_extract a path '$[n]' only"),
            (new Regex(@"/\*", Options), "block comments are not read by the translator (planner hints are dropped before it)"),
        };

        private static readonly (Regex Pattern, string Why)[] NoneRefused = new (Regex, string)[0];

        private static readonly Regex InsertOrIgnore = new Regex(@"\bINSERT\s+OR\s+IGNORE\s+INTO\b", Options);

        private static readonly (Regex Pattern, string Replacement)[] DdlRules =
        {
            // A column that is SQLite's rowid: ids the store hands out itself.
            (new Regex(@"\b(\w+)\s+INTEGER\s+PRIMARY\s+KEY\b", Options), "$1 BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
            (new Regex(@"\bINTEGER\b", Options), "BIGINT"),
            (new Regex(@"\bREAL\b", Options), "DOUBLE PRECISION"),
            // Case-insensitive text (ids, legal entities): citext compares and indexes the way COLLATE NOCASE does.
            (new Regex(@"\bTEXT\b([^,()]*?)\s*COLLATE\s+NOCASE\b", Options), "public.citext$1"),
        };

        /// <summary>One statement (or several, separated by ';') of the stores, in PostgreSQL's dialect.</summary>
        public static string Rewrite(string sql) => Cache.GetOrAdd(sql, s => Apply(s, Rules));

        /// <summary>A migration step in PostgreSQL's dialect: the same tables, with PostgreSQL's types.</summary>
        public static string Ddl(string sql) => Apply(Apply(sql, DdlRules, refuse: false), Rules);

        private static readonly Regex FromSubquery = new Regex(@"\b(FROM|JOIN)\s*\($", Options);
        private static readonly Regex AliasAfter = new Regex(@"^\s*(AS\s+)?(?!(WHERE|GROUP|ORDER|UNION|LIMIT|ON|JOIN|LEFT|INNER|CROSS|HAVING|EXCEPT|INTERSECT)\b)[A-Za-z_]\w*", Options);

        /// <summary>PostgreSQL 15 wants a name for every subquery in FROM; SQLite does not. Unnamed ones get "AS sub1", "AS sub2", ...</summary>
        private static string NameSubqueries(string sql)
        {
            var sb = new StringBuilder(sql);
            var inserts = new System.Collections.Generic.List<int>();
            var open = new System.Collections.Generic.Stack<(int Position, bool InFrom)>();
            var code = new StringBuilder();
            var i = 0;
            while (i < sql.Length)
            {
                var c = sql[i];
                if (c == '\'' || c == '"')
                {
                    // A literal or a quoted name: its parentheses do not count.
                    var end = i + 1;
                    while (end < sql.Length)
                    {
                        if (sql[end] == c)
                        {
                            if (end + 1 < sql.Length && sql[end + 1] == c) { end += 2; continue; }
                            break;
                        }
                        end++;
                    }
                    end = Math.Min(end, sql.Length - 1);
                    code.Append(' ', end - i + 1);
                    i = end + 1;
                    continue;
                }
                code.Append(c);
                if (c == '(') open.Push((i, FromSubquery.IsMatch(code.ToString())));
                else if (c == ')' && open.Count > 0 && open.Pop().InFrom)
                {
                    var rest = sql.Substring(i + 1);
                    if (!AliasAfter.IsMatch(rest)) inserts.Add(i + 1);
                }
                i++;
            }
            for (var k = inserts.Count - 1; k >= 0; k--) sb.Insert(inserts[k], " AS sub" + (k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return sb.ToString();
        }

        private static string Apply(string sql, (Regex Pattern, string Replacement)[] rules, bool refuse = true)
        {
            sql = NameSubqueries(JsonExtract.Replace(sql, "(CAST($1 AS json)->>$2)"));
            var result = new StringBuilder(sql.Length + 64);
            var statement = new StringBuilder();
            var ignoreConflicts = false;
            foreach (var (text, isCode) in Tokens(sql))
            {
                if (!isCode)
                {
                    statement.Append(text);
                    continue;
                }
                var parts = text.Split(';');
                for (var i = 0; i < parts.Length; i++)
                {
                    var code = parts[i];
                    if (InsertOrIgnore.IsMatch(code))
                    {
                        code = InsertOrIgnore.Replace(code, "INSERT INTO");
                        ignoreConflicts = true;
                    }
                    foreach (var (pattern, replacement) in rules) code = pattern.Replace(code, replacement);
                    // After the rules: what is left of SQLite's own syntax was not translated.
                    foreach (var (pattern, why) in refuse ? Refused : NoneRefused)
                    {
                        var found = pattern.Match(code);
                        if (found.Success) throw OutsideSubset(found.Value, why, sql);
                    }
                    statement.Append(code);
                    if (i < parts.Length - 1)
                    {
                        // End of a statement: INSERT OR IGNORE becomes ON CONFLICT DO NOTHING at its end.
                        result.Append(ignoreConflicts ? statement.ToString().TrimEnd() + " ON CONFLICT DO NOTHING" : statement.ToString()).Append(';');
                        statement.Clear();
                        ignoreConflicts = false;
                    }
                }
            }
            result.Append(ignoreConflicts ? statement.ToString().TrimEnd() + " ON CONFLICT DO NOTHING" : statement.ToString());
            return result.ToString();
        }

        private static NotSupportedException OutsideSubset(string construct, string why, string sql) =>
            new NotSupportedException("The PostgreSQL translator does not accept '" + construct.Trim() + "' (" + why +
                "; see Data/Engines/Postgres/README.md) in: " + (sql.Length > 300 ? sql.Substring(0, 300) + "..." : sql));

        /// <summary>Splits SQL into code and the parts no rule may touch: string literals, quoted names, comments.</summary>
        private static System.Collections.Generic.IEnumerable<(string Text, bool IsCode)> Tokens(string sql)
        {
            var start = 0;
            var i = 0;
            while (i < sql.Length)
            {
                var c = sql[i];
                int end;
                if (c == '\'' || c == '"')
                {
                    end = i + 1;
                    while (end < sql.Length)
                    {
                        if (sql[end] == c)
                        {
                            if (end + 1 < sql.Length && sql[end + 1] == c) { end += 2; continue; }
                            end++;
                            break;
                        }
                        end++;
                    }
                }
                else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
                {
                    end = sql.IndexOf('\n', i);
                    end = end < 0 ? sql.Length : end;
                }
                else
                {
                    i++;
                    continue;
                }
                if (i > start) yield return (sql.Substring(start, i - start), true);
                yield return (sql.Substring(i, end - i), false);
                start = i = end;
            }
            if (start < sql.Length) yield return (sql.Substring(start), true);
        }
    }
}
