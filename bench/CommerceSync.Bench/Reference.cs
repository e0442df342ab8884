using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Microsoft.Data.Sqlite;

namespace CommerceSync.Bench
{
    /// <summary>
    /// The practical limit: the same three steps as hand-written set-based SQL on Microsoft.Data.Sqlite, on the same schema
    /// (a copy of the same generated store, so the same tables and indexes), one statement per table and channel, one
    /// transaction per channel and step. It validates nothing (the data is valid) and writes one change row per customer,
    /// which is what makes it a lower bound rather than a competitor.
    /// </summary>
    public static class Reference
    {
        private const long RunId = 0;

        private static readonly (string Ch, string Hq, string ChCols, string HqCols)[] Tables =
        {
            ("ch_async_customer", "hq_async_customer",
             "channel_id, counter, async_customer_id, account_number, operation, first_name, middle_name, last_name, name, relationship_type, customer_group, currency, language, email, phone, created_at",
             "channel_id, counter, async_customer_id, given_account, operation, first_name, middle_name, last_name, name, relationship_type, customer_group, currency, language, email, phone, created_at"),
            Same("ch_async_address", "hq_async_address", "channel_id, counter, address_id, async_customer_id, account_number, operation, name, street, street_number, city, county, state, zip_code, country, purpose, is_primary, created_at"),
            Same("ch_async_attribute", "hq_async_attribute", "channel_id, counter, async_customer_id, account_number, operation, name, data_type, value, created_at"),
            Same("ch_async_contact", "hq_async_contact", "channel_id, counter, async_customer_id, account_number, operation, contact_type, locator, description, is_primary, created_at"),
            Same("ch_async_affiliation", "hq_async_affiliation", "channel_id, counter, async_customer_id, account_number, operation, affiliation, created_at"),
            Same("ch_transaction", "hq_transaction", "channel_id, counter, transaction_id, type, account_number, async_customer_id, delivery_address_id, amount_minor, line_count, business_date, created_at"),
        };

        private static (string, string, string, string) Same(string ch, string hq, string cols) => (ch, hq, cols, cols);

        public static PhaseResult Run(string path)
        {
            var result = new PhaseResult { Phase = "reference" };
            using (var c = Generator.Open(path))
            {
                var channels = Query(c, "SELECT channel_id, data_area_id, offline_database FROM channel ORDER BY channel_id;", r => (Id: r.GetString(0), Area: r.GetString(1), Offline: r.GetInt64(2) == 1));
                var now = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
                var total = Stopwatch.StartNew();

                var sw = Stopwatch.StartNew();
                long uploaded = 0;
                foreach (var ch in channels)
                {
                    foreach (var t in Tables)
                    {
                        using (var tx = c.BeginTransaction(deferred: false))
                        {
                            var wm = Scalar(c, tx, "SELECT COALESCE(MAX(counter), 0) FROM " + t.Hq + " WHERE channel_id = $ch;", ("$ch", ch.Id));
                            uploaded += Exec(c, tx, "INSERT INTO " + t.Hq + "(" + t.HqCols + ", upload_run_id) SELECT " + t.ChCols + ", $run FROM " + t.Ch +
                                " WHERE channel_id = $ch AND counter > $wm ORDER BY counter;", ("$ch", ch.Id), ("$wm", wm), ("$run", RunId));
                            tx.Commit();
                        }
                    }
                }
                result.Steps["P-job"] = sw.Elapsed.TotalSeconds;

                sw.Restart();
                long created = 0;
                Exec(c, null, @"CREATE TEMP TABLE ref_new(channel_id TEXT, counter INTEGER, async_customer_id TEXT, data_area_id TEXT, rn INTEGER,
  first_name TEXT, middle_name TEXT, last_name TEXT, name TEXT, relationship_type INTEGER, customer_group TEXT, currency TEXT, language TEXT, email TEXT, phone TEXT,
  account_number TEXT, party_id INTEGER);
CREATE TEMP TABLE ref_child(channel_id TEXT, counter INTEGER, data_area_id TEXT, account_number TEXT, PRIMARY KEY(channel_id, counter));");
                var format = Query(c, "SELECT value FROM store_setting WHERE key = 'AccountNumberFormat';", r => r.GetString(0)).Single();
                var prefix = format.TrimEnd('#');
                var width = format.Length - prefix.Length;
                foreach (var ch in channels)
                {
                    using (var tx = c.BeginTransaction(deferred: false))
                    {
                        Exec(c, tx, "DELETE FROM temp.ref_new;");
                        // The creates not yet processed, in counter order, that no other path has already converted.
                        var n = Exec(c, tx, @"INSERT INTO temp.ref_new(channel_id, counter, async_customer_id, data_area_id, rn, first_name, middle_name, last_name, name,
  relationship_type, customer_group, currency, language, email, phone)
SELECT h.channel_id, h.counter, h.async_customer_id, $area, row_number() OVER (ORDER BY h.counter), h.first_name, h.middle_name, h.last_name,
  COALESCE(NULLIF(TRIM(h.name), ''), TRIM(COALESCE(h.first_name, '') || ' ' || COALESCE(h.last_name, ''))),
  h.relationship_type, h.customer_group, UPPER(h.currency), h.language, h.email, h.phone
FROM hq_async_customer h
WHERE h.channel_id = $ch AND h.online_operation_completed = 0 AND h.operation = 1
  AND NOT EXISTS(SELECT 1 FROM retail_cust_table r WHERE r.cust_account_async = h.async_customer_id)
ORDER BY h.counter;", ("$ch", ch.Id), ("$area", ch.Area));
                        if (n > 0)
                        {
                            Exec(c, tx, "INSERT INTO number_sequence(data_area_id, code, prefix, width, next_value) VALUES ($a, 'Customer', $p, $w, 1) ON CONFLICT DO NOTHING;",
                                ("$a", ch.Area), ("$p", prefix), ("$w", width));
                            var firstNumber = Scalar(c, tx, "UPDATE number_sequence SET next_value = next_value + $n WHERE data_area_id = $a AND code = 'Customer' RETURNING next_value - $n;", ("$n", n), ("$a", ch.Area));
                            var party = Scalar(c, tx, "SELECT COALESCE(MAX(party_id), 0) FROM party;");
                            Exec(c, tx, "UPDATE temp.ref_new SET account_number = $p || printf('%0" + width + "d', $first + rn - 1), party_id = $party + rn;",
                                ("$p", prefix), ("$first", firstNumber), ("$party", party));
                            Exec(c, tx, "INSERT INTO party(party_id, name, party_type) SELECT party_id, name, relationship_type FROM temp.ref_new ORDER BY rn;");
                            Exec(c, tx, @"INSERT INTO cust_table(data_area_id, account_number, party_id, first_name, middle_name, last_name, name, customer_group, currency, language, email, phone, blocked, created_at, modified_at)
SELECT data_area_id, account_number, party_id, first_name, middle_name, last_name, name, customer_group, currency, language, email, phone, 0, $now, $now FROM temp.ref_new ORDER BY rn;", ("$now", now));
                            Exec(c, tx, "INSERT INTO retail_cust_table(data_area_id, account_number, cust_account_async, origin_channel_id) SELECT data_area_id, account_number, async_customer_id, channel_id FROM temp.ref_new ORDER BY rn;");
                            Exec(c, tx, "INSERT INTO hq_change(data_area_id, account_number, run_id) SELECT data_area_id, account_number, $run FROM temp.ref_new ORDER BY rn;", ("$run", RunId));
                            Exec(c, tx, @"UPDATE hq_async_customer SET online_operation_completed = 1, sync_status = 1, last_error = NULL, account_number = w.account_number, sync_run_id = $run, synced_at = $now
FROM temp.ref_new w WHERE hq_async_customer.channel_id = w.channel_id AND hq_async_customer.counter = w.counter;", ("$run", RunId), ("$now", now));
                            created += n;
                        }
                        // Addresses and attributes whose customer HQ can name now (given account, or the async link).
                        Child(c, tx, ch.Id, ch.Area, "hq_async_address", now, @"
INSERT INTO hq_address(data_area_id, account_number, address_id, name, street, street_number, city, county, state, zip_code, country, purpose, is_primary)
SELECT w.data_area_id, w.account_number, a.address_id, a.name, a.street, a.street_number, a.city, a.county, a.state, a.zip_code, UPPER(TRIM(a.country)), a.purpose, a.is_primary
FROM temp.ref_child w JOIN hq_async_address a ON a.channel_id = w.channel_id AND a.counter = w.counter
WHERE true ORDER BY a.counter
ON CONFLICT(data_area_id, account_number, address_id) DO UPDATE SET name = excluded.name, street = excluded.street, street_number = excluded.street_number,
  city = excluded.city, county = excluded.county, state = excluded.state, zip_code = excluded.zip_code, country = excluded.country,
  purpose = excluded.purpose, is_primary = excluded.is_primary;");
                        Child(c, tx, ch.Id, ch.Area, "hq_async_attribute", now, @"
INSERT INTO hq_customer_attribute(data_area_id, account_number, name, data_type, value)
SELECT w.data_area_id, w.account_number, a.name, a.data_type, a.value
FROM temp.ref_child w JOIN hq_async_attribute a ON a.channel_id = w.channel_id AND a.counter = w.counter
WHERE true ORDER BY a.counter
ON CONFLICT(data_area_id, account_number, name) DO UPDATE SET data_type = excluded.data_type, value = excluded.value;");
                        tx.Commit();
                    }
                }
                result.Steps["Sync"] = sw.Elapsed.TotalSeconds;

                sw.Restart();
                long distributed = 0;
                var last = Scalar(c, null, "SELECT COALESCE(MAX(seq), 0) FROM hq_change;");
                var targets = channels.SelectMany(ch => (ch.Offline ? new[] { 0, 1 } : new[] { 0 }).Select(d => (ch.Id, ch.Area, Db: d))).ToList();
                var marks = targets.ToDictionary(t => (t.Id, t.Db), t => Scalar(c, null,
                    "SELECT COALESCE((SELECT last_seq FROM distribution_watermark WHERE channel_id = $ch AND database = $db), 0);", ("$ch", t.Id), ("$db", t.Db)));
                var from = marks.Values.DefaultIfEmpty(0).Min();
                // Each changed account once, with its latest change: a database behind that change needs the account.
                Exec(c, null, @"CREATE TEMP TABLE ref_changed AS SELECT data_area_id, account_number, MAX(seq) AS seq FROM hq_change
WHERE seq > $from AND seq <= $last GROUP BY data_area_id, account_number ORDER BY data_area_id, account_number;", ("$from", from), ("$last", last));
                foreach (var t in targets)
                {
                    // One autocommit statement per database (no statement journal, which temp_store = MEMORY would keep in memory);
                    // the watermark follows. The upsert is idempotent, so a crash in between only repeats work.
                    {
                        SqliteTransaction tx = null;
                        distributed += Exec(c, tx, @"
INSERT INTO channel_customer(channel_id, database, data_area_id, account_number, async_customer_id, first_name, last_name, name, email, phone,
  customer_group, currency, blocked, distributed_run_id, distributed_at)
SELECT $ch, $db, c.data_area_id, c.account_number, r.cust_account_async, c.first_name, c.last_name, c.name, c.email, c.phone,
  c.customer_group, c.currency, c.blocked, $run, $now
FROM temp.ref_changed x
JOIN cust_table c ON c.data_area_id = x.data_area_id AND c.account_number = x.account_number
LEFT JOIN retail_cust_table r ON r.data_area_id = c.data_area_id AND r.account_number = c.account_number
WHERE x.seq > $wm AND x.data_area_id = $area
ON CONFLICT(channel_id, database, account_number) DO UPDATE SET async_customer_id = excluded.async_customer_id,
  first_name = excluded.first_name, last_name = excluded.last_name, name = excluded.name, email = excluded.email, phone = excluded.phone,
  customer_group = excluded.customer_group, currency = excluded.currency, blocked = excluded.blocked, distributed_run_id = excluded.distributed_run_id,
  distributed_at = excluded.distributed_at;", ("$ch", t.Id), ("$db", t.Db), ("$run", RunId), ("$now", now), ("$wm", marks[(t.Id, t.Db)]), ("$area", t.Area));
                        Exec(c, tx, @"INSERT INTO distribution_watermark(channel_id, database, last_seq) VALUES ($ch, $db, $seq)
ON CONFLICT(channel_id, database) DO UPDATE SET last_seq = MAX(last_seq, excluded.last_seq);", ("$ch", t.Id), ("$db", t.Db), ("$seq", last));
                    }
                }
                Exec(c, null, "DROP TABLE temp.ref_changed;");
                result.Steps["1010"] = sw.Elapsed.TotalSeconds;
                result.Seconds = total.Elapsed.TotalSeconds;
                result.Counts["uploaded"] = uploaded;
                result.Counts["created"] = created;
                result.Counts["distributed"] = distributed;
                result.Rows = created;
            }
            return result;
        }

        private static void Child(SqliteConnection c, SqliteTransaction tx, string channel, string area, string hq, string now, string apply)
        {
            Exec(c, tx, "DELETE FROM temp.ref_child;");
            var n = Exec(c, tx, @"INSERT INTO temp.ref_child(channel_id, counter, data_area_id, account_number)
SELECT a.channel_id, a.counter, $area, COALESCE(a.account_number, r.account_number)
FROM " + hq + @" a LEFT JOIN retail_cust_table r ON r.cust_account_async = a.async_customer_id
WHERE a.channel_id = $ch AND a.online_operation_completed = 0 AND COALESCE(a.account_number, r.account_number) IS NOT NULL;", ("$ch", channel), ("$area", area));
            if (n == 0) return;
            Exec(c, tx, apply);
            Exec(c, tx, "UPDATE " + hq + @" SET online_operation_completed = 1, sync_status = 1, last_error = NULL, resolved_account = w.account_number, sync_run_id = $run, synced_at = $now
FROM temp.ref_child w WHERE " + hq + ".channel_id = w.channel_id AND " + hq + ".counter = w.counter;", ("$run", RunId), ("$now", now));
        }

        public static int Exec(SqliteConnection c, SqliteTransaction tx, string sql, params (string, object)[] args)
        {
            using (var cmd = Command(c, tx, sql, args)) return cmd.ExecuteNonQuery();
        }

        public static long Scalar(SqliteConnection c, SqliteTransaction tx, string sql, params (string, object)[] args)
        {
            using (var cmd = Command(c, tx, sql, args))
            {
                var v = cmd.ExecuteScalar();
                return v == null || v is DBNull ? 0 : Convert.ToInt64(v, CultureInfo.InvariantCulture);
            }
        }

        public static List<T> Query<T>(SqliteConnection c, string sql, Func<SqliteDataReader, T> map, params (string, object)[] args)
        {
            var list = new List<T>();
            using (var cmd = Command(c, null, sql, args))
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read()) list.Add(map(r));
            }
            return list;
        }

        private static SqliteCommand Command(SqliteConnection c, SqliteTransaction tx, string sql, (string, object)[] args)
        {
            var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.Transaction = tx;
            cmd.CommandTimeout = 0;
            foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v ?? DBNull.Value);
            return cmd;
        }
    }
}
