namespace CommerceSync.Data
{
    /// <summary>
    /// A connection string as users may see it (Store.Path, verbose lines, errors): every part but its secrets. The rule
    /// itself lives with <see cref="StoreLocation"/>, which every store location passes through.
    /// </summary>
    public static class ConnectionStringRedaction
    {
        /// <summary>What is shown for a connection string that cannot be parsed: nothing of it, since any part may be a secret.</summary>
        public const string Unreadable = StoreLocation.Unreadable;

        public static string Redact(string? connectionString) => StoreLocation.Redact(connectionString);

        /// <summary>Whether a connection string key names a secret.</summary>
        public static bool IsSecret(string? key) => StoreLocation.IsSecret(key);
    }
}
