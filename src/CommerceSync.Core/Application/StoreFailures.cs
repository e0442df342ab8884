using System;
using System.Data.Common;
using System.IO;
using CommerceSync.Data;

namespace CommerceSync.Application
{
    /// <summary>
    /// Failures that escaped the core's own translation, as the errors a user acts on (StoreFull, StoreBusy, StoreReadOnly,
    /// ...): what a cmdlet catches last.
    /// </summary>
    public static class StoreFailures
    {
        /// <summary>A file write that failed because the disk is full.</summary>
        public static bool IsDiskFull(IOException ex) => StoreErrors.IsDiskFull(ex);

        /// <summary>A full disk as StoreFull for <paramref name="path"/>; any other I/O error as it is.</summary>
        public static Exception Translate(IOException ex, string path) => StoreErrors.Translate(ex, path);

        /// <summary>An engine error as the session's store reports it; as it is without a session.</summary>
        public static Exception Translate(DbException ex, CommerceSession? session) => StoreErrors.Translate(ex, session?.Database);
    }
}
