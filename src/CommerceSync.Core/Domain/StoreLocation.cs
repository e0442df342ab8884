using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Text.RegularExpressions;

namespace CommerceSync
{
    /// <summary>
    /// Where a store is: a SQLite file, or a PostgreSQL database given by a connection string. Parsed once, where the user
    /// gave it, and passed as it is from the cmdlet to the core, so nothing downstream classifies a bare string again.
    /// What users see of it (<see cref="Display"/>, <see cref="ToString"/>, every error) never holds a password; the full
    /// connection string is readable only inside the core, by the engine that opens the store.
    /// </summary>
    // In Domain: the Store record users see carries one, and a location is a value with no SQL in it (BCL only).
    // The one file outside Data/Engines that names a backend (Architecture.Tests.ps1 allows it): this is where the kind of a
    // location is decided, once, from the text the user gave; everything after asks the location or its engine.
    public sealed class StoreLocation : IEquatable<StoreLocation>
    {
        private static readonly Regex ConnectionStringPattern = new Regex(@"(^|;)\s*(Host|Server)\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private StoreLocation(StoreBackend backend, string value, string display)
        {
            Backend = backend;
            Value = value;
            Display = display;
        }

        /// <summary>Which engine holds the store: SQLite for a file, PostgreSQL for a connection string.</summary>
        public StoreBackend Backend { get; }

        /// <summary>The file path, or the connection string without its secrets: what objects, messages and errors show.</summary>
        public string Display { get; }

        /// <summary>The file path of a SQLite store; null for a connection string.</summary>
        public string? FilePath => Backend == StoreBackend.SQLite ? Value : null;

        /// <summary>The path, or the whole connection string with its password: for the engine that opens the store, nothing else.</summary>
        internal string Value { get; }

        /// <summary>
        /// A location as a user gave it: a PostgreSQL connection string (Host=... or Server=...), else a file path, made full
        /// by <paramref name="resolvePath"/> when given (PowerShell resolves it against $PWD through its provider).
        /// </summary>
        public static StoreLocation Parse(string? text, Func<string, string>? resolvePath = null)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument, "A store location is a file path or a PostgreSQL connection string, not empty text.", null);
            }
            return IsConnectionString(text) ? ForConnectionString(text) : ForFile(resolvePath == null ? text : resolvePath(text));
        }

        /// <summary>A SQLite store file, as given (a relative path stays relative to the process's folder).</summary>
        public static StoreLocation ForFile(string path)
        {
            if (string.IsNullOrEmpty(path)) throw new ArgumentException("A store file needs a path.", nameof(path));
            return new StoreLocation(StoreBackend.SQLite, path, path);
        }

        /// <summary>A store in a PostgreSQL database; the store is the schema named first in Search Path (else public).</summary>
        public static StoreLocation ForConnectionString(string connectionString)
        {
            if (string.IsNullOrWhiteSpace(connectionString)) throw new ArgumentException("A PostgreSQL store needs a connection string.", nameof(connectionString));
            return new StoreLocation(StoreBackend.PostgreSQL, connectionString, Redact(connectionString));
        }

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

        /// <summary>Whether text is a PostgreSQL connection string (Host=... or Server=...) rather than a file path.</summary>
        public static bool IsConnectionString(string? text) => !string.IsNullOrEmpty(text) && ConnectionStringPattern.IsMatch(text);

        /// <summary>Whether this location was given with secrets that <see cref="Display"/> leaves out.</summary>
        public bool HasSecrets => !string.Equals(Value, Display, StringComparison.Ordinal);

        /// <summary>Without the password: a location may be written to a log, a verbose line or an error.</summary>
        public override string ToString() => Display;

        /// <summary>Two locations name the same store when they show the same: a password does not make another store.</summary>
        public bool Equals(StoreLocation? other) => other != null && other.Backend == Backend && string.Equals(other.Display, Display, StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as StoreLocation);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Display);

        // ---- Redaction ----

        /// <summary>What is shown for a connection string that cannot be parsed: nothing of it, since any part may be a secret.</summary>
        internal const string Unreadable = "Host=(connection string not shown: it cannot be parsed)";

        /// <summary>
        /// Npgsql's keys for secrets, compared without case, spaces or '_': Password and its synonyms PWD and PSW, SSL Password.
        /// Any other key that contains "password" counts as a secret too, so a provider that adds one is covered.
        /// </summary>
        private static readonly HashSet<string> SecretKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "password", "pwd", "psw", "sslpassword" };

        /// <summary>
        /// A connection string as users may see it: every part but its secrets. Parsed with <see cref="DbConnectionStringBuilder"/>,
        /// which reads quoted values (Password="a;b") the way the provider does, so a secret can never spill into the next part.
        /// </summary>
        internal static string Redact(string? connectionString)
        {
            if (string.IsNullOrWhiteSpace(connectionString)) return "";
            var builder = new DbConnectionStringBuilder();
            try
            {
                builder.ConnectionString = connectionString;
            }
            catch (ArgumentException)
            {
                return Unreadable;
            }
            foreach (var key in builder.Keys.Cast<string>().Where(IsSecret).ToList())
            {
                builder.Remove(key);
            }
            return builder.ConnectionString;
        }

        /// <summary>Whether a connection string key names a secret.</summary>
        internal static bool IsSecret(string? key)
        {
            if (key == null) return false;
            var bare = new string(key.Where(c => c != ' ' && c != '_' && c != '-').ToArray());
            return SecretKeys.Contains(bare) || bare.IndexOf("password", StringComparison.OrdinalIgnoreCase) >= 0;
        }
    }
}
