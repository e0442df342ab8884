using System;
using System.Data.Common;
using System.IO;
using CommerceSync.Data.Engines;

namespace CommerceSync.Data
{
    /// <summary>
    /// An open CommerceSync store: one connection (a SQLite file, or a PostgreSQL database) and the engine that owns it. Its
    /// parts, each in a file of its own: opening (here), commands and queries (StoreDatabase.Commands.cs), transactions
    /// (StoreDatabase.Transactions.cs, WriteTransaction.cs, ReadSnapshot.cs), claims (Claims.cs), settings and the busy timeout
    /// (StoreDatabase.Settings.cs), the schema (StoreDatabase.Schema.cs). Whatever differs between engines is the engine's
    /// (Data/Engines). Not thread-safe; open one per caller.
    /// </summary>
    public sealed partial class StoreDatabase : IDisposable
    {
        /// <summary>Default account number format (see <see cref="NumberSequences"/>).</summary>
        public const string DefaultAccountNumberFormat = NumberSequences.DefaultAccountNumberFormat;

        internal StoreDatabase(StoreLocation location, DbConnection connection, StoreEngine engine)
        {
            Location = location;
            Connection = connection;
            Engine = engine;
        }

        /// <summary>Where the store is; shows without its password.</summary>
        public StoreLocation Location { get; }

        /// <summary>The store file; for a PostgreSQL store, its connection string without the password.</summary>
        public string Path => Location.Display;

        internal DbConnection Connection { get; }
        internal StoreEngine Engine { get; }

        /// <summary>Whether this connection has made its temp.run_customer (see <see cref="RunCustomers"/>).</summary>
        internal bool RunCustomersReady { get; set; }

        public StoreBackend Backend => Engine.Backend;

        /// <summary>Whether this store can only be read (read-only file or media): reads, tests, exports and backups work, changes fail with StoreReadOnly.</summary>
        public bool ReadOnly { get; internal set; }

        /// <summary>The per-user default store: CommerceSync/commerce.db in the local application data folder.</summary>
        public static string DefaultPath => StoreLocation.DefaultPath;

        /// <summary>Makes the engines use their bundled native libraries. Hosts that must help the loader do so before this runs.</summary>
        public static void EnsureSqliteProvider() => StoreEngine.PrepareNativeLibraries();

        /// <summary>Calls into the native engine once, so a missing native library shows up now rather than at the first query.</summary>
        public static string CheckNativeLibrary() => StoreEngine.CheckNativeLibraries();

        /// <summary>Opens a store, upgrading its schema if it is older than this module; a missing store file is created with <paramref name="createIfMissing"/>.</summary>
        public static StoreDatabase Open(StoreLocation location, bool createIfMissing = false) => StoreEngine.For(location).Open(location, createIfMissing);

        /// <summary>
        /// Creates a new store. Fails if one exists, unless <paramref name="force"/> empties it (a store file only while no
        /// other connection has it open; a PostgreSQL store's own tables, and only those).
        /// </summary>
        public static StoreDatabase Create(StoreLocation location, string? accountNumberFormat = null, bool force = false)
        {
            var format = AccountNumberFormat.Parse(accountNumberFormat ?? DefaultAccountNumberFormat);
            return StoreEngine.For(location).Create(location, format, force);
        }

        /// <summary>Opens a store file, upgrading its schema if it is older than this module.</summary>
        public static StoreDatabase Open(string path, bool createIfMissing = false) => Open(StoreLocation.ForFile(path), createIfMissing);

        /// <summary>Creates a new store file, owner-only from the start (see <see cref="Create(StoreLocation, string, bool)"/>).</summary>
        public static StoreDatabase Create(string path, string? accountNumberFormat = null, bool force = false) =>
            Create(StoreLocation.ForFile(path), accountNumberFormat, force);

        /// <summary>Opens a store by a location given as text: a PostgreSQL connection string, or a file path.</summary>
        public static StoreDatabase OpenAt(string location, bool createIfMissing = false) => Open(StoreLocation.Parse(location), createIfMissing);

        /// <summary>Creates a store in a PostgreSQL database (the schema of the Search Path, created when missing).</summary>
        public static StoreDatabase CreatePostgres(string connectionString, string? accountNumberFormat = null, bool force = false) =>
            Create(StoreLocation.ForConnectionString(connectionString), accountNumberFormat, force);

        /// <summary>Whether a store location is a PostgreSQL connection string (Host=...) rather than a file path.</summary>
        public static bool IsConnectionString(string? location) => StoreLocation.IsConnectionString(location);

        /// <summary>A connection string as users may see it: every part but its secrets (passwords of every spelling).</summary>
        public static string Redact(string? connectionString) => StoreLocation.Redact(connectionString);

        /// <summary>Turns the engine's errors into errors a user can act on.</summary>
        internal Exception Translate(DbException ex) => Engine.Translate(ex, Path, BusyTimeout);

        /// <summary>
        /// A consistent copy of the whole store while jobs may be running, written owner-only, where the engine has one (SQLite's
        /// online backup); the copy is a complete store. Other engines refuse with BackupNotSupported.
        /// </summary>
        public void BackupTo(string destination, bool force) => Engine.Backup(this, destination, force);

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
            var store = StoreFileAt(destination, anyOpenedStore);
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

        /// <summary>The store (this one, or with <paramref name="anyOpenedStore"/> any this process opened) whose file a path names; null when none.</summary>
        internal string? StoreFileAt(string path, bool anyOpenedStore) => Engine.StoreFileAt(path, Location, anyOpenedStore);

        /// <summary>The engine's own check of the store's storage (pages, indexes), which no query of the tables sees.</summary>
        internal StorageCheck CheckStorage(bool full) => Engine.CheckStorage(this, full);

        /// <summary>After rows were loaded with their own ids (Import-CommerceData): new rows get ids after them.</summary>
        internal void AfterImport() => Engine.AfterImport(this);

        /// <summary>Lets a command that reads every row of a table run as long as it needs (not a wait for a lock).</summary>
        internal void AllowLongRead(DbCommand command) => Engine.AllowLongRead(command);

        /// <summary>Whether claimed writes of several workers run at once here (parallel workers with claims), so jobs split their work by claim; else one writer at a time.</summary>
        public bool ClaimsRunTogether => Engine.ClaimsRunTogether;

        public void Dispose()
        {
            Connection.Dispose();
        }
    }
}
