using System;
using System.Collections.Generic;
using System.Linq;

namespace CommerceSync.Data
{
    public sealed class DataSessionFilter
    {
        public DataSessionType? Type { get; set; }
        public string[]? ChannelIds { get; set; }
        public DataSessionStatus[]? Statuses { get; set; }
        public long[]? RunIds { get; set; }
        public ChannelDatabaseKind? Database { get; set; }
        /// <summary>Only the newest this many (after the other filters).</summary>
        public int? Last { get; set; }
    }

    /// <summary>Commerce Data Exchange sessions: one row per run, direction, channel and database, written with the data it moved.</summary>
    public sealed class SessionStore
    {
        /// <summary>The P-job's schedule in D365: P-0001, Channel transactions.</summary>
        public const string PJobSchedule = "P-0001";

        private readonly StoreDatabase db;

        public SessionStore(StoreDatabase db) { this.db = db; }

        /// <summary>
        /// Adds rows to the run's session for this channel and database (creating it), inside the caller's write, so a session
        /// counts exactly what the committed chunks moved. A write outside any run (run 0, a customer created in real time) is no session.
        /// </summary>
        public void Add(long runId, DataSessionType type, string scheduleId, string channelId, ChannelDatabaseKind database, long rows,
            DataSessionStatus status = DataSessionStatus.Applied, string? error = null)
        {
            if (runId <= 0) return;
            var now = DateTime.UtcNow.ToStoreText();
            db.Execute(@"INSERT INTO data_session(run_id, type, schedule_id, channel_id, database, status, row_count, error, started_at, finished_at)
VALUES ($run, $type, $schedule, $ch, $db, $status, $rows, $error, $now, $now)
ON CONFLICT(run_id, type, channel_id, database) DO UPDATE SET row_count = data_session.row_count + excluded.row_count,
  status = excluded.status, error = excluded.error, finished_at = excluded.finished_at;",
                ("$run", runId), ("$type", (int)type), ("$schedule", scheduleId), ("$ch", channelId), ("$db", (int)database),
                ("$status", (int)status), ("$rows", rows), ("$error", error), ("$now", now));
        }

        public IReadOnlyList<DataSession> Read(DataSessionFilter? filter)
        {
            filter = filter ?? new DataSessionFilter();
            var where = new SqlFilter()
                .When(filter.Type.HasValue, "type = $type", ("$type", filter.Type.HasValue ? (object)(int)filter.Type.Value : null))
                .In(filter.ChannelIds, "channel_id", "$channels")
                .InIntegers(filter.Statuses?.Select(s => (int)s), "status", "$statuses")
                .InIntegers(filter.RunIds, "run_id", "$runs")
                .When(filter.Database.HasValue, "database = $db", ("$db", filter.Database.HasValue ? (object)(int)filter.Database.Value : null));
            var sql = "SELECT session_id, type, schedule_id, channel_id, database, status, row_count, error, run_id, started_at, finished_at FROM data_session WHERE 1 = 1" + where.Sql;
            var args = where.Args.ToList();
            if (filter.Last.HasValue)
            {
                sql = "SELECT * FROM (" + sql + " ORDER BY session_id DESC LIMIT $last) newest";
                args.Add(("$last", filter.Last.Value));
            }
            return db.ReadAll(sql + " ORDER BY session_id;", r => new DataSession
            {
                SessionId = r.GetInt64(0), Type = (DataSessionType)r.GetInt32(1), ScheduleId = r.GetString(2), ChannelId = r.GetString(3),
                Database = (ChannelDatabaseKind)r.GetInt32(4), Status = (DataSessionStatus)r.GetInt32(5), Rows = r.GetInt64(6), Error = r.Str(7),
                RunId = r.GetInt64(8), Started = r.Time(9), Finished = r.Time(10),
            }, args.ToArray());
        }
    }
}
