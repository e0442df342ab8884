using System;
using System.Data.Common;

namespace CommerceSync.Data
{
    /// <summary>A read transaction over one consistent state of the store (<see cref="StoreDatabase.Snapshot"/>); the store's commands read in it until it is disposed.</summary>
    internal sealed class ReadSnapshot : IDisposable
    {
        private readonly StoreDatabase db;
        private readonly DbTransaction tx;

        internal ReadSnapshot(StoreDatabase db, DbTransaction tx)
        {
            this.db = db;
            this.tx = tx;
            db.Enter(tx, null);
        }

        public void Dispose()
        {
            db.Leave(tx);
            tx.Dispose();
        }
    }
}
