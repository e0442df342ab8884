using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;

namespace CommerceSync.Data
{
    /// <summary>Store errors every engine raises alike, and I/O errors of store files (the store, its exports and backups).</summary>
    public static class StoreErrors
    {
        /// <summary>The disk (or a size limit) is full, on whichever engine.</summary>
        internal static CommerceSyncException StoreFull(string path, Exception inner) =>
            new CommerceSyncException(ErrorIds.StoreFull, ErrorKind.InvalidOperation,
                "There is no room left to write '" + path + "': the disk is full. Nothing of this write was kept; free some space and run it again.", path, inner);

        /// <summary>Another writer held the store longer than this one waits.</summary>
        internal static CommerceSyncException Busy(string store, TimeSpan busyTimeout, Exception inner) =>
            new CommerceSyncException(ErrorIds.StoreBusy, ErrorKind.ResourceBusy,
                "The store '" + store + "' stayed locked by another job for " + busyTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) +
                " s. Try again when it finishes, or wait longer with Set-CommerceStore -BusyTimeout or $env:" + StoreDatabase.BusyTimeoutVariable + ".", store, inner);

        /// <summary>
        /// A file write that failed because the disk is full (ENOSPC on Unix; ERROR_DISK_FULL or ERROR_HANDLE_DISK_FULL on
        /// Windows) as StoreFull; any other I/O error as it is.
        /// </summary>
        public static Exception Translate(System.IO.IOException ex, string path) => IsDiskFull(ex) ? StoreFull(path, ex) : (Exception)ex;

        /// <summary>
        /// An engine error that escaped a store's own translation (a writer runs its prepared commands directly) as the
        /// store would have reported it: StoreFull, StoreBusy, StoreReadOnly, ...; any other error as it is.
        /// </summary>
        public static Exception Translate(DbException ex, StoreDatabase? db) => db == null ? ex : db.Translate(ex);

        public static bool IsDiskFull(System.IO.IOException ex)
        {
            var code = ex.HResult;
            // .NET on Unix puts the errno in HResult; on Windows it is 0x8007xxxx with the Win32 error in the low word.
            if (Environment.OSVersion.Platform == PlatformID.Win32NT)
            {
                var win32 = code & 0xFFFF;
                return unchecked((uint)code) >> 16 == 0x8007 && (win32 == 112 || win32 == 39);
            }
            return code == 28; // ENOSPC, on Linux and macOS alike
        }
    }

    /// <summary>What the engine's storage check ran, and the problems it reported (none when the storage is sound).</summary>
    public sealed class StorageCheck
    {
        public StorageCheck(string what, bool ran, IReadOnlyList<string> problems)
        {
            What = what;
            Ran = ran;
            Problems = problems;
        }

        /// <summary>The check as a user can look it up, e.g. "PRAGMA quick_check".</summary>
        public string What { get; }
        /// <summary>False where the engine offers no check to this user: nothing was checked.</summary>
        public bool Ran { get; }
        public IReadOnlyList<string> Problems { get; }
    }
}
