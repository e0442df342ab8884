using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Data.Sqlite;

using CommerceSync.Data.Migrations;

namespace CommerceSync.Storage
{
    /// <summary>
    /// An open CommerceSync store: one connection (a SQLite file, or a PostgreSQL database) with the settings every caller
    /// needs, the schema check, and writer transactions. The SQL of the stores goes through <see cref="Command"/>, where the
    /// store's dialect turns it into its own. Not thread-safe; open one per caller.
    /// </summary>
    public sealed partial class StoreDatabase : IDisposable
    {
        /// <summary>Default account number format (see <see cref="NumberSequences"/>).</summary>
        public const string DefaultAccountNumberFormat = NumberSequences.DefaultAccountNumberFormat;

        private static readonly object InitLock = new object();
        private static bool providerSet;

        private StoreDatabase(string path, DbConnection connection, SqlDialect dialect)
        {
            Path = path;
            Connection = connection;
            Dialect = dialect;
        }

        /// <summary>The store file; for a PostgreSQL store, its connection string without the password.</summary>
        public string Path { get; }
        internal DbConnection Connection { get; }
        internal SqlDialect Dialect { get; }
        /// <summary>Whether this connection has made its temp.run_customer (see <see cref="RunCustomers"/>).</summary>
        internal bool RunCustomersReady { get; set; }
        public StoreBackend Backend => Dialect.Backend;

        /// <summary>Environment variable that overrides how long a writer waits for another (seconds), for one process.</summary>
        public const string BusyTimeoutVariable = "COMMERCESYNC_BUSY_TIMEOUT";
        public const string BusyTimeoutSetting = "BusyTimeoutSeconds";

        /// <summary>How long a writer waits for another writer before failing with StoreBusy, unless the store or the environment says otherwise.</summary>
        public static TimeSpan DefaultBusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>The wait in force for this connection: $env:COMMERCESYNC_BUSY_TIMEOUT, else the store's setting, else the default.</summary>
        public TimeSpan BusyTimeout { get; private set; } = DefaultBusyTimeout;

        /// <summary>The per-user default store: CommerceSync/commerce.db in the local application data folder.</summary>
        public static string DefaultPath
        {
            get
            {
                var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
                if (string.IsNullOrEmpty(root))
                {
                    root = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
                }
                return System.IO.Path.Combine(root, "CommerceSync", "commerce.db");
            }
        }

        /// <summary>Makes Microsoft.Data.Sqlite use the bundled e_sqlite3. Hosts that must help the loader do so before this runs.</summary>
        public static void EnsureSqliteProvider()
        {
            lock (InitLock)
            {
                if (providerSet) return;
                SQLitePCL.raw.SetProvider(new SQLitePCL.SQLite3Provider_e_sqlite3());
                providerSet = true;
            }
        }

        /// <summary>Calls into the native engine once, so a missing e_sqlite3 shows up now rather than at the first query.</summary>
        public static string CheckNativeLibrary()
        {
            EnsureSqliteProvider();
            return SQLitePCL.raw.sqlite3_libversion().utf8_to_string();
        }

        /// <summary>
        /// Creates a new store file, owner-only from the start. Fails if one exists, unless <paramref name="force"/> empties it,
        /// which SQLite does in place and only while no other connection (another program, another CommerceSync session)
        /// has the store open.
        /// </summary>
        public static StoreDatabase Create(string path, string accountNumberFormat = null, bool force = false)
        {
            var format = AccountNumberFormat.Parse(accountNumberFormat ?? DefaultAccountNumberFormat);
            CheckNotFolder(path);
            CheckNotDanglingLink(path);
            var created = false;
            if (File.Exists(path))
            {
                if (!force)
                {
                    throw new CommerceSyncException(ErrorIds.StoreExists, ErrorKind.AlreadyExists,
                        "A store already exists at '" + path + "'. Use -Force to replace it.", path);
                }
                EmptyInPlace(path);
            }
            else
            {
                CreateEmptyFile(path);
                created = true;
            }
            StoreDatabase db = null;
            try
            {
                db = OpenCore(path, null);
                db.Migrate();
                db.SetSetting(NumberSequences.AccountNumberFormatSetting, format.ToString());
                return db;
            }
            catch
            {
                db?.Dispose();
                // A store this call began and could not finish (disk full, read-only folder) leaves no file behind. The
                // connection's pool goes first, so no pooled handle outlives the file it points at.
                if (created) RemoveUnfinished(path);
                throw;
            }
        }

        /// <summary>Opens an existing store, upgrading its schema if it is older than this module.</summary>
        public static StoreDatabase Open(string path, bool createIfMissing = false)
        {
            CheckNotFolder(path);
            CheckNotDanglingLink(path);
            if (!File.Exists(path))
            {
                if (createIfMissing) return Create(path);
                throw new CommerceSyncException(ErrorIds.StoreNotFound, ErrorKind.NotFound,
                    "No store at '" + path + "'. Create one with New-CommerceStore.", path);
            }
            // The size comes from stat(2), which opens nothing: see StoreFiles for why no descriptor of a store is ever opened here.
            var length = new FileInfo(path).Length;
            if (length == 0) throw NotSqlite(path);
            var db = OpenCore(path, length);
            try
            {
                db.Migrate();
                return db;
            }
            catch
            {
                db.Dispose();
                throw;
            }
        }

        private static CommerceSyncException NotSqlite(string path) =>
            new CommerceSyncException(ErrorIds.StoreNotSqlite, ErrorKind.InvalidData,
                "'" + path + "' is not a CommerceSync store: it is empty, cut short or not a SQLite database.", path);

        /// <summary>
        /// An existing store must be a whole SQLite file. SQLite itself would treat a cut-short file as a database with fewer
        /// pages and quietly go on; refuse instead, so a damaged copy is never mistaken for a store with less data. The header
        /// is read through SQLite (a file that is not SQLite fails its first read with SQLITE_NOTADB).
        /// </summary>
        private void CheckWhole(long length)
        {
            var pageSize = Scalar<long>("PRAGMA page_size;");
            if (pageSize < 512 || length < pageSize || length % pageSize != 0) throw NotSqlite(Path);
        }

        private static void CheckNotFolder(string path)
        {
            if (Directory.Exists(path))
            {
                throw new CommerceSyncException(ErrorIds.StorePathIsFolder, ErrorKind.InvalidArgument,
                    "The store path '" + path + "' is a folder. Give the path of a store file.", path);
            }
        }

        private static void CheckNotDanglingLink(string path)
        {
            var target = StoreFiles.DanglingLinkTarget(path);
            if (target != null)
            {
                throw new CommerceSyncException(ErrorIds.StoreNotFound, ErrorKind.NotFound,
                    "The store path '" + path + "' is a link to '" + target + "', which does not exist. Point the link at a store, or give the store's own path.", path);
            }
        }

        private static void CreateEmptyFile(string path)
        {
            try
            {
                StoreFiles.CreatePrivateEmpty(path);
            }
            catch (IOException) when (File.Exists(path))
            {
                throw new CommerceSyncException(ErrorIds.StoreExists, ErrorKind.AlreadyExists,
                    "A store was created at '" + path + "' at the same moment by another process. Use -Force to replace it.", path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new CommerceSyncException(ErrorIds.StoreReadOnly, ErrorKind.PermissionDenied,
                    "A store cannot be created at '" + path + "': " + ex.Message + " Check that the folder exists or can be made, and is writable.", path, ex);
            }
        }

        private static void RemoveUnfinished(string path)
        {
            using (var pooled = new SqliteConnection(ConnectionStringFor(path, SqliteOpenMode.ReadWrite, pooling: true))) SqliteConnection.ClearPool(pooled);
            StoreFiles.DeleteQuietly(path);
            foreach (var suffix in StoreFiles.Sidecars) StoreFiles.DeleteQuietly(path + suffix);
        }

        /// <summary>
        /// Empties an existing store (or another SQLite file) through SQLite, for New-CommerceStore -Force. Leaving WAL mode needs
        /// every other connection to the file closed, so it is also the check that nobody uses the store: a store open elsewhere is
        /// refused with StoreInUse and left as it was. A file that is not a database at all has no SQLite connection that could
        /// be using it, and is replaced.
        /// </summary>
        private static void EmptyInPlace(string path)
        {
            EnsureSqliteProvider();
            // This process's own idle pooled connections would count as users of the store.
            using (var pooled = new SqliteConnection(ConnectionStringFor(path, SqliteOpenMode.ReadWrite, pooling: true))) SqliteConnection.ClearPool(pooled);
            var notADatabase = false;
            using (var c = new SqliteConnection(ConnectionStringFor(path, SqliteOpenMode.ReadWrite, pooling: false)))
            {
                try
                {
                    c.Open();
                    c.DefaultTimeout = 1;
                    Run(c, "PRAGMA busy_timeout = 0;");
                    var mode = RunScalar(c, "PRAGMA journal_mode = DELETE;") as string;
                    if (!string.Equals(mode, "delete", StringComparison.OrdinalIgnoreCase)) throw InUse(path, null);
                    // Outside the transaction: SQLite ignores foreign_keys inside one, and the tables go in any order.
                    Run(c, "PRAGMA foreign_keys = OFF; PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;");
                    var objects = new List<(string Type, string Name)>();
                    using (var cmd = c.CreateCommand())
                    {
                        cmd.CommandText = "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view', 'trigger') AND name NOT LIKE 'sqlite_%';";
                        using (var r = cmd.ExecuteReader()) while (r.Read()) objects.Add((r.GetString(0), r.GetString(1)));
                    }
                    foreach (var o in objects.OrderBy(o => o.Type == "table" ? 1 : 0))
                    {
                        Run(c, "DROP " + o.Type.ToUpperInvariant() + " IF EXISTS \"" + o.Name.Replace("\"", "\"\"") + "\";");
                    }
                    Run(c, "COMMIT;");
                    Run(c, "VACUUM;");
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode == 26 || ex.SqliteErrorCode == 11)
                {
                    notADatabase = true;
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode == 5 || ex.SqliteErrorCode == 6)
                {
                    throw InUse(path, ex);
                }
                catch (SqliteException ex)
                {
                    throw SqliteDialect.Translate(ex, path, null);
                }
            }
            if (notADatabase)
            {
                foreach (var suffix in StoreFiles.Sidecars) StoreFiles.DeleteQuietly(path + suffix);
                File.Delete(path);
                CreateEmptyFile(path);
                return;
            }
#if NET8_0_OR_GREATER
            // The file keeps its inode; make sure what the new store writes into it is the owner's alone.
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
#endif
        }

        private static CommerceSyncException InUse(string path, Exception inner) =>
            new CommerceSyncException(ErrorIds.StoreInUse, ErrorKind.ResourceBusy,
                "The store '" + path + "' is open in another program or CommerceSync session, so it is not replaced. Close it there first. Nothing was changed.", path, inner);

        private static void Run(SqliteConnection c, string sql)
        {
            using (var cmd = c.CreateCommand()) { cmd.CommandText = sql; cmd.ExecuteNonQuery(); }
        }

        private static object RunScalar(SqliteConnection c, string sql)
        {
            using (var cmd = c.CreateCommand()) { cmd.CommandText = sql; return cmd.ExecuteScalar(); }
        }

        private static string ConnectionStringFor(string path, SqliteOpenMode mode, bool pooling, bool immutable = false) =>
            new SqliteConnectionStringBuilder
            {
                // Read-only media: SQLite cannot make the -shm file it reads a WAL store with, unless it knows nothing can change the file.
                DataSource = immutable ? new Uri(System.IO.Path.GetFullPath(path)).AbsoluteUri + "?immutable=1" : path,
                Mode = mode,
                Pooling = pooling,
                DefaultTimeout = (int)Math.Max(1, (EnvironmentBusyTimeout() ?? DefaultBusyTimeout).TotalSeconds),
            }.ToString();

        /// <summary>Whether this store can only be read (read-only file or media): reads, tests, exports and backups work, changes fail with StoreReadOnly.</summary>
        public bool ReadOnly { get; private set; }

        /// <summary>Opens a connection; <paramref name="existingLength"/> is the file's size when it is an existing store to check.</summary>
        private static StoreDatabase OpenCore(string path, long? existingLength)
        {
            EnsureSqliteProvider();
            try
            {
                return OpenWith(path, ConnectionStringFor(path, SqliteOpenMode.ReadWrite, pooling: true), existingLength);
            }
            catch (CommerceSyncException ex) when (ex.ErrorId == ErrorIds.StoreReadOnly && existingLength != null)
            {
                try
                {
                    return OpenWith(path, ConnectionStringFor(path, SqliteOpenMode.ReadOnly, pooling: true, immutable: true), existingLength);
                }
                catch (CommerceSyncException)
                {
                    throw ex;
                }
            }
        }

        private static StoreDatabase OpenWith(string path, string connectionString, long? existingLength)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                var db = new StoreDatabase(path, connection, SqliteDialect.Instance);
                db.ReadOnly = SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1;
                db.ApplyPragmas(existingLength);
                StoreFiles.RememberOpened(path);
                return db;
            }
            catch (SqliteException ex)
            {
                connection.Dispose();
                throw SqliteDialect.Translate(ex, path, null);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        private void ApplyPragmas(long? existingLength)
        {
            try
            {
                // busy_timeout first: even switching to WAL needs the lock.
                SetBusyTimeout(EnvironmentBusyTimeout() ?? DefaultBusyTimeout);
                // Before the first write: switching to WAL rewrites the file header, and another application's database (or a
                // cut-short copy) must stay as it was.
                CheckNotForeign();
                if (existingLength.HasValue) CheckWhole(existingLength.Value);
                Execute("PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;");
                if (ReadOnly) return;
                // A read-only folder cannot take WAL's files; SQLite then keeps the old mode, and writes fail later with StoreReadOnly.
                Scalar<string>("PRAGMA journal_mode = WAL;");
                Execute("PRAGMA synchronous = NORMAL;");
            }
            catch (SqliteException ex)
            {
                throw Translate(ex);
            }
        }

        /// <summary>
        /// $env:COMMERCESYNC_BUSY_TIMEOUT: null when unset; seconds from 0 to 86,400 (as Set-CommerceStore -BusyTimeout takes).
        /// Anything else (text, negative, NaN, 1e30) is refused with InvalidValue rather than ignored: a runbook that set it means it.
        /// </summary>
        public static TimeSpan? EnvironmentBusyTimeout()
        {
            double seconds;
            var text = Environment.GetEnvironmentVariable(BusyTimeoutVariable);
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) || double.IsNaN(seconds) || seconds < 0 || seconds > 86400)
            {
                throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument,
                    "$env:" + BusyTimeoutVariable + " must be a number of seconds from 0 to 86400, not '" + text + "'. Correct or remove it.", BusyTimeoutVariable);
            }
            return TimeSpan.FromSeconds(seconds);
        }

        private void SetBusyTimeout(TimeSpan timeout)
        {
            BusyTimeout = timeout;
            if (!(Connection is SqliteConnection sqlite)) return; // PostgreSQL: the lock wait is set on each writer transaction
            Execute("PRAGMA busy_timeout = " + ((long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + ";");
            // Microsoft.Data.Sqlite retries a busy statement until its command timeout as well: keep the two equal.
            sqlite.DefaultTimeout = (int)Math.Max(1, Math.Ceiling(timeout.TotalSeconds));
        }

        /// <summary>After the schema is known: the store's own busy timeout applies unless the environment overrides it.</summary>
        private void ApplyStoreBusyTimeout()
        {
            double seconds;
            if (EnvironmentBusyTimeout() == null && double.TryParse(GetSetting(BusyTimeoutSetting), NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
            {
                SetBusyTimeout(TimeSpan.FromSeconds(seconds));
            }
        }

        /// <summary>Sets the store's busy timeout for every process that opens it.</summary>
        public void SetBusyTimeoutSetting(TimeSpan timeout)
        {
            SetSetting(BusyTimeoutSetting, timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture));
            ApplyStoreBusyTimeout();
        }

        /// <summary>Turns the engine's errors into errors a user can act on.</summary>
        internal Exception Translate(DbException ex) => Dialect.Translate(ex, Path, BusyTimeout);

        internal static CommerceSyncException Busy(string store, TimeSpan busyTimeout, Exception inner) =>
            new CommerceSyncException(ErrorIds.StoreBusy, ErrorKind.ResourceBusy,
                "The store '" + store + "' stayed locked by another job for " + busyTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) +
                " s. Try again when it finishes, or wait longer with Set-CommerceStore -BusyTimeout or $env:" + BusyTimeoutVariable + ".", store, inner);

        private void CheckNotForeign()
        {
            if (Scalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version';") == 0 &&
                Scalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table';") > 0)
            {
                throw new CommerceSyncException(ErrorIds.StoreNotCommerceSync, ErrorKind.InvalidData,
                    "'" + Path + "' is a SQLite database of another application, not a CommerceSync store. Nothing was changed.", Path);
            }
        }

        public int SchemaVersion => (int)Scalar<long>("SELECT COALESCE(MAX(version), 0) FROM schema_version;");

        private void Migrate()
        {
            try
            {
                Execute(Dialect.Ddl("CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL);"));
                var current = SchemaVersion;
                if (current > Migrator.LatestVersion)
                {
                    throw new CommerceSyncException(ErrorIds.StoreSchemaTooNew, ErrorKind.NotSupported,
                        "The store '" + Path + "' has schema version " + current + ", newer than this module knows (" + Migrator.LatestVersion + "). Update CommerceSync.", Path);
                }
                if (current == Migrator.LatestVersion)
                {
                    ApplyStoreBusyTimeout();
                    return;
                }
                using (var tx = BeginWrite())
                {
                    current = SchemaVersion; // another process may have migrated while we waited
                    for (var v = current; v < Migrator.LatestVersion; v++)
                    {
                        Execute(Dialect.Ddl(Migrator.Scripts[v].Sql));
                        Execute("INSERT INTO schema_version(version) VALUES (" + (v + 1).ToString(CultureInfo.InvariantCulture) + ");");
                    }
                    tx.Commit();
                }
                ApplyStoreBusyTimeout();
            }
            catch (DbException ex)
            {
                throw Translate(ex);
            }
        }

        /// <summary>Starts a writer transaction that takes the store's write lock up front, so a busy store fails at the start, not half-way.</summary>
        public WriteTransaction BeginWrite()
        {
            try
            {
                return new WriteTransaction(this, Dialect.BeginWrite(Connection, BusyTimeout), claimed: false);
            }
            catch (DbException ex)
            {
                throw Translate(ex);
            }
        }

        /// <summary>A read transaction over one consistent state of the store, while jobs may write.</summary>
        internal DbTransaction BeginSnapshot()
        {
            try
            {
                return Dialect.BeginSnapshot(Connection);
            }
            catch (DbException ex)
            {
                throw Translate(ex);
            }
        }

        /// <summary>A command of the stores' SQL (written for SQLite, with $name parameters), in the store's dialect.</summary>
        internal DbCommand Command(string sql, params (string Name, object Value)[] parameters)
        {
            var cmd = Connection.CreateCommand();
            cmd.CommandText = Dialect.Rewrite(sql);
            cmd.Transaction = CurrentTransaction;
            Bind(cmd, parameters);
            return cmd;
        }

        /// <summary>Sets parameters of a command made by <see cref="Command"/>, adding those it does not have yet.</summary>
        internal void Bind(DbCommand cmd, params (string Name, object Value)[] values)
        {
            var parameters = cmd.Parameters;
            for (var i = 0; i < values.Length; i++)
            {
                var v = values[i];
                var name = Dialect.ParameterName(v.Name);
                // A statement run once per row binds the same names in the same order every time: set them by position,
                // and look a name up (a linear search in the providers) only when it is new or out of place.
                if (i < parameters.Count && string.Equals(parameters[i].ParameterName, name, StringComparison.Ordinal))
                {
                    Dialect.SetValue(parameters[i], v.Value);
                    continue;
                }
                if (parameters.Contains(name))
                {
                    Dialect.SetValue(cmd.Parameters[name], v.Value);
                    continue;
                }
                var p = cmd.CreateParameter();
                p.ParameterName = name;
                Dialect.SetValue(p, v.Value);
                cmd.Parameters.Add(p);
            }
        }

        internal DbTransaction CurrentTransaction { get; set; }

        /// <summary>
        /// Inserts rows (values in the order of <paramref name="columns"/>) with prepared statements of as many rows each as the
        /// engine does best with (<see cref="SqlDialect.RowsPerInsert"/>).
        /// </summary>
        internal void InsertRows(string table, string[] columns, IEnumerable<object[]> rows)
        {
            var size = Dialect.RowsPerInsert(columns.Length);
            var batch = new List<object[]>(size);
            (DbCommand Command, string[] Names) full = default;
            try
            {
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

        private void InsertBatch((DbCommand Command, string[] Names) insert, int columns, List<object[]> batch)
        {
            var values = new (string, object)[batch.Count * columns];
            for (var r = 0; r < batch.Count; r++)
            {
                for (var c = 0; c < columns; c++) values[r * columns + c] = (insert.Names[r * columns + c], batch[r][c]);
            }
            Bind(insert.Command, values);
            insert.Command.ExecuteNonQuery();
        }

        internal int Execute(string sql, params (string Name, object Value)[] parameters)
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

        internal T Scalar<T>(string sql, params (string Name, object Value)[] parameters)
        {
            using (var cmd = Command(sql, parameters))
            {
                object value;
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

        /// <summary>Runs a query of the stores' SQL and reads it with the dialect's reader, row by row.</summary>
        internal DbDataReader Reader(DbCommand cmd)
        {
            try
            {
                return Dialect.Wrap(cmd.ExecuteReader());
            }
            catch (DbException ex)
            {
                throw Translate(ex);
            }
        }

        internal IEnumerable<T> Query<T>(string sql, Func<DbDataReader, T> map, params (string Name, object Value)[] parameters) =>
            Dialect.ReadsWhileWriting ? Stream(sql, map, parameters) : Buffered(sql, map, parameters);

        private IEnumerable<T> Buffered<T>(string sql, Func<DbDataReader, T> map, (string Name, object Value)[] parameters)
        {
            // Run when enumerated, as a streamed query is; read whole, so the caller may run other commands between rows.
            foreach (var row in Stream(sql, map, parameters).ToList()) yield return row;
        }

        private IEnumerable<T> Stream<T>(string sql, Func<DbDataReader, T> map, (string Name, object Value)[] parameters)
        {
            using (var cmd = Command(sql, parameters))
            using (var reader = Reader(cmd))
            {
                while (reader.Read()) yield return map(reader);
            }
        }

        /// <summary>The names of the store's own tables.</summary>
        internal List<string> TableNames() => new List<string>(Query(Dialect.TableNames, r => r.GetString(0)));

        /// <summary>Row count of one of the store's own tables (the name is never user text).</summary>
        public long Count(string table, string where = null) =>
            Scalar<long>("SELECT COUNT(*) FROM " + table + (where == null ? "" : " WHERE " + where) + ";");

        public string GetSetting(string key) =>
            Scalar<string>("SELECT value FROM store_setting WHERE key = $k;", ("$k", key));

        public void SetSetting(string key, string value) =>
            Execute("INSERT INTO store_setting(key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value;", ("$k", key), ("$v", value));

        /// <summary>
        /// A consistent copy of the whole store while jobs may be running (SQLite's online backup), written owner-only.
        /// The copy is a complete store: open it like any other. An existing destination (with <paramref name="force"/>) is
        /// overwritten through SQLite, never deleted under a program that has it open; the store itself is never a destination.
        /// </summary>
        public void BackupTo(string destination, bool force)
        {
            if (!(Connection is SqliteConnection sqlite))
            {
                throw new CommerceSyncException(ErrorIds.BackupNotSupported, ErrorKind.NotSupported,
                    "Backup-CommerceStore copies SQLite stores. Back a PostgreSQL store up with the server's own tools (pg_dump), or move it with Export-CommerceData.", Path);
            }
            CheckDestination(destination, force, anyOpenedStore: false);
            var created = !File.Exists(destination);
            if (created) CreateEmptyFile(destination);
#if NET8_0_OR_GREATER
            else if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(destination, UnixFileMode.UserRead | UnixFileMode.UserWrite);
#endif
            try
            {
                try
                {
                    CopyInto(sqlite, destination);
                }
                catch (SqliteException ex) when (!created && (ex.SqliteErrorCode == 26 || ex.SqliteErrorCode == 11))
                {
                    // Not a database: no SQLite connection can be using it, so the file itself is replaced.
                    foreach (var suffix in StoreFiles.Sidecars) StoreFiles.DeleteQuietly(destination + suffix);
                    File.Delete(destination);
                    CreateEmptyFile(destination);
                    created = true;
                    CopyInto(sqlite, destination);
                }
            }
            catch (SqliteException ex)
            {
                if (created) RemoveUnfinished(destination);
                throw SqliteDialect.Translate(ex, destination, BusyTimeout);
            }
            catch
            {
                if (created) RemoveUnfinished(destination);
                throw;
            }
        }

        private static void CopyInto(SqliteConnection source, string destination)
        {
            using (var target = new SqliteConnection(ConnectionStringFor(destination, SqliteOpenMode.ReadWrite, pooling: false)))
            {
                target.Open();
                source.BackupDatabase(target);
            }
        }

        /// <summary>
        /// Refuses a destination for a copy of this store that is a folder, the store itself or one of its files (after links and
        /// relative parts are resolved), or, with <paramref name="anyOpenedStore"/>, any store this process has opened; and an
        /// existing file unless <paramref name="force"/>.
        /// </summary>
        public void CheckDestination(string destination, bool force, bool anyOpenedStore)
        {
            if (Directory.Exists(destination))
            {
                throw new CommerceSyncException(ErrorIds.DestinationIsFolder, ErrorKind.InvalidArgument,
                    "'" + destination + "' is a folder. Give the path of a file to write.", destination);
            }
            var store = StoreFiles.StoreAt(destination, Backend == StoreBackend.SQLite ? Path : null, anyOpenedStore);
            if (store != null)
            {
                throw new CommerceSyncException(ErrorIds.DestinationIsStore, ErrorKind.InvalidArgument,
                    "'" + destination + "' is the store '" + store + "' (or one of its files): writing there would destroy it. Choose another destination. Nothing was changed.", destination);
            }
            if (File.Exists(destination) && !force)
            {
                throw new CommerceSyncException(ErrorIds.StoreExists, ErrorKind.AlreadyExists, "'" + destination + "' exists. Use -Force to replace it.", destination);
            }
        }

        public void Dispose()
        {
            Connection.Dispose();
        }
    }

    /// <summary>A writer transaction holding the store's write lock; rolls back unless committed.</summary>
    public sealed class WriteTransaction : IDisposable
    {
        private readonly StoreDatabase db;
        private readonly DbTransaction tx;
        private bool done;

        internal WriteTransaction(StoreDatabase db, DbTransaction tx, bool claimed)
        {
            this.db = db;
            this.tx = tx;
            db.CurrentTransaction = tx;
            db.HeldClaims = new HeldClaims(together: claimed);
        }

        public void Commit()
        {
            try
            {
                tx.Commit();
            }
            catch (DbException ex)
            {
                throw db.Translate(ex);
            }
            done = true;
            db.CurrentTransaction = null;
            db.HeldClaims = null;
        }

        public void Dispose()
        {
            if (!done)
            {
                try { tx.Rollback(); } catch (DbException) { } catch (InvalidOperationException) { }
                db.CurrentTransaction = null;
                db.HeldClaims = null;
            }
            tx.Dispose();
        }
    }
}
