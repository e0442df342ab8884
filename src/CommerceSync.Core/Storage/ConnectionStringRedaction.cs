using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;

namespace CommerceSync.Storage
{
    /// <summary>
    /// A connection string as users may see it (Store.Path, verbose lines, errors): every part but its secrets. Parsed with
    /// <see cref="DbConnectionStringBuilder"/>, which reads quoted values (Password="a;b") the way the provider does, so a
    /// secret can never spill into the next part.
    /// </summary>
    public static class ConnectionStringRedaction
    {
        /// <summary>What is shown for a connection string that cannot be parsed: nothing of it, since any part may be a secret.</summary>
        public const string Unreadable = "Host=(connection string not shown: it cannot be parsed)";

        /// <summary>
        /// Npgsql's keys for secrets, compared without case, spaces or '_': Password and its synonyms PWD and PSW, SSL Password.
        /// Any other key that contains "password" counts as a secret too, so a provider that adds one is covered.
        /// </summary>
        private static readonly HashSet<string> SecretKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "password", "pwd", "psw", "sslpassword" };

        public static string Redact(string connectionString)
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
        public static bool IsSecret(string key)
        {
            if (key == null) return false;
            var bare = new string(key.Where(c => c != ' ' && c != '_' && c != '-').ToArray());
            return SecretKeys.Contains(bare) || bare.IndexOf("password", StringComparison.OrdinalIgnoreCase) >= 0;
        }
    }
}
