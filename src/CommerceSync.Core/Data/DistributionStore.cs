using System;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Data.Engines;

namespace CommerceSync.Data
{
    /// <summary>One database job 1010 writes to: a channel database or a register's offline database.</summary>
    public sealed class DistributionTarget
    {
        public string ChannelId = "";
        public ChannelDatabaseKind Database;
        public string DataAreaId = "";
        public long Watermark;
    }

    /// <summary>Job 1010's SQL: customers changed at HQ since a channel database's watermark, upserted into that database.</summary>
    public sealed class DistributionStore
    {
        private readonly StoreDatabase db;
        private readonly ChangeLog changes;
        private bool windowReady;

        public DistributionStore(StoreDatabase db)
        {
            this.db = db;
            changes = new ChangeLog(db);
        }

        // What a channel database holds of a customer: HQ's account with its async link, read once into temp.dist_window.
        private const string WindowColumns = @"c.data_area_id, c.account_number, r.cust_account_async, c.first_name, c.last_name, c.name, c.email, c.phone,
  c.customer_group, c.currency, c.blocked";

        private const string WindowCustomers = @"
LEFT JOIN retail_cust_table r ON r.data_area_id = c.data_area_id AND r.account_number = c.account_number";

        // distributed_at stays the first time this database received the customer: what a report -AsOf a past moment asks.
        private const string UpdateOnConflict = @"
ON CONFLICT(channel_id, database, account_number) DO UPDATE SET async_customer_id = excluded.async_customer_id,
  first_name = excluded.first_name, last_name = excluded.last_name, name = excluded.name, email = excluded.email, phone = excluded.phone,
  customer_group = excluded.customer_group, currency = excluded.currency, blocked = excluded.blocked, distributed_run_id = excluded.distributed_run_id;";

        /// <summary>
        /// The databases job 1010's schedule sends to, of the given channels, with their watermarks: the channel databases of the
        /// schedule's database groups, and their offline databases unless the schedule or this run (<paramref name="excludeOffline"/>) excludes them.
        /// </summary>
        public List<DistributionTarget> Targets(string[]? channelIds, bool excludeOffline) => Targets(channelIds, excludeOffline, Rules.DistributionRules.Customers);

        /// <summary>
        /// Without a schedule (<paramref name="scheduleId"/> null): the databases of the given channels whatever the schedules say,
        /// as a customer created in real time reaches its own store's database.
        /// </summary>
        public List<DistributionTarget> Targets(string[]? channelIds, bool excludeOffline, string? scheduleId) => Targets(channelIds, excludeOffline, scheduleId, true);

        /// <summary>
        /// Every database of job 1010's groups, offline ones too whether or not the schedule excludes them: what a full data sync
        /// rewrites, and what a run reports as skipped when it leaves one out.
        /// </summary>
        public List<DistributionTarget> ScheduledDatabases(string[]? channelIds) => Targets(channelIds, false, Rules.DistributionRules.Customers, false);

        /// <summary>
        /// Empties one database's customer table and forgets its watermark, for a full data sync: the sends that follow give it
        /// every customer from HQ again (a database the schedule excludes stays empty). Call inside a write that holds its claim.
        /// </summary>
        public int Clear(DistributionTarget target)
        {
            var n = db.Execute("DELETE FROM channel_customer WHERE channel_id = $ch AND database = $db;", ("$ch", target.ChannelId), ("$db", (int)target.Database));
            db.Execute("DELETE FROM distribution_watermark WHERE channel_id = $ch AND database = $db;", ("$ch", target.ChannelId), ("$db", (int)target.Database));
            target.Watermark = 0;
            return n;
        }

        private List<DistributionTarget> Targets(string[]? channelIds, bool excludeOffline, string? scheduleId, bool scheduleExclusion)
        {
            var where = new SqlFilter().In(channelIds, "ch.channel_id", "$channels")
                .When(scheduleId != null, "ch.database_group IN (SELECT g.database_group FROM distribution_schedule_group g WHERE g.schedule_id = $schedule)", ("$schedule", scheduleId));
            var excl = scheduleExclusion && scheduleId != null && ScheduleExcludesOffline(scheduleId);
            return db.ReadAll(@"SELECT ch.channel_id, d.kind, ch.data_area_id, COALESCE(w.last_seq, 0)
FROM channel ch
JOIN (SELECT 0 AS kind UNION ALL SELECT 1) d ON d.kind = 0 OR (ch.offline_database = 1 AND $excl = 0)
LEFT JOIN distribution_watermark w ON w.channel_id = ch.channel_id AND w.database = d.kind
WHERE 1 = 1" + where.Sql + @"
ORDER BY ch.channel_id, d.kind;", r => new DistributionTarget
            {
                ChannelId = r.GetString(0), Database = (ChannelDatabaseKind)r.GetInt32(1), DataAreaId = r.GetString(2), Watermark = r.GetInt64(3),
            }, where.With(("$excl", Rules.DistributionRules.ExcludesOffline(excl, excludeOffline) ? 1 : 0)));
        }

        private bool ScheduleExcludesOffline(string scheduleId) =>
            db.Scalar<long>("SELECT COALESCE((SELECT exclude_offline FROM distribution_schedule WHERE schedule_id = $id), 0);", ("$id", scheduleId)) == 1;

        /// <summary>The distribution schedules with their database groups, by id.</summary>
        public List<DistributionSchedule> Schedules()
        {
            var groups = db.ReadAll("SELECT schedule_id, database_group FROM distribution_schedule_group ORDER BY schedule_id, database_group;", r => (Id: r.GetString(0), Group: r.GetString(1)))
                .ToLookup(g => g.Id, g => g.Group);
            return db.ReadAll("SELECT schedule_id, name, exclude_offline FROM distribution_schedule ORDER BY schedule_id;", r => new DistributionSchedule
            {
                ScheduleId = r.GetString(0), Name = r.GetString(1), ExcludeFromOfflineDatabases = r.Bool(2),
            }).Select(s => { s.DatabaseGroups = groups[s.ScheduleId!].ToArray(); return s; }).ToList();
        }

        /// <summary>Changes a schedule (null leaves a setting as it is); DistributionScheduleNotFound for an id it does not have.</summary>
        public DistributionSchedule UpdateSchedule(string scheduleId, string[]? databaseGroups, bool? excludeOffline)
        {
            var groups = databaseGroups == null ? null : Rules.DistributionRules.PrepareGroups(databaseGroups);
            using (var tx = db.BeginWrite())
            {
                var known = Schedules();
                var schedule = known.FirstOrDefault(s => string.Equals(s.ScheduleId, scheduleId?.Trim(), StringComparison.OrdinalIgnoreCase))
                    ?? throw Rules.DistributionRules.NotFound(scheduleId, known.Select(s => s.ScheduleId!).ToArray());
                if (excludeOffline.HasValue)
                {
                    db.Execute("UPDATE distribution_schedule SET exclude_offline = $x WHERE schedule_id = $id;", ("$x", excludeOffline.Value ? 1 : 0), ("$id", schedule.ScheduleId));
                }
                if (groups != null)
                {
                    db.Execute("DELETE FROM distribution_schedule_group WHERE schedule_id = $id;", ("$id", schedule.ScheduleId));
                    foreach (var g in groups)
                    {
                        db.Execute("INSERT INTO distribution_schedule_group(schedule_id, database_group) VALUES ($id, $g);", ("$id", schedule.ScheduleId), ("$g", g));
                    }
                }
                tx.Commit();
                return Schedules().First(s => s.ScheduleId == schedule.ScheduleId);
            }
        }

        public long Watermark(DistributionTarget target) =>
            db.Scalar<long>("SELECT COALESCE((SELECT last_seq FROM distribution_watermark WHERE channel_id = $ch AND database = $db), 0);",
                ("$ch", target.ChannelId), ("$db", (int)target.Database));

        public long LastChange() => changes.Last();

        /// <summary>The customers HQ has in a legal entity: what a full data sync sends each of its databases.</summary>
        public long CustomersOf(string dataAreaId) =>
            db.Scalar<long>("SELECT COUNT(*) FROM cust_table WHERE data_area_id = $a;", ("$a", dataAreaId));

        /// <summary>
        /// Reads the customers of one legal entity changed in (from, to], each once with its latest change, into the window that
        /// <see cref="SendWindow"/> sends. Call inside a write transaction.
        /// </summary>
        public void LoadWindow(string dataAreaId, long from, long to)
        {
            ClearWindow();
            db.Execute(@"INSERT INTO temp.dist_window
SELECT x.seq, " + WindowColumns + @"
FROM (" + ChangeLog.LatestInWindow + @") x
JOIN cust_table c ON c.data_area_id = x.data_area_id AND c.account_number = x.account_number" + WindowCustomers + @"
ORDER BY c.account_number;", ("$from", from), ("$to", to), ("$area", dataAreaId));
        }

        /// <summary>
        /// Reads these accounts of one legal entity into the window, for <see cref="SendAccounts"/>: record mode and a customer
        /// created in real time send what they name, whatever the databases' watermarks. Call inside a write transaction.
        /// </summary>
        public void LoadAccounts(string dataAreaId, IEnumerable<string> accountNumbers)
        {
            ClearWindow();
            db.Execute(@"INSERT INTO temp.dist_window
SELECT 0, " + WindowColumns + @"
FROM cust_table c" + WindowCustomers + @"
WHERE c.data_area_id = $area AND c.account_number IN (SELECT value FROM json_each($accounts))
ORDER BY c.account_number;", ("$area", dataAreaId), ("$accounts", SqlText.JsonArray(accountNumbers)));
        }

        private void ClearWindow()
        {
            if (!windowReady)
            {
                db.Execute(@"CREATE TEMP TABLE IF NOT EXISTS dist_window(
  seq INTEGER NOT NULL, data_area_id TEXT NOT NULL, account_number TEXT NOT NULL, async_customer_id TEXT,
  first_name TEXT, last_name TEXT, name TEXT, email TEXT, phone TEXT, customer_group TEXT, currency TEXT, blocked INTEGER);");
                windowReady = true;
            }
            db.Execute("DELETE FROM temp.dist_window;");
        }

        /// <summary>Upserts the loaded window into one database: the customers whose latest change it has not received.</summary>
        public int SendWindow(DistributionTarget target, long runId, DateTime now) => Send(target, runId, now, target.Watermark);

        /// <summary>Upserts every account <see cref="LoadAccounts"/> loaded into one database. Does not move the watermark.</summary>
        public int SendAccounts(DistributionTarget target, long runId, DateTime now) => Send(target, runId, now, -1);

        private int Send(DistributionTarget target, long runId, DateTime now, long after) =>
            db.Execute(@"INSERT INTO channel_customer(channel_id, database, data_area_id, account_number, async_customer_id, first_name, last_name, name, email, phone,
  customer_group, currency, blocked, distributed_run_id, distributed_at)
SELECT $ch, $db, data_area_id, account_number, async_customer_id, first_name, last_name, name, email, phone, customer_group, currency, blocked, $run, $now
FROM temp.dist_window WHERE seq > $wm ORDER BY account_number" + UpdateOnConflict,
                ("$ch", target.ChannelId), ("$db", (int)target.Database), ("$run", runId), ("$now", now.ToStoreText()), ("$wm", after));

        /// <summary>
        /// Counts the loaded window's customers sent to some database in this run: those above <paramref name="after"/>, the lowest
        /// watermark a send of this window started from (-1 for <see cref="LoadAccounts"/>). Returns how many the run had not counted yet.
        /// </summary>
        public int CountSent(long runId, long after) =>
            RunCustomers.Add(db, runId, RunCustomers.Keys("temp.dist_window") + " WHERE seq > $sentAfter", ("$sentAfter", after));

        /// <summary>
        /// After <see cref="SendAccounts"/>: moves the database's watermark over the changes that name only customers the window
        /// holds (each was just sent as it is now), up to the first change of a customer it does not hold, at most to
        /// <paramref name="last"/> (the last committed change). A record run that sent what changed then leaves nothing for the
        /// next bulk run to send again. Call inside the write transaction that sent.
        /// </summary>
        public void AdvanceOverWindow(IEnumerable<DistributionTarget> targets, long last)
        {
            // A legal entity's databases mostly stand at one watermark: one look per watermark, not per database.
            foreach (var same in targets.GroupBy(t => t.Watermark).ToList())
            {
                // The first change in seq order the window does not cover: read by seq (as ChangeLog.LatestInWindow is), the
                // scan stops there, so it costs about the window, not the legal entity's whole change history.
                var blocked = db.Scalar<long>(@"SELECT COALESCE((SELECT seq FROM hq_change " + PlannerHints.NotIndexed + @"
WHERE seq > $wm AND seq <= $last AND data_area_id = $area AND account_number NOT IN (SELECT account_number FROM temp.dist_window)
ORDER BY seq LIMIT 1), $last + 1);", ("$wm", same.Key), ("$last", last), ("$area", same.First().DataAreaId));
                if (blocked - 1 <= same.Key) continue;
                foreach (var t in same) SetWatermark(t, blocked - 1);
            }
        }

        public void SetWatermark(DistributionTarget target, long seq)
        {
            db.Execute(@"INSERT INTO distribution_watermark(channel_id, database, last_seq) VALUES ($ch, $db, $seq)
ON CONFLICT(channel_id, database) DO UPDATE SET last_seq = CASE WHEN excluded.last_seq > distribution_watermark.last_seq THEN excluded.last_seq ELSE distribution_watermark.last_seq END;",
                ("$ch", target.ChannelId), ("$db", (int)target.Database), ("$seq", seq));
            target.Watermark = Math.Max(target.Watermark, seq);
        }

        /// <summary>How many customer changes the target has not received yet (by seq range, as in <see cref="LoadWindow"/>).</summary>
        public long CountPending(DistributionTarget target) =>
            changes.CountChangedAfter(target.DataAreaId, target.Watermark);
    }
}
