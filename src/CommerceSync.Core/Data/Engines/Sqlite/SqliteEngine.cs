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
    /// <summary>
    /// The embedded store: one SQLite file. The stores' SQL is written in this engine's dialect; only its planner hints
    /// (<see cref="PlannerHints"/>) are expanded. It owns the file: its checks (a folder, a dangling link, a cut-short or
    /// foreign file), its creation owner-only, -Force emptying it in place, its pragmas and busy timeout, read-only media,
    /// online backup, and SQLite's result codes as errors a user can act on.
    /// </summary>
    internal sealed partial class SqliteEngine : StoreEngine
    {
        public static readonly SqliteEngine Instance = new SqliteEngine();

        public override StoreBackend Backend => StoreBackend.SQLite;

        // BEGIN IMMEDIATE: the write lock is taken up front, so a busy store fails at the start of a chunk, not half-way.
        public override DbTransaction BeginWrite(DbConnection connection, TimeSpan timeout) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

        public override DbTransaction BeginSnapshot(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: true);

        public override string TableNames => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_version' ORDER BY name;";

        // Planner hints are SQLite's own syntax: the placeholders of the shared text become it here (see PlannerHints).
        public override string Rewrite(string sql) => PlannerHints.Expand(sql);

        // quick_check reads every page and checks its structure; integrity_check also checks every index against its table.
        // On a connection of its own, opened for this and closed by SQLite: a pooled connection's page cache would show the
        // pages as they were when it last read them, not as they are in the file now.
        public override StorageCheck CheckStorage(StoreDatabase db, bool full)
        {
            var what = full ? "PRAGMA integrity_check" : "PRAGMA quick_check";
            var problems = new List<string>();
            var own = new SqliteConnectionStringBuilder(db.Connection.ConnectionString) { Pooling = false };
            try
            {
                using (var connection = new SqliteConnection(own.ConnectionString))
                using (var cmd = connection.CreateCommand())
                {
                    connection.Open();
                    cmd.CommandText = "PRAGMA busy_timeout = " + ((long)db.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + ";";
                    cmd.ExecuteNonQuery();
                    cmd.CommandText = what + ";";
                    AllowLongRead(cmd);
                    using (var reader = cmd.ExecuteReader())
                    {
                        while (reader.Read())
                        {
                            var line = reader.IsDBNull(0) ? "" : reader.GetString(0);
                            if (!string.Equals(line, "ok", StringComparison.Ordinal)) problems.Add(line);
                        }
                    }
                }
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 11 || ex.SqliteErrorCode == 26)
            {
                // So damaged that the check itself stops: that is its finding.
                problems.Add(ex.Message);
            }
            return new StorageCheck(what, true, problems);
        }

        public override Exception Translate(DbException ex, string store, TimeSpan busyTimeout) =>
            ex is SqliteException s ? Translate(s, store, busyTimeout) : (Exception)ex;

        /// <summary>Turns SQLite result codes into errors a user can act on.</summary>
        public static Exception Translate(SqliteException ex, string path, TimeSpan? busyTimeout)
        {
            switch (ex.SqliteErrorCode)
            {
                case 26: // SQLITE_NOTADB
                    return new CommerceSyncException(ErrorIds.StoreNotSqlite, ErrorKind.InvalidData,
                        "'" + path + "' is not a CommerceSync store (not a SQLite database, or damaged).", path, ex);
                case 11: // SQLITE_CORRUPT
                    return new CommerceSyncException(ErrorIds.StoreNotSqlite, ErrorKind.InvalidData,
                        "The store '" + path + "' is damaged: " + ex.Message, path, ex);
                case 8: // SQLITE_READONLY
                case 14: // SQLITE_CANTOPEN
                    return new CommerceSyncException(ErrorIds.StoreReadOnly, ErrorKind.PermissionDenied,
                        "The store '" + path + "' cannot be opened for writing. Check that the file and its folder are writable.", path, ex);
                case 13: // SQLITE_FULL: the disk, or the size limit, is full; SQLite rolled the statement back
                    return StoreErrors.StoreFull(path, ex);
                case 5: // SQLITE_BUSY
                case 6: // SQLITE_LOCKED
                    return StoreErrors.Busy(path, busyTimeout ?? StoreDatabase.DefaultBusyTimeout, ex);
                default:
                    return ex;
            }
        }
    }
}
