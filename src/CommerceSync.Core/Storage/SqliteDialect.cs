using System;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CommerceSync.Storage
{
    /// <summary>The embedded store: one SQLite file. The stores' SQL is written in this dialect, so nothing is rewritten.</summary>
    internal sealed class SqliteDialect : SqlDialect
    {
        public static readonly SqliteDialect Instance = new SqliteDialect();

        public override StoreBackend Backend => StoreBackend.SQLite;

        // BEGIN IMMEDIATE: the write lock is taken up front, so a busy store fails at the start of a chunk, not half-way.
        public override DbTransaction BeginWrite(DbConnection connection, TimeSpan timeout) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

        public override DbTransaction BeginSnapshot(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: true);

        public override string TableNames => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_version' ORDER BY name;";

        public override bool IsUniqueViolation(DbException ex) => ex is SqliteException s && s.SqliteErrorCode == 19;

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
                    return StoreFull(path, ex);
                case 5: // SQLITE_BUSY
                case 6: // SQLITE_LOCKED
                    return StoreDatabase.Busy(path, busyTimeout ?? StoreDatabase.DefaultBusyTimeout, ex);
                default:
                    return ex;
            }
        }
    }
}
