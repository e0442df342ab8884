using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CommerceSync.Data
{
    /// <summary>
    /// The stores' small query helpers: commands of the shared SQL (written for SQLite, with $name parameters) in the engine's
    /// SQL, bound values, batched inserts, and queries that say how they read: <see cref="Stream{T}"/> (row by row) or
    /// <see cref="ReadAll{T}"/> (read whole before the caller sees a row).
    /// </summary>
    public sealed partial class StoreDatabase
    {
        /// <summary>A command of the stores' SQL, in the store's engine's SQL, in the transaction open now.</summary>
        internal DbCommand Command(string sql, params (string Name, object? Value)[] parameters)
        {
            var cmd = Connection.CreateCommand();
            cmd.CommandText = Engine.Rewrite(sql);
            cmd.Transaction = CurrentTransaction;
            Bind(cmd, parameters);
            return cmd;
        }

        /// <summary>Sets parameters of a command made by <see cref="Command"/>, adding those it does not have yet.</summary>
        internal void Bind(DbCommand cmd, params (string Name, object? Value)[] values)
        {
            var parameters = cmd.Parameters;
            for (var i = 0; i < values.Length; i++)
            {
                var v = values[i];
                var name = Engine.ParameterName(v.Name);
                // A statement run once per row binds the same names in the same order every time: set them by position,
                // and look a name up (a linear search in the providers) only when it is new or out of place.
                if (i < parameters.Count && string.Equals(parameters[i].ParameterName, name, StringComparison.Ordinal))
                {
                    Engine.SetValue(parameters[i], v.Value);
                    continue;
                }
                if (parameters.Contains(name))
                {
                    Engine.SetValue(cmd.Parameters[name], v.Value);
                    continue;
                }
                var p = cmd.CreateParameter();
                p.ParameterName = name;
                Engine.SetValue(p, v.Value);
                cmd.Parameters.Add(p);
            }
        }

        /// <summary>
        /// Inserts rows (values in the order of <paramref name="columns"/>) with prepared statements of as many rows each as the
        /// engine does best with.
        /// </summary>
        internal void InsertRows(string table, string[] columns, IEnumerable<object?[]> rows)
        {
            var size = Engine.RowsPerInsert(columns.Length);
            var batch = new List<object?[]>(size);
            (DbCommand Command, string[] Names) full = default;
            try
            {
                if (Engine.InsertRows(Connection, table, columns, rows)) return;
                foreach (var row in rows)
                {
                    batch.Add(row);
                    if (batch.Count < size) continue;
                    if (full.Command == null) full = InsertCommand(table, columns, size);
                    InsertBatch(full, columns.Length, batch);
                    batch.Clear();
                }
                if (batch.Count > 0)
                {
                    var last = InsertCommand(table, columns, batch.Count);
                    using (last.Command) InsertBatch(last, columns.Length, batch);
                }
            }
            catch (DbException ex)
            {
                throw Translate(ex);
            }
            finally
            {
                full.Command?.Dispose();
            }
        }

        // The statement for a number of rows, and its parameter names in the order the rows' values bind to them.
        private (DbCommand Command, string[] Names) InsertCommand(string table, string[] columns, int rows)
        {
            var names = new string[rows * columns.Length];
            var sql = new StringBuilder("INSERT INTO ").Append(table).Append('(').Append(string.Join(", ", columns)).Append(") VALUES ");
            for (var r = 0; r < rows; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Length; c++)
                {
                    names[r * columns.Length + c] = "$r" + r.ToString(CultureInfo.InvariantCulture) + "c" + c.ToString(CultureInfo.InvariantCulture);
                    sql.Append(c == 0 ? "" : ", ").Append(names[r * columns.Length + c]);
                }
                sql.Append(')');
            }
            return (Command(sql.Append(';').ToString()), names);
        }

        private void InsertBatch((DbCommand Command, string[] Names) insert, int columns, List<object?[]> batch)
        {
            var values = new (string, object?)[batch.Count * columns];
            for (var r = 0; r < batch.Count; r++)
            {
                for (var c = 0; c < columns; c++) values[r * columns + c] = (insert.Names[r * columns + c], batch[r][c]);
            }
            Bind(insert.Command, values);
            insert.Command.ExecuteNonQuery();
        }

        internal int Execute(string sql, params (string Name, object? Value)[] parameters)
        {
            using (var cmd = Command(sql, parameters))
            {
                try
                {
                    return cmd.ExecuteNonQuery();
                }
                catch (DbException ex)
                {
                    throw Translate(ex);
                }
            }
        }

        internal T? Scalar<T>(string sql, params (string Name, object? Value)[] parameters)
        {
            using (var cmd = Command(sql, parameters))
            {
                object? value;
                try
                {
                    value = cmd.ExecuteScalar();
                }
                catch (DbException ex)
                {
                    throw Translate(ex);
                }
                if (value == null || value is DBNull) return default(T);
                if (value is bool b && typeof(T) != typeof(bool)) value = b ? 1L : 0L;
                return (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
            }
        }

        /// <summary>Runs a query of the stores' SQL and reads it with the engine's reader, row by row.</summary>
        internal DbDataReader Reader(DbCommand cmd)
        {
            try
            {
                return Engine.Wrap(cmd.ExecuteReader());
            }
            catch (DbException ex)
            {
                throw Translate(ex);
            }
        }

        /// <summary>
        /// A query read row by row as the caller enumerates it (run when enumerated), for results too large to hold: exports,
        /// listings the cmdlets write as they come. The caller may run other commands between rows. An engine that cannot run
        /// a command while a reader is open on the connection (PostgreSQL: one command at a time) reads the rows whole first,
        /// so the caller's commands still work; the stores read large results in pages already.
        /// </summary>
        internal IEnumerable<T> Stream<T>(string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters) =>
            Engine.ReadsWhileWriting ? Rows(sql, map, parameters) : Buffered(sql, map, parameters);

        /// <summary>A query read whole, now, before the caller sees a row: for the results a caller keeps or reads twice.</summary>
        internal List<T> ReadAll<T>(string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters) =>
            Rows(sql, map, parameters).ToList();

        private IEnumerable<T> Buffered<T>(string sql, Func<DbDataReader, T> map, (string Name, object? Value)[] parameters)
        {
            // Run when enumerated, as a streamed query is; read whole, so the caller may run other commands between rows.
            foreach (var row in Rows(sql, map, parameters).ToList()) yield return row;
        }

        private IEnumerable<T> Rows<T>(string sql, Func<DbDataReader, T> map, (string Name, object? Value)[] parameters)
        {
            using (var cmd = Command(sql, parameters))
            using (var reader = Reader(cmd))
            {
                while (reader.Read()) yield return map(reader);
            }
        }

        /// <summary>The names of the store's own tables.</summary>
        internal List<string> TableNames() => ReadAll(Engine.TableNames, r => r.GetString(0));

        /// <summary>Row count of one of the store's own tables (the name is never user text).</summary>
        public long Count(string table, string? where = null) =>
            Scalar<long>("SELECT COUNT(*) FROM " + table + (where == null ? "" : " WHERE " + where) + ";");
    }
}
