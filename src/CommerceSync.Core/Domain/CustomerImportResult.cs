using System;

namespace CommerceSync
{
    /// <summary>The file formats Import-AsyncCustomer reads.</summary>
    public enum ImportFormat
    {
        /// <summary>By the file's extension: .jsonl and .ndjson are JSON Lines, anything else CSV.</summary>
        Auto,
        Csv,
        JsonLines,
    }

    /// <summary>What an import did with one file.</summary>
    public sealed class CustomerImportResult : IStoreObject
    {
        public string? Store { get; set; }
        public string? Path { get; set; }
        public ImportFormat Format { get; set; }
        /// <summary>Data rows read (the header is not one).</summary>
        public long Rows { get; set; }
        public long Created { get; set; }
        public long Failed { get; set; }
        /// <summary>The channels that received customers.</summary>
        public string[]? ChannelIds { get; set; }
        /// <summary>Columns no field of a customer binds to; they were not read.</summary>
        public string[]? IgnoredColumns { get; set; }
        public TimeSpan Duration { get; set; }
    }
}
