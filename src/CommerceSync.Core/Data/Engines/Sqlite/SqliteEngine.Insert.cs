using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CommerceSync.Data.Engines.Sqlite
{
    internal sealed partial class SqliteEngine
    {
        /// <summary>
        /// Inserts rows through one statement prepared once and stepped per row, binding each value with SQLite's own calls.
        /// A command of the ADO.NET provider costs several times what SQLite spends on the row (a reader per execution, a
        /// parameter object per value); an import or a batch of new customers writes millions of rows this way. The values
        /// bind as the provider binds them (text, 64-bit integers, 0/1, reals, decimals as invariant text, NULL), and the
        /// same check stops text that is not valid UTF-16.
        /// </summary>
        public override bool InsertRows(DbConnection connection, string table, string[] columns, IEnumerable<object?[]> rows)
        {
            var db = ((SqliteConnection)connection).Handle ?? throw new InvalidOperationException("The store's connection is not open.");
            var sql = new StringBuilder("INSERT INTO ").Append(table).Append('(').Append(string.Join(", ", columns)).Append(") VALUES (");
            for (var c = 0; c < columns.Length; c++) sql.Append(c == 0 ? "?" : ", ?");
            sql.Append(");");
            Check(db, raw.sqlite3_prepare_v2(db, sql.ToString(), out var statement));
            using (statement)
            {
                foreach (var row in rows)
                {
                    for (var c = 0; c < columns.Length; c++) Check(db, BindValue(statement, c + 1, row[c]));
                    var rc = raw.sqlite3_step(statement);
                    raw.sqlite3_reset(statement);
                    if (rc != raw.SQLITE_DONE) Check(db, rc);
                }
            }
            return true;
        }

        private static int BindValue(sqlite3_stmt statement, int index, object? value)
        {
            switch (value)
            {
                case null:
                case DBNull _:
                    return raw.sqlite3_bind_null(statement, index);
                case string s:
                    CheckText(s);
                    return raw.sqlite3_bind_text(statement, index, s);
                case long l: return raw.sqlite3_bind_int64(statement, index, l);
                case int i: return raw.sqlite3_bind_int64(statement, index, i);
                case short h: return raw.sqlite3_bind_int64(statement, index, h);
                case byte b: return raw.sqlite3_bind_int64(statement, index, b);
                case bool f: return raw.sqlite3_bind_int64(statement, index, f ? 1 : 0);
                case double d: return raw.sqlite3_bind_double(statement, index, d);
                case float r: return raw.sqlite3_bind_double(statement, index, r);
                case decimal m: return raw.sqlite3_bind_text(statement, index, m.ToString(CultureInfo.InvariantCulture));
                default:
                    // A type no store writes: a mistake in the caller, not something a user can cause.
                    throw new InvalidOperationException("InsertRows cannot bind a value of type " + value.GetType().Name + ".");
            }
        }

        // A failed call as the provider would have thrown it, so the usual translation (busy, constraint, read-only) applies.
        private static void Check(sqlite3 db, int rc)
        {
            if (rc == raw.SQLITE_OK || rc == raw.SQLITE_DONE || rc == raw.SQLITE_ROW) return;
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
        }
    }
}
