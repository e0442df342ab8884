namespace CommerceSync
{
    /// <summary>
    /// An object that came out of a store. Its Store (the store file's path, or a PostgreSQL connection string without its
    /// password) binds to -Store by property name, so a pipeline stays on the store its objects came from.
    /// </summary>
    public interface IStoreObject
    {
        string? Store { get; set; }
    }
}
