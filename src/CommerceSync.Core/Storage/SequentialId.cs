#nullable enable
using System;
using System.Globalization;
using System.Security.Cryptography;

namespace CommerceSync.Storage
{
    /// <summary>
    /// New GUIDs for async customers and addresses: version 7 (RFC 9562), a Unix-millisecond timestamp first and a counter
    /// within the millisecond, so ids made later sort later. Every table that looks customers up by their GUID keeps an index
    /// on it; random GUIDs land all over those indexes and each insert touches a cold page, which makes a store of a million
    /// customers slower per row than one of 100k. Time-ordered ids append at the end instead. They are still plain GUIDs:
    /// a POS or a script may pass any GUID of its own.
    /// </summary>
    public static class SequentialId
    {
        private static readonly object Gate = new object();
        private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();
        private static long lastMs;
        private static int counter;

        public static Guid NewGuid()
        {
            var tail = new byte[8];
            long ms;
            int seq;
            lock (Gate)
            {
                ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                if (ms > lastMs)
                {
                    lastMs = ms;
                    counter = 0;
                }
                else if (++counter > 0xFFF)
                {
                    // 4,096 ids in one millisecond: borrow the next one, as the RFC allows, so order and uniqueness hold.
                    lastMs++;
                    counter = 0;
                }
                ms = lastMs;
                seq = counter;
                Random.GetBytes(tail);
            }
            tail[0] = (byte)(0x80 | (tail[0] & 0x3F)); // variant 10xx
            var text = (ms & 0xFFFFFFFFFFFFL).ToString("x12", CultureInfo.InvariantCulture)
                + "7" + seq.ToString("x3", CultureInfo.InvariantCulture)
                + BitConverter.ToString(tail).Replace("-", "").ToLowerInvariant();
            return Guid.ParseExact(text, "N");
        }
    }
}
