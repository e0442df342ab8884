namespace CommerceSync.Data
{
    /// <summary>
    /// A channel's replication counters (channel.next_counter: the order the P-job uploads its rows in) and its offline
    /// database's order (next_offline_seq). Their own file, below both the channel's settings and the rows that take the
    /// numbers, so neither of those has to reach into the other.
    /// </summary>
    internal static class ChannelCounters
    {
        /// <summary>Reserves <paramref name="count"/> replication counters of the channel; returns the first. Call inside a write transaction.</summary>
        public static long Reserve(StoreDatabase db, string channelId, int count) =>
            db.Scalar<long>("UPDATE channel SET next_counter = next_counter + $n WHERE channel_id = $id RETURNING next_counter - $n;", ("$n", count), ("$id", channelId));

        /// <summary>Reserves positions in the channel's offline database order; returns the first. Call inside a write transaction.</summary>
        public static long ReserveOffline(StoreDatabase db, string channelId, int count) =>
            db.Scalar<long>("UPDATE channel SET next_offline_seq = next_offline_seq + $n WHERE channel_id = $id RETURNING next_offline_seq - $n;", ("$n", count), ("$id", channelId));
    }
}
