using System;

namespace CommerceSync
{
    /// <summary>
    /// The enum's integer values are stored in the store and compared in its SQL (<c>sync_status = 2</c>): never renumber a
    /// member, only add new values. Every member carries an explicit value, and a test pins them.
    /// </summary>
    [AttributeUsage(AttributeTargets.Enum)]
    internal sealed class PersistedAttribute : Attribute
    {
    }
}
