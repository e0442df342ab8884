using System;
using System.Collections.Generic;
using System.Data.Common;
using CommerceSync.Rules;

namespace CommerceSync.Storage
{
    /// <summary>
    /// What differs between the databases a store can live in. The stores' SQL is written once, in SQLite's dialect; a
    /// dialect turns it into its own (SQLite: as written) and owns the engine's transactions, errors and catalogue.
    /// Rules and jobs never see which one is in use.
    /// </summary>
    // What depends on what between StoreDatabase and the dialects. StoreDatabase holds one dialect and sends every statement,
    // parameter, reader, transaction, claim and engine error through it; it also names each engine where it opens one
    // (SqliteDialect in StoreDatabase.cs: open, pragmas, backup; PostgresDialect in StoreDatabase.Postgres.cs). The dialects
    // call back into StoreDatabase twice over: for a message (StoreDatabase.Busy, DefaultBusyTimeout), and, in the operations
    // only one engine has that run SQL of their own (CheckStorage, AfterImport, PrepareWholeTableReads), through the
    // StoreDatabase they are given, as their way to query. That second edge is the circle. It is left as it is: breaking it
    // means those operations take the connection (or a small query interface StoreDatabase implements) and each engine owns
    // its open, create and backup, which is the move of the engines into folders of their own, not a change to make in passing.
    internal abstract class SqlDialect
    {
        public abstract StoreBackend Backend { get; }

        /// <summary>A statement of the stores, written for SQLite, in this dialect.</summary>
        public virtual string Rewrite(string sql) => sql;

        /// <summary>A migration file of <see cref="CommerceSync.Data.Migrations.Migrator"/>, written for SQLite, in this dialect.</summary>
        public virtual string Ddl(string sql) => sql;

        /// <summary>The name a parameter written as "$name" has in a command of this dialect.</summary>
        public virtual string ParameterName(string name) => name;

        /// <summary>
        /// Whether a command may run while a query's rows are still being read on the same connection. Where not, queries are
        /// read whole before their rows are handed out (the stores read large results in pages already).
        /// </summary>
        public virtual bool ReadsWhileWriting => true;

        /// <summary>
        /// Gives a parameter its value. Every value any store writes or looks for passes here, so this is where text that is
        /// not valid UTF-16 (a lone surrogate, which SQLite would store as U+FFFD and PostgreSQL refuses) is stopped, whatever
        /// path it came by; the rules refuse it earlier, per record, for the values a user types.
        /// </summary>
        public void SetValue(DbParameter parameter, object value)
        {
            if (value is string s && !InputRules.IsValidUtf16(s))
            {
                throw InputRules.Refuse("A value is not valid text: it holds half of a surrogate pair (a broken character).", null);
            }
            Assign(parameter, value);
        }

        /// <summary>The disk (or a size limit) is full, on whichever engine.</summary>
        internal static CommerceSyncException StoreFull(string path, Exception inner) =>
            new CommerceSyncException(ErrorIds.StoreFull, ErrorKind.InvalidOperation,
                "There is no room left to write '" + path + "': the disk is full. Nothing of this write was kept; free some space and run it again.", path, inner);

        /// <summary>Gives a parameter its value (and, where the engine needs it, its type).</summary>
        protected virtual void Assign(DbParameter parameter, object value) => parameter.Value = value ?? DBNull.Value;

        /// <summary>Readers as the stores read them: 64-bit integers, text and 0/1 flags, whatever the engine's own types.</summary>
        public virtual DbDataReader Wrap(DbDataReader reader) => reader;

        /// <summary>A writer transaction that holds the store's write lock from its start, waiting at most <paramref name="timeout"/>.</summary>
        public abstract DbTransaction BeginWrite(DbConnection connection, TimeSpan timeout);

        /// <summary>
        /// A writer transaction for work split by claims (<see cref="Claim"/>): where the engine allows, several run at once, each on
        /// what it claimed, and every other writer waits for them all. Here: an ordinary writer transaction.
        /// </summary>
        public virtual DbTransaction BeginClaimedWrite(DbConnection connection, TimeSpan timeout) => BeginWrite(connection, timeout);

        /// <summary>
        /// Claims a share of the work (a key) until the transaction ends; false when another writer holds it, or with
        /// <paramref name="wait"/> waits for it. Where writers take turns, whoever writes holds every key.
        /// </summary>
        public virtual bool Claim(DbConnection connection, DbTransaction transaction, string key, bool wait) => true;

        /// <summary>
        /// Rows per INSERT statement in <see cref="StoreDatabase.InsertRows"/>: one where a statement is an in-process call,
        /// many where each statement is a round trip to a server.
        /// </summary>
        public virtual int RowsPerInsert(int columns) => 1;

        /// <summary>Whether claimed writes run at once (so a job splits its work by claim), or take turns as every writer does.</summary>
        public virtual bool ClaimsRunTogether => false;

        /// <summary>A read transaction that sees one consistent state of the store while others write.</summary>
        public abstract DbTransaction BeginSnapshot(DbConnection connection);

        /// <summary>The engine's error as one a user can act on (or the error itself).</summary>
        public abstract Exception Translate(DbException ex, string store, TimeSpan busyTimeout);

        /// <summary>A query for the names of the store's own tables (not the engine's, not schema_version).</summary>
        public abstract string TableNames { get; }

        /// <summary>After rows were loaded with their own ids (Import-CommerceData): new rows must get ids after them.</summary>
        public virtual void AfterImport(StoreDatabase db) { }

        /// <summary>
        /// The engine's own check of the store's storage (pages, b-trees, indexes), which no query of the tables sees:
        /// <paramref name="full"/> runs the thorough form (every index entry against its row), which reads more.
        /// </summary>
        public abstract StorageCheck CheckStorage(StoreDatabase db, bool full);

        /// <summary>Lets a command that reads every row of a table run as long as it needs (not a wait for a lock).</summary>
        public virtual void AllowLongRead(DbCommand command) { }

        /// <summary>
        /// In a snapshot (<see cref="BeginSnapshot"/>) whose queries each read whole tables: plans them as such, for the rest
        /// of that transaction.
        /// </summary>
        public virtual void PrepareWholeTableReads(StoreDatabase db) { }

        /// <summary>Whether a unique or primary key was violated.</summary>
        public abstract bool IsUniqueViolation(DbException ex);
    }

    /// <summary>I/O errors of store files (the store, its exports and backups) as errors a user can act on.</summary>
    public static class StoreErrors
    {
        /// <summary>
        /// A file write that failed because the disk is full (ENOSPC on Unix; ERROR_DISK_FULL or ERROR_HANDLE_DISK_FULL on
        /// Windows) as StoreFull; any other I/O error as it is.
        /// </summary>
        public static Exception Translate(System.IO.IOException ex, string path) => IsDiskFull(ex) ? SqlDialect.StoreFull(path, ex) : (Exception)ex;

        /// <summary>
        /// An engine error that escaped a store's own translation (a writer runs its prepared commands directly) as the
        /// store would have reported it: StoreFull, StoreBusy, StoreReadOnly, ...; any other error as it is.
        /// </summary>
        public static Exception Translate(DbException ex, StoreDatabase db) => db == null ? ex : db.Translate(ex);

        public static bool IsDiskFull(System.IO.IOException ex)
        {
            var code = ex.HResult;
            // .NET on Unix puts the errno in HResult; on Windows it is 0x8007xxxx with the Win32 error in the low word.
            if (Environment.OSVersion.Platform == PlatformID.Win32NT)
            {
                var win32 = code & 0xFFFF;
                return unchecked((uint)code) >> 16 == 0x8007 && (win32 == 112 || win32 == 39);
            }
            return code == 28; // ENOSPC, on Linux and macOS alike
        }
    }

    /// <summary>What the engine's storage check ran, and the problems it reported (none when the storage is sound).</summary>
    public sealed class StorageCheck
    {
        public StorageCheck(string what, bool ran, IReadOnlyList<string> problems)
        {
            What = what;
            Ran = ran;
            Problems = problems;
        }

        /// <summary>The check as a user can look it up, e.g. "PRAGMA quick_check".</summary>
        public string What { get; }
        /// <summary>False where the engine offers no check to this user: nothing was checked.</summary>
        public bool Ran { get; }
        public IReadOnlyList<string> Problems { get; }
    }
}
