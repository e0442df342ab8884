using CommerceSync.Application;
using CommerceSync.Data;

namespace CommerceSync
{
    /// <summary>The Store object Get-CommerceStore, Set-CommerceStore -PassThru and the store cmdlets write: what an open store holds.</summary>
    internal static class StoreInfo
    {
        // For the cmdlets that open a store of their own (a new store, a backup, Connect-CommerceStore); the others ask their session.
        public static Store Describe(StoreDatabase db, StoreSource source) => new CommerceSession(db).Maintenance.Describe(source);
    }
}
