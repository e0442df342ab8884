#if NET8_0_OR_GREATER
using System;
using System.Collections;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using Npgsql;

using CommerceSync.Data;

namespace CommerceSync.Data.Engines.Postgres
{
    /// <summary>
    /// A store in a PostgreSQL database (one schema), for runbook workers on several machines. The stores' SQL is rewritten
    /// by <see cref="PostgresSql"/>; writers take the store's advisory lock, so jobs keep the semantics they have on SQLite:
    /// one writer at a time per store, each chunk whole or not at all, readers never blocked. Work that splits by channel or
    /// database (bulk P-job, sync job and job 1010 chunks) takes the lock shared and claims its share, so several workers do it at once.
    /// </summary>
    internal sealed class PostgresEngine : StoreEngine
    {
        public static readonly PostgresEngine Instance = new PostgresEngine();

        public override StoreBackend Backend => StoreBackend.PostgreSQL;

        // Hints are SQLite's: left out here, before the translator, which refuses SQLite's hint syntax.
        public override string Rewrite(string sql) => PostgresSql.Rewrite(PlannerHints.Drop(sql));

        public override string Ddl(string sql) => PostgresSql.Ddl(sql);

        public override string ParameterName(string name) => name.StartsWith("$", StringComparison.Ordinal) ? "@" + name.Substring(1) : name;

        public override DbDataReader Wrap(DbDataReader reader) => new LenientReader(reader);

        // One command at a time per connection (Npgsql has no multiple active result sets): a streamed query is read whole
        // first, so its caller may run other commands between its rows, as it can on SQLite.
        public override bool ReadsWhileWriting => false;

        protected override void Assign(DbParameter parameter, object? value)
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
        public override bool Claim(DbConnection connection, DbTransaction? transaction, string key, bool wait)
        {
            using (var cmd = (NpgsqlCommand)connection.CreateCommand())
            {
                cmd.Transaction = (NpgsqlTransaction?)transaction;
                cmd.CommandText = "SELECT " + (wait ? "pg_advisory_xact_lock" : "pg_try_advisory_xact_lock") + "(" + StoreLock + ", hashtext(@key));";
                cmd.Parameters.AddWithValue("key", NpgsqlTypes.NpgsqlDbType.Text, key);
                // A SELECT of one function call always returns its one row.
                var taken = cmd.ExecuteScalar()!;
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
            var indexes = db.ReadAll(@"SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND a.amname = 'btree' AND c.relpersistence = 'p' AND i.indisvalid ORDER BY c.relname;", r => r.GetString(0));
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

        public override Exception Translate(DbException ex, string store, TimeSpan busyTimeout)
        {
            if (ex is PostgresException p)
            {
                switch (p.SqlState)
                {
                    case PostgresErrorCodes.LockNotAvailable:
                    case PostgresErrorCodes.DeadlockDetected:
                    case PostgresErrorCodes.SerializationFailure:
                        return StoreErrors.Busy(store, busyTimeout, ex);
                    case PostgresErrorCodes.DiskFull:
                        return StoreErrors.StoreFull(store, ex);
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
            var identities = db.ReadAll(@"SELECT table_name, column_name FROM information_schema.columns
WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY table_name;", r => (Table: r.GetString(0), Column: r.GetString(1)));
            foreach (var (table, column) in identities)
            {
                db.Execute("SELECT setval(pg_get_serial_sequence('" + table + "', '" + column + "'), GREATEST(COALESCE(MAX(" + column + "), 0), 1), MAX(" + column + ") IS NOT NULL) FROM " + table + ";");
            }
        }

        // ---- Opening and creating ----

        /// <summary>
        /// Opens a store in a PostgreSQL database. The store is the schema named first in the connection string's Search Path
        /// (default: public); its tables live there, and the citext type in public. A missing store is created with
        /// <paramref name="createIfMissing"/> (Connect-CommerceStore -Create), in the default account number format.
        /// </summary>
        public override StoreDatabase Open(StoreLocation location, bool createIfMissing)
        {
            try
            {
                return Connect(location, format: null, force: false);
            }
            catch (CommerceSyncException ex) when (createIfMissing && ex.ErrorId == ErrorIds.StoreNotFound)
            {
                return Connect(location, format: AccountNumberFormat.Parse(StoreDatabase.DefaultAccountNumberFormat), force: false);
            }
        }

        /// <summary>Creates a store in a PostgreSQL database (the schema of the Search Path, created when missing).</summary>
        public override StoreDatabase Create(StoreLocation location, AccountNumberFormat format, bool force) => Connect(location, format: format, force: force);

        // No file of a PostgreSQL store is on this machine; the SQLite stores this process opened must still not be written over.
        public override string? StoreFileAt(string path, StoreLocation current, bool anyOpenedStore) =>
            Sqlite.SqliteFiles.StoreAt(path, null, anyOpenedStore);

        // With a format, creates the store (emptying one with force); without, opens it.
        private static StoreDatabase Connect(StoreLocation location, AccountNumberFormat? format, bool force)
        {
            var display = location.Display;
            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(location.Value);
            }
            catch (ArgumentException ex)
            {
                // Npgsql's message names the key it could not read, never its value.
                throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument, "The connection string is not valid: " + ex.Message, display, ex);
            }
            var schema = (builder.SearchPath ?? "").Split(',').Select(s => s.Trim().Trim('"')).FirstOrDefault(s => s.Length > 0) ?? "public";
            if (!System.Text.RegularExpressions.Regex.IsMatch(schema, "^[A-Za-z_][A-Za-z0-9_]{0,62}$"))
            {
                throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument,
                    "The store's schema (the first name in Search Path) must be letters, digits and '_': '" + schema + "'.", schema);
            }
            // citext (case-insensitive ids) lives in public; keep it visible whatever the store's schema.
            builder.SearchPath = schema == "public" ? "public" : schema + ",public";
            // The jobs run the same statements chunk after chunk, and the writers one row after another: prepare those the
            // server sees twice (unless the connection string says otherwise). Seeding a store this way takes half the time.
            if (builder.MaxAutoPrepare == 0)
            {
                builder.MaxAutoPrepare = 64;
                builder.AutoPrepareMinUsages = 2;
            }
            var connection = new NpgsqlConnection(builder.ConnectionString);
            try
            {
                connection.Open();
            }
            catch (Exception ex) when (ex is NpgsqlException || ex is TimeoutException || ex is System.Net.Sockets.SocketException)
            {
                connection.Dispose();
                throw Unavailable(display, ex.Message, ex);
            }
            var db = new StoreDatabase(location, connection, Instance);
            try
            {
                db.SetBusyTimeout(StoreDatabase.EnvironmentBusyTimeout() ?? StoreDatabase.DefaultBusyTimeout);
                var exists = db.Scalar<long>("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = $s AND table_name = 'schema_version';", ("$s", schema)) > 0;
                var others = db.Scalar<long>("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = $s;", ("$s", schema));
                if (format != null)
                {
                    if (exists && !force)
                    {
                        throw new CommerceSyncException(ErrorIds.StoreExists, ErrorKind.AlreadyExists,
                            "A store already exists in schema '" + schema + "' of " + display + ". Use -Force to replace it.", display);
                    }
                    if (!exists && others > 0)
                    {
                        throw new CommerceSyncException(ErrorIds.StoreNotCommerceSync, ErrorKind.InvalidData,
                            "Schema '" + schema + "' of " + display + " holds another application's tables. Name an empty schema in Search Path. Nothing was changed.", display);
                    }
                    if (db.Scalar<long>("SELECT COUNT(*) FROM pg_extension WHERE extname = 'citext';") == 0)
                    {
                        try
                        {
                            db.Execute("CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;");
                        }
                        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
                        {
                            // IF NOT EXISTS is not safe against another session creating it at the same moment: it exists now.
                        }
                        // Npgsql learnt the database's types when it first connected: teach it the new one.
                        connection.ReloadTypes();
                    }
                    db.Execute("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\";");
                    if (exists)
                    {
                        // -Force: the store's own tables go, and only those.
                        foreach (var table in db.TableNames().Concat(new[] { "schema_version" }))
                        {
                            db.Execute("DROP TABLE IF EXISTS \"" + schema + "\".\"" + table + "\" CASCADE;");
                        }
                    }
                    db.Migrate();
                    db.SetSetting(NumberSequences.AccountNumberFormatSetting, format.ToString());
                    return db;
                }
                if (!exists)
                {
                    if (others > 0)
                    {
                        throw new CommerceSyncException(ErrorIds.StoreNotCommerceSync, ErrorKind.InvalidData,
                            "Schema '" + schema + "' of " + display + " holds another application's tables, not a CommerceSync store. Nothing was changed.", display);
                    }
                    throw new CommerceSyncException(ErrorIds.StoreNotFound, ErrorKind.NotFound,
                        "No store in schema '" + schema + "' of " + display + ". Create one with New-CommerceStore -ConnectionString.", display);
                }
                db.Migrate();
                return db;
            }
            catch
            {
                db.Dispose();
                throw;
            }
        }
    }
}
#endif
