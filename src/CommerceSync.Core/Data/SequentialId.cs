using System;
using System.Security.Cryptography;

namespace CommerceSync.Data
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
        // Random bytes drawn 64 ids at a time: an import makes two ids a row, and one call to the generator per id cost
        // more than the rest of making it.
        private static readonly byte[] Pool = new byte[8 * 64];
        private static int pooled = Pool.Length;
        private static long lastMs;
        private static int counter;

        public static Guid NewGuid()
        {
            long ms;
            int seq;
            byte b0, b1, b2, b3, b4, b5, b6, b7;
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
                if (pooled == Pool.Length)
                {
                    Random.GetBytes(Pool);
                    pooled = 0;
                }
                b0 = Pool[pooled]; b1 = Pool[pooled + 1]; b2 = Pool[pooled + 2]; b3 = Pool[pooled + 3];
                b4 = Pool[pooled + 4]; b5 = Pool[pooled + 5]; b6 = Pool[pooled + 6]; b7 = Pool[pooled + 7];
                pooled += 8;
            }
            // The text reads: 48 bits of milliseconds (the first group and the second), "7" and the 12-bit counter (the
            // third), then the variant bits 10 and 62 random bits.
            return new Guid((int)(ms >> 16), (short)(ms & 0xFFFF), (short)(0x7000 | seq),
                (byte)(0x80 | (b0 & 0x3F)), b1, b2, b3, b4, b5, b6, b7);
        }
    }
}
