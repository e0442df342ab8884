using System;
using System.Data.Common;

namespace CommerceSync.Data
{
    /// <summary>
    /// The transaction the store's commands run in. It is set only by the scopes that own it: a <see cref="WriteTransaction"/>
    /// (<see cref="BeginWrite"/>, <see cref="BeginClaimedWrite"/>) or a <see cref="ReadSnapshot"/> (<see cref="Snapshot"/>),
    /// each from its start to its end; nothing else changes it.
    /// </summary>
    public sealed partial class StoreDatabase
    {
        /// <summary>The transaction of the scope open now (null outside one): every command made by <see cref="Command"/> runs in it.</summary>
        internal DbTransaction? CurrentTransaction { get; private set; }

        /// <summary>Whether a write or a snapshot is open on this connection.</summary>
        internal bool InTransaction => CurrentTransaction != null;

        /// <summary>Starts a writer transaction that takes the store's write lock up front, so a busy store fails at the start, not half-way.</summary>
        public WriteTransaction BeginWrite()
        {
            try
            {
                return new WriteTransaction(this, Engine.BeginWrite(Connection, BusyTimeout), claimed: false);
            }
            catch (DbException ex)
            {
                throw Translate(ex);
            }
        }

        /// <summary>
        /// A read transaction over one consistent state of the store, while jobs may write; the store's commands run in it until
        /// it is disposed. <paramref name="wholeTableReads"/>: its queries each read whole tables, and are planned as such.
        /// </summary>
        internal ReadSnapshot Snapshot(bool wholeTableReads = false)
        {
            DbTransaction tx;
            try
            {
                tx = Engine.BeginSnapshot(Connection);
            }
            catch (DbException ex)
            {
                throw Translate(ex);
            }
            var snapshot = new ReadSnapshot(this, tx);
            try
            {
                if (wholeTableReads) Engine.PrepareWholeTableReads(this);
            }
            catch
            {
                snapshot.Dispose();
                throw;
            }
            return snapshot;
        }

        /// <summary>Called by a scope at its start and end only.</summary>
        internal void Enter(DbTransaction transaction, HeldClaims? claims)
        {
            // The engines have no nested transactions either: a second scope is a mistake in the caller.
            if (CurrentTransaction != null) throw new InvalidOperationException("A transaction is already open on this store connection.");
            CurrentTransaction = transaction;
            HeldClaims = claims;
        }

        internal void Leave(DbTransaction transaction)
        {
            if (!ReferenceEquals(CurrentTransaction, transaction)) return;
            CurrentTransaction = null;
            HeldClaims = null;
        }
    }
}
