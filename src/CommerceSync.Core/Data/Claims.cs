using System;
using System.Collections.Generic;
using System.Data.Common;

namespace CommerceSync.Data
{
    /// <summary>What a claim guards; <see cref="Claims.Order"/> ranks them.</summary>
    internal enum ClaimRank
    {
        /// <summary>What workers split a job by: a channel table to upload, a channel to convert, a channel database to distribute to.</summary>
        WorkShare,
        /// <summary>The number sequences and party ids (account numbers stay gapless).</summary>
        NumberSequences,
        /// <summary>Customers HQ already has: an edit, a link or a child row reads and writes one whole.</summary>
        HeadquartersCustomers,
        /// <summary>The change log job 1010 reads: appended one writer at a time, so its committed seqs have no hole.</summary>
        ChangeLog,
    }

    /// <summary>A share of a shared store that a worker holds until its write transaction ends (<see cref="StoreDatabase.Claim"/>).</summary>
    internal readonly struct Claim
    {
        public Claim(string key, ClaimRank rank)
        {
            Key = key;
            Rank = rank;
        }

        /// <summary>The lock's name. Workers of different releases share a store, so a key, once released, never changes.</summary>
        public string Key { get; }
        public ClaimRank Rank { get; }

        public override string ToString() => Key + " (" + Rank + ")";
    }

    /// <summary>
    /// Every claim a job takes, and the one order (<see cref="ClaimRank"/>) in which a transaction takes them. On SQLite every
    /// claim is granted (one writer at a time holds the whole store); on PostgreSQL a claim is a transaction-level advisory lock.
    /// </summary>
    internal static class Claims
    {
        /// <summary>
        /// The order a write transaction takes claims in, first to last: never one ranked before a claim it already holds, so
        /// no two workers on a shared store each wait for what the other holds (a wait in a circle, which PostgreSQL ends by
        /// failing one of them with StoreBusy). Several claims of one rank are fine: a job tries work shares without waiting,
        /// and waits for one only once a pass found nothing free to do. <see cref="HeldClaims"/> checks it as claims are taken.
        /// </summary>
        public static readonly IReadOnlyList<ClaimRank> Order = new[]
        {
            ClaimRank.WorkShare, ClaimRank.NumberSequences, ClaimRank.HeadquartersCustomers, ClaimRank.ChangeLog,
        };

        private static readonly Dictionary<ClaimRank, int> Positions = Rank(Order);

        private static Dictionary<ClaimRank, int> Rank(IReadOnlyList<ClaimRank> order)
        {
            var positions = new Dictionary<ClaimRank, int>();
            for (var i = 0; i < order.Count; i++) positions.Add(order[i], i);
            return positions;
        }

        /// <summary>Where a claim comes in <see cref="Order"/> (0 first).</summary>
        public static int PositionOf(Claim claim) => Positions[claim.Rank];

        // Channel ids compare without case, so their claims do too.

        /// <summary>The P-job's share: one channel's table (an index into <see cref="UploadStore.Tables"/>).</summary>
        public static Claim Upload(string channelId, int table) => new Claim("P-job|" + channelId.ToUpperInvariant() + "|" + table, ClaimRank.WorkShare);

        /// <summary>The sync job's share: one channel's uploaded rows.</summary>
        public static Claim Conversion(string channelId) => new Claim("sync|" + channelId.ToUpperInvariant(), ClaimRank.WorkShare);

        /// <summary>Job 1010's share: one channel or offline database.</summary>
        public static Claim Distribution(string channelId, ChannelDatabaseKind database) =>
            new Claim("1010|" + channelId.ToUpperInvariant() + "|" + (int)database, ClaimRank.WorkShare);

        public static readonly Claim NumberSequences = new Claim("sync|numbers", ClaimRank.NumberSequences);
        public static readonly Claim HeadquartersCustomers = new Claim("sync|customers", ClaimRank.HeadquartersCustomers);
        public static readonly Claim ChangeLog = new Claim("hq_change", ClaimRank.ChangeLog);
    }

    /// <summary>
    /// The claims one write transaction took, checked against <see cref="Claims.Order"/> as each is taken. The order binds
    /// claimed writes (<see cref="StoreDatabase.BeginClaimedWrite"/>), which run together; a writer holding the store's lock
    /// alone (<see cref="StoreDatabase.BeginWrite"/>) meets no other claim, so nothing it claims can wait, whatever the order
    /// (orders and statements sync their references chunk after chunk in one such transaction).
    /// </summary>
    internal sealed class HeldClaims
    {
        private readonly bool together;
        private Claim? highest;

        public HeldClaims(bool together) { this.together = together; }

        /// <summary>Whether this is a claimed write, which runs together with other workers' and so keeps the order.</summary>
        public bool Together => together;

        /// <summary>Refuses a claim ranked before one this transaction holds: a mistake in a job, found by the first run that makes it.</summary>
        public void Check(Claim claim)
        {
            if (together && highest.HasValue && Claims.PositionOf(claim) < Claims.PositionOf(highest.Value))
            {
                throw new InvalidOperationException("Claim " + claim + " comes before " + highest.Value + " in Claims.Order, and this transaction holds " +
                    highest.Value + " already: a transaction takes claims in that order only, so that no two workers wait for each other.");
            }
        }

        public void Taken(Claim claim)
        {
            if (!highest.HasValue || Claims.PositionOf(claim) > Claims.PositionOf(highest.Value)) highest = claim;
        }
    }

    public sealed partial class StoreDatabase
    {
        /// <summary>
        /// Starts a writer transaction for a share of a job's work that <see cref="Claim"/> names (a channel's uploads, one
        /// database's distribution). On PostgreSQL workers hold these at once, each on its own claims, while other writers wait
        /// for them all; on SQLite it is <see cref="BeginWrite"/>, and every claim is granted.
        /// </summary>
        public WriteTransaction BeginClaimedWrite()
        {
            try
            {
                return new WriteTransaction(this, Engine.BeginClaimedWrite(Connection, BusyTimeout), claimed: true);
            }
            catch (DbException ex)
            {
                throw Translate(ex);
            }
        }

        /// <summary>
        /// Claims a share of the store (one of <see cref="Claims"/>, in their order) until the current write ends: false when
        /// another worker holds it (the caller takes other work), or with <paramref name="wait"/> waits for it, at most the busy timeout.
        /// </summary>
        internal bool Claim(Claim claim, bool wait = false)
        {
            HeldClaims?.Check(claim);
            bool taken;
            try
            {
                taken = Engine.Claim(Connection, CurrentTransaction, claim.Key, wait);
            }
            catch (DbException ex)
            {
                throw Translate(ex);
            }
            if (taken) HeldClaims?.Taken(claim);
            ClaimLog?.Add((HeldClaims, claim, taken));
            return taken;
        }

        /// <summary>The claims of the current write transaction (null outside one).</summary>
        internal HeldClaims? HeldClaims { get; set; }
        /// <summary>For tests: every claim asked for on this connection, with the transaction's claims and whether it was granted.</summary>
        internal List<(HeldClaims? Transaction, Claim Claim, bool Taken)>? ClaimLog { get; set; }
    }
}
