#if NET8_0_OR_GREATER
using System;
using System.Collections;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using Npgsql;

namespace CommerceSync.Storage
{
    /// <summary>
    /// A store in a PostgreSQL database (one schema), for runbook workers on several machines. The stores' SQL is rewritten
    /// by <see cref="PostgresSql"/>; writers take the store's advisory lock, so jobs keep the semantics they have on SQLite:
    /// one writer at a time per store, each chunk whole or not at all, readers never blocked. Work that splits by channel or
    /// database (bulk P-job, sync job and job 1010 chunks) takes the lock shared and claims its share, so several workers do it at once.
    /// </summary>
    internal sealed class PostgresDialect : SqlDialect
    {
        public static readonly PostgresDialect Instance = new PostgresDialect();

        public override StoreBackend Backend => StoreBackend.PostgreSQL;

        public override string Rewrite(string sql) => PostgresSql.Rewrite(sql);

        public override string Ddl(string sql) => PostgresSql.Ddl(sql);

        public override string ParameterName(string name) => name.StartsWith("$", StringComparison.Ordinal) ? "@" + name.Substring(1) : name;

        public override DbDataReader Wrap(DbDataReader reader) => new LenientReader(reader);

        // One command at a time per connection (no multiple active result sets).
        public override bool ReadsWhileWriting => false;

        protected override void Assign(DbParameter parameter, object value)
        {
            parameter.Value = value ?? DBNull.Value;
            // Text goes untyped, so PostgreSQL reads it as the column it meets: a citext id compares without case, as on SQLite.
            if (value is string && parameter is NpgsqlParameter p) p.NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Unknown;
        }

        // The store's write lock is an advisory lock per schema: writers take it alone, claimed writes (a share each, see Claim) together.
        private const string StoreLock = "hashtext('CommerceSync:' || current_schema())";

        public override DbTransaction BeginWrite(DbConnection connection, TimeSpan timeout) => Begin(connection, timeout, "pg_advisory_xact_lock(" + StoreLock + ")");

        public override DbTransaction BeginClaimedWrite(DbConnection connection, TimeSpan timeout) => Begin(connection, timeout, "pg_advisory_xact_lock_shared(" + StoreLock + ")");

        private static DbTransaction Begin(DbConnection connection, TimeSpan timeout, string takeLock)
        {
            var tx = connection.BeginTransaction(IsolationLevel.ReadCommitted);
            try
            {
                using (var cmd = connection.CreateCommand())
                {
                    cmd.Transaction = tx;
                    // Held until the transaction ends; every wait in it (this lock, a claim) lasts at most the busy timeout.
                    cmd.CommandText = "SET LOCAL lock_timeout = " + ((long)Math.Max(1, timeout.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) +
                        "; SELECT " + takeLock + ";";
                    cmd.ExecuteNonQuery();
                }
                return tx;
            }
            catch
            {
                tx.Dispose();
                throw;
            }
        }

        public override bool ClaimsRunTogether => true;

        // A round trip per row made the sync job's work tables most of its time (160,000 single-row inserts at 20k customers).
        public override int RowsPerInsert(int columns) => Math.Max(1, Math.Min(1000, 30000 / columns));

        // A claim is the two-key advisory lock (store, key): it never meets the store's one-key lock, only the same claim.
        public override bool Claim(DbConnection connection, DbTransaction transaction, string key, bool wait)
        {
            using (var cmd = (NpgsqlCommand)connection.CreateCommand())
            {
                cmd.Transaction = (NpgsqlTransaction)transaction;
                cmd.CommandText = "SELECT " + (wait ? "pg_advisory_xact_lock" : "pg_try_advisory_xact_lock") + "(" + StoreLock + ", hashtext(@key));";
                cmd.Parameters.AddWithValue("key", NpgsqlTypes.NpgsqlDbType.Text, key);
                var taken = cmd.ExecuteScalar();
                return wait || (bool)taken;
            }
        }

        public override DbTransaction BeginSnapshot(DbConnection connection) => connection.BeginTransaction(IsolationLevel.RepeatableRead);

        public override string TableNames =>
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_version' ORDER BY table_name;";

        // The planner's row estimates for joined aggregates (and for the small tables autovacuum never analyzes) are far
        // too low, so it probes an index once per row of a 20-million-row table: hash and merge joins instead, with room to hash.
        public override void PrepareWholeTableReads(StoreDatabase db) =>
            db.Execute("SET LOCAL enable_nestloop = off; SET LOCAL work_mem = '64MB';");

        // A check reads every row of the store; the connection's command timeout (30 s) is for waits, not for this.
        public override void AllowLongRead(DbCommand command) => command.CommandTimeout = 0;

        /// <summary>
        /// PostgreSQL checks its own pages (checksums, WAL), so there is nothing like SQLite's quick_check to run by default.
        /// Where the amcheck extension is installed and its functions may be run by this user, every B-tree index of the store
        /// is verified with bt_index_check (with -Full also against its table: heapallindexed); it takes no lock that stops jobs.
        /// Otherwise nothing is checked, and the check says so.
        /// </summary>
        public override StorageCheck CheckStorage(StoreDatabase db, bool full)
        {
            var what = "amcheck bt_index_check" + (full ? " (heapallindexed)" : "");
            var schema = db.Scalar<string>("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'amcheck';");
            // Its functions are the superuser's unless granted.
            if (schema != null && db.Scalar<long>("SELECT CASE WHEN has_function_privilege($f, 'EXECUTE') THEN 1 ELSE 0 END;",
                    ("$f", QuoteIdent(schema) + ".bt_index_check(regclass, boolean)")) == 0) schema = null;
            if (schema == null) return new StorageCheck("amcheck (not installed in this database, or not allowed to this user)", false, Array.Empty<string>());
            var indexes = db.Query(@"SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND a.amname = 'btree' AND c.relpersistence = 'p' AND i.indisvalid ORDER BY c.relname;", r => r.GetString(0)).ToList();
            var problems = new List<string>();
            foreach (var index in indexes)
            {
                try
                {
                    using (var cmd = db.Command("SELECT " + QuoteIdent(schema) + ".bt_index_check(CAST($i AS regclass), $h);", ("$i", index), ("$h", full)))
                    {
                        AllowLongRead(cmd);
                        cmd.ExecuteNonQuery();
                    }
                }
                catch (PostgresException ex) when (ex.SqlState.StartsWith("XX", StringComparison.Ordinal))
                {
                    // XX001 data_corrupted, XX002 index_corrupted: what amcheck reports.
                    problems.Add(index + ": " + ex.MessageText);
                }
            }
            return new StorageCheck(what, true, problems);
        }

        private static string QuoteIdent(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

        public override bool IsUniqueViolation(DbException ex) => ex is PostgresException p && p.SqlState == PostgresErrorCodes.UniqueViolation;

        public override Exception Translate(DbException ex, string store, TimeSpan busyTimeout)
        {
            if (ex is PostgresException p)
            {
                switch (p.SqlState)
                {
                    case PostgresErrorCodes.LockNotAvailable:
                    case PostgresErrorCodes.DeadlockDetected:
                    case PostgresErrorCodes.SerializationFailure:
                        return StoreDatabase.Busy(store, busyTimeout, ex);
                    case PostgresErrorCodes.DiskFull:
                        return StoreFull(store, ex);
                    case PostgresErrorCodes.InsufficientPrivilege:
                        return new CommerceSyncException(ErrorIds.StoreReadOnly, ErrorKind.PermissionDenied,
                            "The PostgreSQL user of '" + store + "' may not change the store: " + p.MessageText, store, ex);
                    case PostgresErrorCodes.InvalidPassword:
                    case PostgresErrorCodes.InvalidAuthorizationSpecification:
                    case PostgresErrorCodes.InvalidCatalogName:
                        return Unavailable(store, p.MessageText, ex);
                }
                return ex;
            }
            return ex is NpgsqlException ? Unavailable(store, ex.Message, ex) : (Exception)ex;
        }

        internal static CommerceSyncException Unavailable(string store, string why, Exception inner) =>
            new CommerceSyncException(ErrorIds.StoreUnavailable, ErrorKind.ConnectionError,
                "The PostgreSQL store '" + store + "' cannot be reached: " + why, store, inner);

        public override void AfterImport(StoreDatabase db)
        {
            // Rows came with their own ids: the identity columns go on after the largest.
            var identities = db.Query(@"SELECT table_name, column_name FROM information_schema.columns
WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY table_name;", r => (Table: r.GetString(0), Column: r.GetString(1))).ToList();
            foreach (var (table, column) in identities)
            {
                db.Execute("SELECT setval(pg_get_serial_sequence('" + table + "', '" + column + "'), GREATEST(COALESCE(MAX(" + column + "), 0), 1), MAX(" + column + ") IS NOT NULL) FROM " + table + ";");
            }
        }
    }

    /// <summary>
    /// Reads PostgreSQL's results the way the stores read SQLite's: every integer as a 64-bit or 32-bit integer as asked,
    /// booleans (the value of a comparison) as 0 or 1, sums (numeric) as integers.
    /// </summary>
    internal sealed class LenientReader : DbDataReader
    {
        private readonly DbDataReader inner;

        public LenientReader(DbDataReader inner) { this.inner = inner; }

        private object Value(int i) => inner.GetValue(i) is bool b ? (b ? 1L : 0L) : inner.GetValue(i);

        public override long GetInt64(int ordinal) => Convert.ToInt64(Value(ordinal), CultureInfo.InvariantCulture);
        public override int GetInt32(int ordinal) => Convert.ToInt32(Value(ordinal), CultureInfo.InvariantCulture);
        public override short GetInt16(int ordinal) => Convert.ToInt16(Value(ordinal), CultureInfo.InvariantCulture);
        public override bool GetBoolean(int ordinal) => Convert.ToInt64(Value(ordinal), CultureInfo.InvariantCulture) != 0;
        public override double GetDouble(int ordinal) => Convert.ToDouble(Value(ordinal), CultureInfo.InvariantCulture);
        public override decimal GetDecimal(int ordinal) => Convert.ToDecimal(Value(ordinal), CultureInfo.InvariantCulture);
        public override float GetFloat(int ordinal) => Convert.ToSingle(Value(ordinal), CultureInfo.InvariantCulture);
        public override string GetString(int ordinal) => Convert.ToString(inner.GetValue(ordinal), CultureInfo.InvariantCulture);
        public override object GetValue(int ordinal) => Value(ordinal);

        public override Type GetFieldType(int ordinal)
        {
            var t = inner.GetFieldType(ordinal);
            if (t == typeof(int) || t == typeof(short) || t == typeof(bool)) return typeof(long);
            if (t == typeof(decimal)) return typeof(long);
            return t;
        }

        public override bool IsDBNull(int ordinal) => inner.IsDBNull(ordinal);
        public override int FieldCount => inner.FieldCount;
        public override object this[int ordinal] => GetValue(ordinal);
        public override object this[string name] => GetValue(GetOrdinal(name));
        public override int RecordsAffected => inner.RecordsAffected;
        public override bool HasRows => inner.HasRows;
        public override bool IsClosed => inner.IsClosed;
        public override int Depth => inner.Depth;
        public override bool NextResult() => inner.NextResult();
        public override bool Read() => inner.Read();
        public override string GetName(int ordinal) => inner.GetName(ordinal);
        public override int GetOrdinal(string name) => inner.GetOrdinal(name);
        public override string GetDataTypeName(int ordinal) => inner.GetDataTypeName(ordinal);
        public override byte GetByte(int ordinal) => Convert.ToByte(Value(ordinal), CultureInfo.InvariantCulture);
        public override long GetBytes(int ordinal, long dataOffset, byte[] buffer, int bufferOffset, int length) => inner.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);
        public override char GetChar(int ordinal) => inner.GetChar(ordinal);
        public override long GetChars(int ordinal, long dataOffset, char[] buffer, int bufferOffset, int length) => inner.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);
        public override DateTime GetDateTime(int ordinal) => inner.GetDateTime(ordinal);
        public override Guid GetGuid(int ordinal) => inner.GetGuid(ordinal);
        public override int GetValues(object[] values)
        {
            var n = Math.Min(values.Length, FieldCount);
            for (var i = 0; i < n; i++) values[i] = GetValue(i);
            return n;
        }
        public override IEnumerator GetEnumerator() => ((IEnumerable)inner).GetEnumerator();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
#endif
