// Named CommerceSync.Storage since the first release: Test-CommerceStore declares it as its
// output type, and the format views, help pages and users' scripts name it so. The record lives with the others here.
namespace CommerceSync.Storage
{
    /// <summary>One broken invariant and how many rows break it.</summary>
    public sealed class IntegrityViolation : IStoreObject
    {
        /// <summary>The store this came from (path, or connection string without its password); binds to -Store by property name.</summary>
        public string? Store { get; set; }
        public string? Check { get; set; }
        public long Count { get; set; }
        public string? Description { get; set; }
        public override string ToString() => Check + ": " + Count;
    }
}
