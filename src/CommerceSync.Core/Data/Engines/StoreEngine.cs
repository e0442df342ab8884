using System;
using System.Collections.Generic;
using System.Data.Common;
using CommerceSync.Rules;
using CommerceSync.Data;

namespace CommerceSync.Data.Engines
{
    /// <summary>
    /// One database a store can live in. An engine owns everything that differs between them: how a store is opened and
    /// created, its settings (pragmas, lock waits), backup, its file rules, its transactions, locks and claims, parameters
    /// and readers, its planner hints, and the translation of its errors into <see cref="CommerceSyncException"/>s. The
    /// stores' SQL is written once (see <see cref="PlannerHints"/> for the one thing in it that is not shared); an engine
    /// turns it into its own. Nothing outside Data/Engines names an engine's provider types or asks which engine is in use:
    /// it asks a capability of this class instead (<see cref="ClaimsRunTogether"/>, <see cref="ReadsWhileWriting"/>).
    /// </summary>
    // Engines are given the StoreDatabase they open as their way to run SQL (the checks, settings and catalogue reads only
    // one engine has): StoreDatabase holds an engine, and an engine makes and queries StoreDatabases. That pair is one unit.
    internal abstract class StoreEngine
    {
        /// <summary>The engine of a location: a file is SQLite, a connection string PostgreSQL.</summary>
        public static StoreEngine For(StoreLocation location)
        {
            if (location.Backend == StoreBackend.SQLite) return Sqlite.SqliteEngine.Instance;
#if NET8_0_OR_GREATER
            return Postgres.PostgresEngine.Instance;
#else
            throw new CommerceSyncException(ErrorIds.PostgresNotSupported, ErrorKind.NotSupported,
                "PostgreSQL stores need PowerShell 7.4 or later; Windows PowerShell 5.1 works with SQLite stores.", location.Display);
#endif
        }

        /// <summary>Loads the native libraries an engine needs, so a missing one shows up now; returns their version.</summary>
        public static string CheckNativeLibraries() => Sqlite.SqliteEngine.CheckNativeLibrary();

        /// <summary>Makes the bundled native libraries the ones in use. Hosts that must help the loader do so before this runs.</summary>
        public static void PrepareNativeLibraries() => Sqlite.SqliteEngine.EnsureProvider();

        public abstract StoreBackend Backend { get; }

        // ---- Opening ----

        /// <summary>Opens an existing store (its schema not yet checked or upgraded: the caller migrates).</summary>
        public abstract StoreDatabase Open(StoreLocation location, bool createIfMissing);

        /// <summary>Creates a new store with the current schema. Fails when one exists, unless <paramref name="force"/> empties it.</summary>
        public abstract StoreDatabase Create(StoreLocation location, AccountNumberFormat format, bool force);

        /// <summary>Applies a lock wait to an open connection (where the engine sets it per connection rather than per writer).</summary>
        public virtual void ApplyBusyTimeout(StoreDatabase db, TimeSpan timeout) { }

        /// <summary>A consistent copy of the store while jobs may run, as a store file; engines without one refuse.</summary>
        public virtual void Backup(StoreDatabase db, string destination, bool force) =>
            throw new CommerceSyncException(ErrorIds.BackupNotSupported, ErrorKind.NotSupported,
                "Backup-CommerceStore copies SQLite stores. Back a PostgreSQL store up with the server's own tools (pg_dump), or move it with Export-CommerceData.", db.Path);

        /// <summary>
        /// The store file (the store in use, or with <paramref name="anyOpenedStore"/> any this process opened) that a file about
        /// to be written or read names; null when it names none.
        /// </summary>
        public abstract string? StoreFileAt(string path, StoreLocation current, bool anyOpenedStore);

        // ---- Statements ----

        /// <summary>A statement of the stores (shared SQL, with <see cref="PlannerHints"/>) in this engine's SQL.</summary>
        public abstract string Rewrite(string sql);

        /// <summary>A migration file of <see cref="CommerceSync.Data.Migrations.Migrator"/>, written for SQLite, in this engine's SQL.</summary>
        public virtual string Ddl(string sql) => sql;

        /// <summary>The name a parameter written as "$name" has in a command of this engine.</summary>
        public virtual string ParameterName(string name) => name;

        /// <summary>
        /// Whether a command may run while a query's rows are still being read on the same connection. Where not, a streamed
        /// query is read whole before its rows are handed out (<see cref="StoreDatabase.Stream{T}"/>).
        /// </summary>
        public virtual bool ReadsWhileWriting => true;

        /// <summary>
        /// Gives a parameter its value. Every value any store writes or looks for passes here, so this is where text that is
        /// not valid UTF-16 (a lone surrogate, which SQLite would store as U+FFFD and PostgreSQL refuses) is stopped, whatever
        /// path it came by; the rules refuse it earlier, per record, for the values a user types.
        /// </summary>
        public void SetValue(DbParameter parameter, object? value)
        {
            CheckText(value);
            Assign(parameter, value);
        }

        /// <summary>Stops text that is not valid UTF-16, for every way an engine binds a value (see <see cref="SetValue"/>).</summary>
        protected static void CheckText(object? value)
        {
            if (value is string s && !InputRules.IsValidUtf16(s))
            {
                throw InputRules.Refuse("A value is not valid text: it holds half of a surrogate pair (a broken character).", null);
            }
        }

        /// <summary>Gives a parameter its value (and, where the engine needs it, its type).</summary>
        protected virtual void Assign(DbParameter parameter, object? value) => parameter.Value = value ?? DBNull.Value;

        /// <summary>Readers as the stores read them: 64-bit integers, text and 0/1 flags, whatever the engine's own types.</summary>
        public virtual DbDataReader Wrap(DbDataReader reader) => reader;

        /// <summary>
        /// Rows per INSERT statement in <see cref="StoreDatabase.InsertRows"/>: one where a statement is an in-process call,
        /// many where each statement is a round trip to a server.
        /// </summary>
        public virtual int RowsPerInsert(int columns) => 1;

        /// <summary>
        /// Inserts the rows by the engine's own fastest means and returns true, or returns false without reading a row, and
        /// <see cref="StoreDatabase.InsertRows"/> sends them as prepared INSERT commands.
        /// </summary>
        public virtual bool InsertRows(DbConnection connection, string table, string[] columns, IEnumerable<object?[]> rows) => false;

        /// <summary>A query for the names of the store's own tables (not the engine's, not schema_version).</summary>
        public abstract string TableNames { get; }

        // ---- Transactions, locks and claims ----

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
        public virtual bool Claim(DbConnection connection, DbTransaction? transaction, string key, bool wait) => true;

        /// <summary>
        /// The capability jobs choose their algorithm by: whether claimed writes of several workers run at once (parallel
        /// workers with row claims), or every writer takes its turn (a single writer at a time).
        /// </summary>
        public virtual bool ClaimsRunTogether => false;

        /// <summary>A read transaction that sees one consistent state of the store while others write.</summary>
        public abstract DbTransaction BeginSnapshot(DbConnection connection);

        /// <summary>
        /// In a snapshot (<see cref="BeginSnapshot"/>) whose queries each read whole tables: plans them as such, for the rest
        /// of that transaction.
        /// </summary>
        public virtual void PrepareWholeTableReads(StoreDatabase db) { }

        /// <summary>Lets a command that reads every row of a table run as long as it needs (not a wait for a lock).</summary>
        public virtual void AllowLongRead(DbCommand command) { }

        // ---- Errors and checks ----

        /// <summary>The engine's error as one a user can act on (or the error itself).</summary>
        public abstract Exception Translate(DbException ex, string store, TimeSpan busyTimeout);

        /// <summary>
        /// The engine's own check of the store's storage (pages, b-trees, indexes), which no query of the tables sees:
        /// <paramref name="full"/> runs the thorough form (every index entry against its row), which reads more.
        /// </summary>
        public abstract StorageCheck CheckStorage(StoreDatabase db, bool full);

        /// <summary>After rows were loaded with their own ids (Import-CommerceData): new rows must get ids after them.</summary>
        public virtual void AfterImport(StoreDatabase db) { }
    }
}
