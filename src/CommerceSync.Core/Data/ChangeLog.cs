using CommerceSync.Data.Engines;

namespace CommerceSync.Data
{
    /// <summary>
    /// HQ's change log (hq_change): one row per customer a write transaction changed, in commit order by seq. The sync job,
    /// New-CommerceCustomer's real-time create and the syncs that orders and statements run write it; job 1010 reads it,
    /// each channel database up to its watermark, so a run costs what changed, not what exists.
    /// </summary>
    internal sealed class ChangeLog
    {
        private readonly StoreDatabase db;
        private bool ready;

        public ChangeLog(StoreDatabase db) { this.db = db; }

        private void Ensure()
        {
            if (ready) return;
            db.Execute(@"CREATE TEMP TABLE IF NOT EXISTS sync_changed(
  data_area_id TEXT NOT NULL, account_number TEXT NOT NULL, PRIMARY KEY(data_area_id, account_number)) WITHOUT ROWID;");
            ready = true;
        }

        /// <summary>Notes the customers a SELECT of data_area_id and account_number names as changed by this transaction (repeats are fine).</summary>
        public void Note(string selectCustomers, params (string, object?)[] args)
        {
            Ensure();
            db.Execute("INSERT OR IGNORE INTO temp.sync_changed(data_area_id, account_number) " + selectCustomers + ";", args);
        }

        /// <summary>Notes one customer as changed by this transaction.</summary>
        public void Note(string dataAreaId, string account)
        {
            Ensure();
            db.Execute("INSERT OR IGNORE INTO temp.sync_changed(data_area_id, account_number) VALUES ($a, $acc);", ("$a", dataAreaId), ("$acc", account));
        }

        /// <summary>
        /// Writes what this transaction noted: one row per customer, however many of its tables changed, so 1010 sends each
        /// customer once per chunk. Call once per write transaction, after the writes and before commit.
        /// </summary>
        /// <returns>How many of the changed customers the run had not counted yet.</returns>
        public int Write(long runId)
        {
            if (!ready) return 0;
            // One writer at a time appends (until it commits), so the log's committed seqs have no hole a writer still fills: job 1010
            // distributes up to the last committed seq and must not pass a change that commits after it.
            db.Claim(Claims.ChangeLog, wait: true);
            db.Execute("INSERT INTO hq_change(data_area_id, account_number, run_id) SELECT data_area_id, account_number, $run FROM temp.sync_changed;", ("$run", runId));
            var customers = RunCustomers.Add(db, runId, RunCustomers.Keys("temp.sync_changed"));
            db.Execute("DELETE FROM temp.sync_changed;");
            return customers;
        }

        /// <summary>The last change committed: job 1010 distributes up to it.</summary>
        public long Last() => db.Scalar<long>("SELECT COALESCE(MAX(seq), 0) FROM hq_change;");

        /// <summary>
        /// The customers of legal entity $area changed in ($from, $to], each once with its latest seq (columns data_area_id,
        /// account_number, seq). NOT INDEXED: read by the seq range; left to itself SQLite walks the legal entity's whole change
        /// history through ix_hq_change_account, so each window cost what exists, not what changed.
        /// </summary>
        public const string LatestInWindow =
            "SELECT data_area_id, account_number, MAX(seq) AS seq FROM hq_change " + PlannerHints.NotIndexed + " WHERE seq > $from AND seq <= $to AND data_area_id = $area GROUP BY data_area_id, account_number";

        /// <summary>How many customers of a legal entity changed after <paramref name="from"/> (by seq range, as <see cref="LatestInWindow"/>).</summary>
        public long CountChangedAfter(string dataAreaId, long from) =>
            db.Scalar<long>("SELECT COUNT(DISTINCT account_number) FROM hq_change " + PlannerHints.NotIndexed + " WHERE seq > $from AND data_area_id = $area;",
                ("$from", from), ("$area", dataAreaId));

        /// <summary>A customer's last change (job 1010's unit), grouped once to join by key: what the integrity checks compare.</summary>
        public const string LastPerCustomer =
            "(SELECT x.data_area_id, x.account_number, MAX(x.seq) AS last_seq FROM hq_change x GROUP BY x.data_area_id, x.account_number)";
    }
}
