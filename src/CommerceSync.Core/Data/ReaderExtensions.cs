using System;
using System.Globalization;
using System.Data.Common;

namespace CommerceSync.Data
{
    internal static class ReaderExtensions
    {
        public static string? Str(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
        public static long Long(this DbDataReader r, int i) => r.IsDBNull(i) ? 0 : r.GetInt64(i);
        public static long? LongOrNull(this DbDataReader r, int i) => r.IsDBNull(i) ? (long?)null : r.GetInt64(i);
        public static bool Bool(this DbDataReader r, int i) => !r.IsDBNull(i) && r.GetInt64(i) != 0;
        public static DateTime Time(this DbDataReader r, int i) => ParseTime(r.GetString(i));
        public static DateTime? TimeOrNull(this DbDataReader r, int i) => r.IsDBNull(i) ? (DateTime?)null : ParseTime(r.GetString(i));

        /// <summary>Times are stored as ISO 8601 UTC text so they sort and read well in any SQLite tool.</summary>
        public static string ToStoreText(this DateTime t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

        public static DateTime ParseTime(string s) =>
            DateTime.ParseExact(s, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }
}
