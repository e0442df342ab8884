using System;
using System.Data.Common;

namespace CommerceSync.Data
{
    /// <summary>A writer transaction holding the store's write lock; rolls back unless committed. The store's commands run in it until it ends.</summary>
    public sealed class WriteTransaction : IDisposable
    {
        private readonly StoreDatabase db;
        private readonly DbTransaction tx;
        private bool done;

        internal WriteTransaction(StoreDatabase db, DbTransaction tx, bool claimed)
        {
            this.db = db;
            this.tx = tx;
            db.Enter(tx, new HeldClaims(together: claimed));
        }

        public void Commit()
        {
            try
            {
                tx.Commit();
            }
            catch (DbException ex)
            {
                throw db.Translate(ex);
            }
            done = true;
            db.Leave(tx);
        }

        public void Dispose()
        {
            if (!done)
            {
                try { tx.Rollback(); } catch (DbException) { } catch (InvalidOperationException) { }
                db.Leave(tx);
            }
            tx.Dispose();
        }
    }
}
