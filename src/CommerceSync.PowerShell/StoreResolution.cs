using System;
using System.Collections.Concurrent;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CommerceSync.Storage;

namespace CommerceSync
{
    /// <summary>Lets -Store take a path (resolved against $PWD through the provider), a FileInfo, or a Store object.</summary>
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

        private static Guid SessionKey => Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;

        public static string ResolvePath(SessionState sessionState, string path) =>
            sessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

        public static void SetSessionStore(string path) => SessionStores[SessionKey] = path;

        public static void ClearSessionStore()
        {
            string ignored;
            SessionStores.TryRemove(SessionKey, out ignored);
        }

        public static (string Path, StoreSource Source) Resolve(Store explicitStore)
        {
            if (explicitStore != null && !string.IsNullOrEmpty(explicitStore.Path)) return (explicitStore.Path, StoreSource.Parameter);
            string session;
            if (SessionStores.TryGetValue(SessionKey, out session)) return (session, StoreSource.Session);
            var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(env)) return (Path.GetFullPath(env), StoreSource.Environment);
            return (StoreDatabase.DefaultPath, StoreSource.Default);
        }
    }
}
