using System;
using System.Collections.Concurrent;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CommerceSync.Storage;

namespace CommerceSync
{
    /// <summary>Lets -Store take a path (resolved against $PWD through the provider), a PostgreSQL connection string, a FileInfo, or a Store object.</summary>
    public sealed class StoreTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject pso ? pso.BaseObject : inputData;
            switch (value)
            {
                case null:
                    return null;
                case Store store:
                    return store;
                case FileInfo file:
                    return new Store(file.FullName) { Source = StoreSource.Parameter };
                case string connectionString when StoreDatabase.IsConnectionString(connectionString):
                    StoreResolution.Remember(connectionString);
                    return new Store(StoreDatabase.Redact(connectionString)) { Source = StoreSource.Parameter, Backend = StoreBackend.PostgreSQL };
                case string path:
                    return new Store(StoreResolution.ResolvePath(engineIntrinsics.SessionState, path)) { Source = StoreSource.Parameter };
                default:
                    throw new ArgumentTransformationMetadataException("-Store takes a store path or a store object from Get-CommerceStore, not a " + value.GetType().Name + ".");
            }
        }
    }

    /// <summary>The store a cmdlet uses: -Store, else the session's Connect-CommerceStore, else $env:COMMERCESYNC_STORE, else the per-user default.</summary>
    public static class StoreResolution
    {
        public const string EnvironmentVariable = "COMMERCESYNC_STORE";
        private static readonly ConcurrentDictionary<Guid, string> SessionStores = new ConcurrentDictionary<Guid, string>();

        // Store objects show a PostgreSQL store without its password; the connection strings given this process stay here,
        // so such an object piped to -Store opens the store it came from.
        private static readonly ConcurrentDictionary<string, string> ConnectionStrings = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        private static Guid SessionKey => Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;

        public static string ResolvePath(SessionState sessionState, string path) =>
            sessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

        public static void Remember(string connectionString)
        {
            // A connection string shown without its password (an object's Store) must not replace the one that has it.
            var shown = StoreDatabase.Redact(connectionString);
            if (shown == connectionString && ConnectionStrings.ContainsKey(shown)) return;
            ConnectionStrings[shown] = connectionString;
        }

        public static void SetSessionStore(string location)
        {
            if (StoreDatabase.IsConnectionString(location)) Remember(location);
            SessionStores[SessionKey] = location;
        }

        public static void ClearSessionStore()
        {
            string ignored;
            SessionStores.TryRemove(SessionKey, out ignored);
            bool warned;
            DefaultWarned.TryRemove(SessionKey, out warned);
        }

        // The sessions already told that they fall back to the per-user default store: once each.
        private static readonly ConcurrentDictionary<Guid, bool> DefaultWarned = new ConcurrentDictionary<Guid, bool>();

        /// <summary>True the first time this session falls back to the per-user default store, so the cmdlet can say so once.</summary>
        public static bool FirstFallbackToDefault() => DefaultWarned.TryAdd(SessionKey, true);

        /// <summary>Where the store is (a file path, or a PostgreSQL connection string) and which rule chose it.</summary>
        /// <param name="sessionState">Resolves a relative $env:COMMERCESYNC_STORE against $PWD, as -Store is (not the process's folder).</param>
        public static (string Location, StoreSource Source) Resolve(Store explicitStore, SessionState sessionState = null)
        {
            if (explicitStore != null && !string.IsNullOrEmpty(explicitStore.Path)) return (Full(explicitStore.Path), StoreSource.Parameter);
            string session;
            if (SessionStores.TryGetValue(SessionKey, out session)) return (session, StoreSource.Session);
            var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(env))
            {
                return (StoreDatabase.IsConnectionString(env) ? env : sessionState != null ? ResolvePath(sessionState, env) : Path.GetFullPath(env), StoreSource.Environment);
            }
            return (StoreDatabase.DefaultPath, StoreSource.Default);
        }

        private static string Full(string location)
        {
            string full;
            return StoreDatabase.IsConnectionString(location) && ConnectionStrings.TryGetValue(location, out full) ? full : location;
        }

        /// <summary>A location as verbose output and errors may show it.</summary>
        public static string Display(string location) => StoreDatabase.IsConnectionString(location) ? StoreDatabase.Redact(location) : location;
    }
}
