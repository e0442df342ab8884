using System;
using System.Collections.Generic;

// Named CommerceSync.Storage since the first release: Export-CommerceData and Import-CommerceData declare it as their
// output type, and the format views, help pages and users' scripts name it so. The record lives with the others here.
namespace CommerceSync.Storage
{
    /// <summary>How many rows an export or import moved, per table.</summary>
    public sealed class TransferResult : IStoreObject
    {
        /// <summary>The store this came from (path, or connection string without its password); binds to -Store by property name.</summary>
        public string? Store { get; set; }

        public string? Path { get; set; }
        public int SchemaVersion { get; set; }
        public long Rows { get; set; }
        public Dictionary<string, long> RowsByTable { get; set; } = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);

        public override string ToString() => Path + ": " + Rows + " rows";
    }
}
