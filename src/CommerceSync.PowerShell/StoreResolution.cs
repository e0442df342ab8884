using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

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
                    return new Store(StoreLocation.ForFile(file.FullName)) { Source = StoreSource.Parameter };
                case string text:
                    var location = StoreResolution.Parse(engineIntrinsics.SessionState, text);
                    StoreResolution.Remember(location);
                    return new Store(location) { Source = StoreSource.Parameter };
                default:
                    throw new ArgumentTransformationMetadataException("-Store takes a store path or a store object from Get-CommerceStore, not a " + value.GetType().Name + ".");
            }
        }
    }

    /// <summary>
    /// The store a cmdlet uses: -Store, else the session's Connect-CommerceStore, else $env:COMMERCESYNC_STORE, else the
    /// per-user default. Every location is parsed once, here, into a <see cref="StoreLocation"/> that goes to the core as it is.
    /// </summary>
    public static class StoreResolution
    {
        public const string EnvironmentVariable = "COMMERCESYNC_STORE";
        private static readonly ConcurrentDictionary<Guid, StoreLocation> SessionStores = new ConcurrentDictionary<Guid, StoreLocation>();

        // The objects cmdlets write show a PostgreSQL store without its password (their Store is text), and such an object
        // piped on must still open its store. A session keeps the locations it was given with a password, so the text of one
        // finds it again; only this session's, and only as the typed locations the core opens.
        private static readonly ConcurrentDictionary<Guid, ConcurrentDictionary<StoreLocation, StoreLocation>> GivenWithSecrets =
            new ConcurrentDictionary<Guid, ConcurrentDictionary<StoreLocation, StoreLocation>>();

        private static Guid SessionKey => Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;

        public static string ResolvePath(SessionState sessionState, string path) =>
            sessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

        /// <summary>A location as a user typed it: a connection string, or a path resolved against $PWD (the process's folder without a session).</summary>
        public static StoreLocation Parse(SessionState sessionState, string text) =>
            StoreLocation.Parse(text, path => sessionState != null ? ResolvePath(sessionState, path) : Path.GetFullPath(path));

        /// <summary>Keeps a location given with a password for this session (see <see cref="GivenWithSecrets"/>).</summary>
        public static void Remember(StoreLocation location)
        {
            if (location == null || !location.HasSecrets) return;
            GivenWithSecrets.GetOrAdd(SessionKey, _ => new ConcurrentDictionary<StoreLocation, StoreLocation>())[location] = location;
        }

        public static void SetSessionStore(StoreLocation location)
        {
            Remember(location);
            SessionStores[SessionKey] = location;
        }

        public static void ClearSessionStore()
        {
            StoreLocation ignored;
            SessionStores.TryRemove(SessionKey, out ignored);
            bool warned;
            DefaultWarned.TryRemove(SessionKey, out warned);
        }

        // The sessions already told that they fall back to the per-user default store: once each.
        private static readonly ConcurrentDictionary<Guid, bool> DefaultWarned = new ConcurrentDictionary<Guid, bool>();

        /// <summary>True the first time this session falls back to the per-user default store, so the cmdlet can say so once.</summary>
        public static bool FirstFallbackToDefault() => DefaultWarned.TryAdd(SessionKey, true);

        /// <summary>Where the store is and which rule chose it.</summary>
        /// <param name="sessionState">Resolves a relative $env:COMMERCESYNC_STORE against $PWD, as -Store is (not the process's folder).</param>
        public static (StoreLocation Location, StoreSource Source) Resolve(Store explicitStore, SessionState sessionState = null)
        {
            if (explicitStore != null && (explicitStore.Location != null || !string.IsNullOrEmpty(explicitStore.Path)))
            {
                return (WithSecrets(explicitStore.Location ?? Parse(sessionState, explicitStore.Path)), StoreSource.Parameter);
            }
            StoreLocation session;
            if (SessionStores.TryGetValue(SessionKey, out session)) return (session, StoreSource.Session);
            var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(env)) return (Parse(sessionState, env), StoreSource.Environment);
            return (StoreLocation.ForFile(StoreLocation.DefaultPath), StoreSource.Default);
        }

        /// <summary>The location this session was given with its password, for one shown without it; else the location itself.</summary>
        private static StoreLocation WithSecrets(StoreLocation location)
        {
            if (location.HasSecrets) return location;
            ConcurrentDictionary<StoreLocation, StoreLocation> given;
            StoreLocation full;
            if (GivenWithSecrets.TryGetValue(SessionKey, out given) && given.TryGetValue(location, out full)) return full;
            StoreLocation session;
            if (SessionStores.TryGetValue(SessionKey, out session) && session.Equals(location)) return session;
            return location;
        }
    }
}
