namespace CommerceSync
{
    /// <summary>Which database holds a store.</summary>
    public enum StoreBackend
    {
        /// <summary>One SQLite file: the embedded default, for one machine.</summary>
        SQLite,
        /// <summary>A PostgreSQL database that runbook workers on several machines share.</summary>
        PostgreSQL,
    }
}
