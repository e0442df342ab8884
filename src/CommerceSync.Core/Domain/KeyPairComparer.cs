using System;
using System.Collections.Generic;

namespace CommerceSync
{
    /// <summary>
    /// Compares two-part keys (channel and transaction, legal entity and account) part by part, ignoring case as the store
    /// does. Ids may hold any separator a joined text key would use, so keys are never joined into one string.
    /// </summary>
    internal sealed class KeyPairComparer : IEqualityComparer<(string First, string Second)>
    {
        public static readonly KeyPairComparer OrdinalIgnoreCase = new KeyPairComparer();

        public bool Equals((string First, string Second) x, (string First, string Second) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.First, y.First) && StringComparer.OrdinalIgnoreCase.Equals(x.Second, y.Second);

        public int GetHashCode((string First, string Second) key) =>
            unchecked(StringComparer.OrdinalIgnoreCase.GetHashCode(key.First ?? "") * 31 + StringComparer.OrdinalIgnoreCase.GetHashCode(key.Second ?? ""));
    }
}
