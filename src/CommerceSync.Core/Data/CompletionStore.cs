using System.Collections.Generic;
using System.Linq;

namespace CommerceSync.Data
{
    /// <summary>
    /// The ids a store knows, for tab completion: each query reads at most <c>max</c> rows by an index, so a Tab stays instant on a
    /// store of millions. Values start with the given text; each comes with a tooltip saying what it is.
    /// </summary>
    public sealed class CompletionStore
    {
        private readonly StoreDatabase db;

        public CompletionStore(StoreDatabase db) { this.db = db; }

        private static string Like(string? prefix) => SqlText.WildcardToLike(prefix ?? "") + "%";

        public IEnumerable<(string Value, string Tooltip)> TransactionIds(string prefix, string[]? channelIds, int max)
        {
            var where = new SqlFilter().In(channelIds, "channel_id", "$channels");
            return db.ReadAll("SELECT transaction_id, channel_id, type, business_date FROM ch_transaction WHERE transaction_id LIKE $p ESCAPE '\\'" + where.Sql +
                " ORDER BY created_at DESC, transaction_id LIMIT $n;",
                r => (r.GetString(0), r.GetString(0) + " - " + (TransactionType)r.GetInt32(2) + " at " + r.GetString(1) + " on " + r.GetString(3)),
                where.With(("$p", Like(prefix)), ("$n", max)));
        }

        public IEnumerable<(string Value, string Tooltip)> StatementIds(string prefix, string[]? channelIds, int max)
        {
            var where = new SqlFilter().In(channelIds, "channel_id", "$channels");
            return db.ReadAll("SELECT statement_id, channel_id, business_date, status FROM statement WHERE statement_id LIKE $p ESCAPE '\\'" + where.Sql +
                " ORDER BY business_date DESC, statement_id LIMIT $n;",
                r => (r.GetString(0), r.GetString(0) + " - " + r.GetString(1) + " on " + r.GetString(2) + " (" + (StatementStatus)r.GetInt32(3) + ")"),
                where.With(("$p", Like(prefix)), ("$n", max)));
        }

        public IEnumerable<(string Value, string Tooltip)> DataAreaIds(string prefix, int max) =>
            db.ReadAll("SELECT data_area_id, COUNT(*) FROM channel WHERE data_area_id LIKE $p ESCAPE '\\' GROUP BY data_area_id ORDER BY data_area_id LIMIT $n;",
                r => (r.GetString(0), r.GetString(0) + " - legal entity of " + r.GetInt64(1) + " channel(s)"), ("$p", Like(prefix)), ("$n", max));

        /// <summary>The values of a channel setting (default customer group, default currency) and how many channels use each.</summary>
        public IEnumerable<(string Value, string Tooltip)> ChannelDefaults(string column, string what, string prefix, int max)
        {
            if (column != "default_customer_group" && column != "default_currency" && column != "database_group") throw new System.ArgumentException("Not a channel default: " + column, nameof(column));
            return db.ReadAll("SELECT " + column + ", COUNT(*) FROM channel WHERE " + column + " LIKE $p ESCAPE '\\' GROUP BY " + column + " ORDER BY " + column + " LIMIT $n;",
                r => (r.GetString(0), r.GetString(0) + " - " + what + " of " + r.GetInt64(1) + " channel(s)"), ("$p", Like(prefix)), ("$n", max));
        }

        /// <summary>Address ids at HQ and in channel databases; of one customer when an account or async id is given.</summary>
        public IEnumerable<(string Value, string Tooltip)> AddressIds(string prefix, string? accountNumber, string? asyncCustomerId, int max)
        {
            var hq = "SELECT address_id, account_number AS owner, city FROM hq_address WHERE address_id LIKE $p ESCAPE '\\'" + (accountNumber != null ? " AND account_number = $acc" : "");
            var ch = "SELECT address_id, COALESCE(account_number, async_customer_id) AS owner, city FROM ch_async_address WHERE address_id LIKE $p ESCAPE '\\'" +
                (accountNumber != null ? " AND account_number = $acc" : asyncCustomerId != null ? " AND async_customer_id = $async" : "");
            var sql = asyncCustomerId != null && accountNumber == null ? ch : hq + " UNION " + ch;
            var args = new List<(string, object?)> { ("$p", Like(prefix)), ("$n", max) };
            if (accountNumber != null) args.Add(("$acc", accountNumber));
            else if (asyncCustomerId != null) args.Add(("$async", asyncCustomerId));
            return db.ReadAll("SELECT address_id, MIN(owner), MIN(city) FROM (" + sql + ") x GROUP BY address_id ORDER BY address_id LIMIT $n;",
                r => (r.GetString(0), r.GetString(0) + " - address of " + r.Str(1) + (r.Str(2) == null ? "" : " in " + r.Str(2))), args.ToArray());
        }

        public IEnumerable<(string Value, string Tooltip)> RunIds(string prefix, int max) =>
            db.ReadAll("SELECT run_id, job, status, started FROM job_run WHERE CAST(run_id AS TEXT) LIKE $p ESCAPE '\\' ORDER BY run_id DESC LIMIT $n;",
                r => (r.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture),
                      r.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture) + " - " + r.GetString(1) + ", " + (JobRunStatus)r.GetInt32(2) + ", started " + r.GetString(3)),
                ("$p", Like(prefix)), ("$n", max));

        /// <summary>Replication counters of the operations HQ failed (what an admin corrects), newest first; of one channel when given.</summary>
        public IEnumerable<(string Value, string Tooltip)> FailedCounters(string prefix, string? channelId, int max)
        {
            var channel = channelId == null ? "" : " AND channel_id = $ch";
            var parts = new[] { ("customer", "hq_async_customer"), ("address", "hq_async_address"), ("attribute", "hq_async_attribute"), ("contact", "hq_async_contact"), ("affiliation", "hq_async_affiliation") }
                .Select(t => "SELECT channel_id, counter, '" + t.Item1 + "' AS kind, last_error FROM " + t.Item2 + " WHERE sync_status = 2 AND CAST(counter AS TEXT) LIKE $p ESCAPE '\\'" + channel);
            return db.ReadAll("SELECT channel_id, counter, kind, last_error FROM (" + string.Join(" UNION ALL ", parts) + ") x ORDER BY counter DESC LIMIT $n;",
                r => (r.GetInt64(1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                      r.GetInt64(1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " - failed " + r.GetString(2) + " operation at " + r.GetString(0) + ": " + r.Str(3)),
                channelId == null ? new (string, object?)[] { ("$p", Like(prefix)), ("$n", max) } : new (string, object?)[] { ("$p", Like(prefix)), ("$ch", channelId), ("$n", max) });
        }
    }
}
