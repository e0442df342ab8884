using System;
using System.Linq;
using System.Text.RegularExpressions;
#if NET8_0_OR_GREATER
using Npgsql;
#endif

namespace CommerceSync.Storage
{
    public sealed partial class StoreDatabase
    {
        private static readonly Regex ConnectionStringPattern = new Regex(@"(^|;)\s*(Host|Server)\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>Whether a store location is a PostgreSQL connection string (Host=...) rather than a file path.</summary>
        public static bool IsConnectionString(string location) => !string.IsNullOrEmpty(location) && ConnectionStringPattern.IsMatch(location);

        /// <summary>The connection string a PostgreSQL store was opened with (with its password); null for a SQLite store.</summary>
        public string ConnectionString { get; private set; }

        /// <summary>Opens a store by its location: a PostgreSQL connection string, or a file path.</summary>
        public static StoreDatabase OpenAt(string location, bool createIfMissing = false) =>
            IsConnectionString(location) ? OpenPostgres(location) : Open(location, createIfMissing);

        /// <summary>A connection string as users may see it: every part but its secrets (passwords of every spelling).</summary>
        public static string Redact(string connectionString) => ConnectionStringRedaction.Redact(connectionString);

#if NET8_0_OR_GREATER
        /// <summary>
        /// Opens a store in a PostgreSQL database. The store is the schema named first in the connection string's Search Path
        /// (default: public); its tables live there, and the citext type in public.
        /// </summary>
        public static StoreDatabase OpenPostgres(string connectionString) => ConnectPostgres(connectionString, create: false, format: null, force: false);

        /// <summary>Creates a store in a PostgreSQL database (the schema of the Search Path, created when missing).</summary>
        public static StoreDatabase CreatePostgres(string connectionString, string accountNumberFormat = null, bool force = false) =>
            ConnectPostgres(connectionString, create: true, format: AccountNumberFormat.Parse(accountNumberFormat ?? DefaultAccountNumberFormat), force: force);

        private static StoreDatabase ConnectPostgres(string connectionString, bool create, AccountNumberFormat format, bool force)
        {
            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(connectionString);
            }
            catch (ArgumentException ex)
            {
                throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument, "The connection string is not valid: " + ex.Message, Redact(connectionString), ex);
            }
            var schema = (builder.SearchPath ?? "").Split(',').Select(s => s.Trim().Trim('"')).FirstOrDefault(s => s.Length > 0) ?? "public";
            if (!Regex.IsMatch(schema, "^[A-Za-z_][A-Za-z0-9_]{0,62}$"))
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
            var display = Redact(connectionString);
            var connection = new NpgsqlConnection(builder.ConnectionString);
            try
            {
                connection.Open();
            }
            catch (Exception ex) when (ex is NpgsqlException || ex is TimeoutException || ex is System.Net.Sockets.SocketException)
            {
                connection.Dispose();
                throw PostgresDialect.Unavailable(display, ex.Message, ex);
            }
            var db = new StoreDatabase(display, connection, PostgresDialect.Instance) { ConnectionString = connectionString };
            try
            {
                db.BusyTimeout = EnvironmentBusyTimeout() ?? DefaultBusyTimeout;
                var exists = db.Scalar<long>("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = $s AND table_name = 'schema_version';", ("$s", schema)) > 0;
                var others = db.Scalar<long>("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = $s;", ("$s", schema));
                if (create)
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
#else
        public static StoreDatabase OpenPostgres(string connectionString) => throw NoPostgres(connectionString);

        public static StoreDatabase CreatePostgres(string connectionString, string accountNumberFormat = null, bool force = false) => throw NoPostgres(connectionString);

        private static CommerceSyncException NoPostgres(string connectionString) =>
            new CommerceSyncException(ErrorIds.PostgresNotSupported, ErrorKind.NotSupported,
                "PostgreSQL stores need PowerShell 7.4 or later; Windows PowerShell 5.1 works with SQLite stores.", Redact(connectionString));
#endif
    }
}
