using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using CommerceSync.Data;

namespace CommerceSync.Data.Engines.Sqlite
{
    /// <summary>The store file itself: its native library, checks, creation, -Force, opening (read-only media too), pragmas, busy timeout and backup.</summary>
    internal sealed partial class SqliteEngine
    {
        private static readonly object InitLock = new object();
        private static bool providerSet;

        /// <summary>Makes Microsoft.Data.Sqlite use the bundled e_sqlite3. Hosts that must help the loader do so before this runs.</summary>
        public static void EnsureProvider()
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
            EnsureProvider();
            return SQLitePCL.raw.sqlite3_libversion().utf8_to_string();
        }

        /// <summary>
        /// Creates a new store file, owner-only from the start. Fails if one exists, unless <paramref name="force"/> empties it,
        /// which SQLite does in place and only while no other connection (another program, another CommerceSync session)
        /// has the store open.
        /// </summary>
        public override StoreDatabase Create(StoreLocation location, AccountNumberFormat format, bool force)
        {
            var path = FileOf(location);
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
            StoreDatabase? db = null;
            try
            {
                db = OpenCore(location, null);
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

        /// <summary>Opens an existing store file (or, with <paramref name="createIfMissing"/>, creates it).</summary>
        public override StoreDatabase Open(StoreLocation location, bool createIfMissing)
        {
            var path = FileOf(location);
            CheckNotFolder(path);
            CheckNotDanglingLink(path);
            if (!File.Exists(path))
            {
                if (createIfMissing) return Create(location, AccountNumberFormat.Parse(StoreDatabase.DefaultAccountNumberFormat), force: false);
                throw new CommerceSyncException(ErrorIds.StoreNotFound, ErrorKind.NotFound,
                    "No store at '" + path + "'. Create one with New-CommerceStore.", path);
            }
            // The size comes from stat(2), which opens nothing: see SqliteFiles for why no descriptor of a store is ever opened here.
            var length = new FileInfo(path).Length;
            if (length == 0) throw NotSqlite(path);
            var db = OpenCore(location, length);
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

        // StoreEngine.For gives this engine file locations only, and a file location's value is its path.
        private static string FileOf(StoreLocation location) => location.Value;

        private static CommerceSyncException NotSqlite(string path) =>
            new CommerceSyncException(ErrorIds.StoreNotSqlite, ErrorKind.InvalidData,
                "'" + path + "' is not a CommerceSync store: it is empty, cut short or not a SQLite database.", path);

        /// <summary>
        /// An existing store must be a whole SQLite file. SQLite itself would treat a cut-short file as a database with fewer
        /// pages and quietly go on; refuse instead, so a damaged copy is never mistaken for a store with less data. The header
        /// is read through SQLite (a file that is not SQLite fails its first read with SQLITE_NOTADB).
        /// </summary>
        private static void CheckWhole(StoreDatabase db, long length)
        {
            var pageSize = db.Scalar<long>("PRAGMA page_size;");
            if (pageSize < 512 || length < pageSize || length % pageSize != 0) throw NotSqlite(db.Path);
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
            var target = SqliteFiles.DanglingLinkTarget(path);
            if (target != null)
            {
                throw new CommerceSyncException(ErrorIds.StoreNotFound, ErrorKind.NotFound,
                    "The store path '" + path + "' is a link to '" + target + "', which does not exist. Point the link at a store, or give the store's own path.", path);
            }
        }

        private static void CheckNotForeign(StoreDatabase db)
        {
            if (db.Scalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version';") == 0 &&
                db.Scalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table';") > 0)
            {
                throw new CommerceSyncException(ErrorIds.StoreNotCommerceSync, ErrorKind.InvalidData,
                    "'" + db.Path + "' is a SQLite database of another application, not a CommerceSync store. Nothing was changed.", db.Path);
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
            foreach (var suffix in SqliteFiles.Sidecars) StoreFiles.DeleteQuietly(path + suffix);
        }

        /// <summary>
        /// Empties an existing store (or another SQLite file) through SQLite, for New-CommerceStore -Force. Leaving WAL mode needs
        /// every other connection to the file closed, so it is also the check that nobody uses the store: a store open elsewhere is
        /// refused with StoreInUse and left as it was. A file that is not a database at all has no SQLite connection that could
        /// be using it, and is replaced.
        /// </summary>
        private static void EmptyInPlace(string path)
        {
            EnsureProvider();
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
                    throw Translate(ex, path, null);
                }
            }
            if (notADatabase)
            {
                foreach (var suffix in SqliteFiles.Sidecars) StoreFiles.DeleteQuietly(path + suffix);
                File.Delete(path);
                CreateEmptyFile(path);
                return;
            }
#if NET8_0_OR_GREATER
            // The file keeps its inode; make sure what the new store writes into it is the owner's alone.
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
#endif
        }

        private static CommerceSyncException InUse(string path, Exception? inner) =>
            new CommerceSyncException(ErrorIds.StoreInUse, ErrorKind.ResourceBusy,
                "The store '" + path + "' is open in another program or CommerceSync session, so it is not replaced. Close it there first. Nothing was changed.", path, inner);

        private static void Run(SqliteConnection c, string sql)
        {
            using (var cmd = c.CreateCommand()) { cmd.CommandText = sql; cmd.ExecuteNonQuery(); }
        }

        private static object? RunScalar(SqliteConnection c, string sql)
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
                DefaultTimeout = (int)Math.Max(1, (StoreDatabase.EnvironmentBusyTimeout() ?? StoreDatabase.DefaultBusyTimeout).TotalSeconds),
            }.ToString();


        /// <summary>Opens a connection; <paramref name="existingLength"/> is the file's size when it is an existing store to check.</summary>
        private static StoreDatabase OpenCore(StoreLocation location, long? existingLength)
        {
            EnsureProvider();
            var path = FileOf(location);
            try
            {
                return OpenWith(location, ConnectionStringFor(path, SqliteOpenMode.ReadWrite, pooling: true), existingLength);
            }
            catch (CommerceSyncException ex) when (ex.ErrorId == ErrorIds.StoreReadOnly && existingLength != null)
            {
                try
                {
                    return OpenWith(location, ConnectionStringFor(path, SqliteOpenMode.ReadOnly, pooling: true, immutable: true), existingLength);
                }
                catch (CommerceSyncException)
                {
                    throw ex;
                }
            }
        }

        private static StoreDatabase OpenWith(StoreLocation location, string connectionString, long? existingLength)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                var db = new StoreDatabase(location, connection, Instance);
                db.ReadOnly = SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1;
                ApplyPragmas(db, existingLength);
                SqliteFiles.RememberOpened(FileOf(location));
                return db;
            }
            catch (SqliteException ex)
            {
                connection.Dispose();
                throw Translate(ex, FileOf(location), null);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        private static void ApplyPragmas(StoreDatabase db, long? existingLength)
        {
            try
            {
                // busy_timeout first: even switching to WAL needs the lock.
                db.SetBusyTimeout(StoreDatabase.EnvironmentBusyTimeout() ?? StoreDatabase.DefaultBusyTimeout);
                // Before the first write: switching to WAL rewrites the file header, and another application's database (or a
                // cut-short copy) must stay as it was.
                CheckNotForeign(db);
                if (existingLength.HasValue) CheckWhole(db, existingLength.Value);
                db.Execute("PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;");
                if (db.ReadOnly) return;
                // A read-only folder cannot take WAL's files; SQLite then keeps the old mode, and writes fail later with StoreReadOnly.
                db.Scalar<string>("PRAGMA journal_mode = WAL;");
                db.Execute("PRAGMA synchronous = NORMAL;");
            }
            catch (SqliteException ex)
            {
                throw db.Translate(ex);
            }
        }

        public override void ApplyBusyTimeout(StoreDatabase db, TimeSpan timeout)
        {
            db.Execute("PRAGMA busy_timeout = " + ((long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + ";");
            // Microsoft.Data.Sqlite retries a busy statement until its command timeout as well: keep the two equal.
            ((SqliteConnection)db.Connection).DefaultTimeout = (int)Math.Max(1, Math.Ceiling(timeout.TotalSeconds));
        }

        public override string? StoreFileAt(string path, StoreLocation current, bool anyOpenedStore) =>
            SqliteFiles.StoreAt(path, current?.FilePath, anyOpenedStore);

        /// <summary>
        /// A consistent copy of the whole store while jobs may be running (SQLite's online backup), written owner-only.
        /// The copy is a complete store: open it like any other. An existing destination (with <paramref name="force"/>) is
        /// overwritten through SQLite, never deleted under a program that has it open; the store itself is never a destination.
        /// </summary>
        public override void Backup(StoreDatabase db, string destination, bool force)
        {
            var sqlite = (SqliteConnection)db.Connection;
            db.CheckDestination(destination, force, anyOpenedStore: false);
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
                    foreach (var suffix in SqliteFiles.Sidecars) StoreFiles.DeleteQuietly(destination + suffix);
                    File.Delete(destination);
                    CreateEmptyFile(destination);
                    created = true;
                    CopyInto(sqlite, destination);
                }
            }
            catch (SqliteException ex)
            {
                if (created) RemoveUnfinished(destination);
                throw Translate(ex, destination, db.BusyTimeout);
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
    }
}
