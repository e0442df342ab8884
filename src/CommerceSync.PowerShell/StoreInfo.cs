using CommerceSync.Storage;

namespace CommerceSync
{
    /// <summary>The Store object Get-CommerceStore, Set-CommerceStore -PassThru and the store cmdlets write: what an open store holds.</summary>
    internal static class StoreInfo
    {
        public static Store Describe(StoreDatabase db, StoreSource source) => new Store
        {
            Path = db.Path,
            Location = db.Location,
            Backend = db.Backend,
            Source = source,
            SchemaVersion = db.SchemaVersion,
            AccountNumberFormat = db.GetSetting("AccountNumberFormat"),
            Channels = (int)db.Count("channel"),
            AsyncCustomers = db.Count("ch_async_customer", "operation = 1"),
            Customers = db.Count("cust_table"),
            HeadquartersAvailable = new Services.CustomerCreation(db).HeadquartersAvailable,
            BusyTimeout = db.BusyTimeout,
            ReadOnly = db.ReadOnly,
        };
    }
}
