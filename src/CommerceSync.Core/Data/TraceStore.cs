using System;
using System.Collections.Generic;
using System.Linq;

namespace CommerceSync.Data
{
    /// <summary>What the store holds of one customer at each step of the conversion and distribution: the trace's facts, no judgement.</summary>
    public sealed class TraceStore
    {
        public sealed class CreatedFact { public string ChannelId = ""; public DateTime At; public bool Offline; }
        public sealed class UploadFact { public string ChannelId = ""; public long RunId; public DateTime At; public int SyncStatus; public string? Error; public long Counter; }
        public sealed class DatabaseFact { public string ChannelId = ""; public ChannelDatabaseKind Kind; public string Group = ""; public bool Scheduled; public bool Excluded; public long Watermark; public long? RunId; public DateTime? At; }

        private readonly StoreDatabase db;

        public TraceStore(StoreDatabase db) { this.db = db; }

        /// <summary>The async customer's create at its store: the channel database's, or the offline database's while it is there.</summary>
        public CreatedFact? CreatedAt(string asyncCustomerId) =>
            db.ReadAll(@"SELECT channel_id, created_at, 0 FROM ch_async_customer WHERE async_customer_id = $id AND operation = 1
UNION ALL SELECT channel_id, created_at, 1 FROM off_async_customer WHERE async_customer_id = $id;",
                r => new CreatedFact { ChannelId = r.GetString(0), At = r.Time(1), Offline = r.GetInt32(2) == 1 }, ("$id", asyncCustomerId)).FirstOrDefault();

        public UploadFact? UploadOf(string asyncCustomerId) =>
            // When: the start of the P-job run that uploaded it (the row keeps the time the store created it).
            db.ReadAll(@"SELECT h.channel_id, h.upload_run_id, COALESCE(j.started, h.created_at), h.sync_status, h.last_error, h.counter FROM hq_async_customer h
LEFT JOIN job_run j ON j.run_id = h.upload_run_id
WHERE h.async_customer_id = $id AND h.operation = 1 ORDER BY h.counter LIMIT 1;",
                r => new UploadFact { ChannelId = r.GetString(0), RunId = r.GetInt64(1), At = r.Time(2), SyncStatus = r.GetInt32(3), Error = r.Str(4), Counter = r.GetInt64(5) },
                ("$id", asyncCustomerId)).FirstOrDefault();

        /// <summary>The HQ account of an async customer, or of an account number: (legal entity, account, async id, created at).</summary>
        public (string Area, string Account, string? AsyncId, DateTime At)? Account(string? asyncCustomerId, string? accountNumber) =>
            db.ReadAll(@"SELECT c.data_area_id, c.account_number, r.cust_account_async, c.created_at FROM cust_table c
LEFT JOIN retail_cust_table r ON r.data_area_id = c.data_area_id AND r.account_number = c.account_number
WHERE " + (asyncCustomerId != null ? "r.cust_account_async = $id" : "c.account_number = $acc") + " ORDER BY c.data_area_id LIMIT 1;",
                r => ((string, string, string?, DateTime)?)(r.GetString(0), r.GetString(1), r.Str(2), r.Time(3)), ("$id", asyncCustomerId), ("$acc", accountNumber)).FirstOrDefault();

        /// <summary>The customer's last change at HQ: what job 1010 must have sent a database for it to be current.</summary>
        public (long Seq, long? RunId)? LastChange(string area, string account) =>
            db.ReadAll("SELECT seq, run_id FROM hq_change WHERE data_area_id = $a AND account_number = $acc ORDER BY seq DESC LIMIT 1;",
                r => ((long, long?)?)(r.GetInt64(0), r.IsDBNull(1) ? (long?)null : r.GetInt64(1)), ("$a", area), ("$acc", account)).FirstOrDefault();

        /// <summary>Every database of the legal entity's channels: its group, whether 1010 sends to it, and what it holds of the customer.</summary>
        public IReadOnlyList<DatabaseFact> Databases(string area, string account) =>
            db.ReadAll(@"SELECT ch.channel_id, d.kind, ch.database_group,
  CASE WHEN EXISTS (SELECT 1 FROM distribution_schedule_group g WHERE g.schedule_id = $schedule AND g.database_group = ch.database_group) THEN 1 ELSE 0 END,
  CASE WHEN d.kind = 1 AND (SELECT exclude_offline FROM distribution_schedule WHERE schedule_id = $schedule) = 1 THEN 1 ELSE 0 END,
  COALESCE(w.last_seq, 0), cc.distributed_run_id, cc.distributed_at
FROM channel ch
JOIN (SELECT 0 AS kind UNION ALL SELECT 1) d ON d.kind = 0 OR ch.offline_database = 1
LEFT JOIN distribution_watermark w ON w.channel_id = ch.channel_id AND w.database = d.kind
LEFT JOIN channel_customer cc ON cc.channel_id = ch.channel_id AND cc.database = d.kind AND cc.data_area_id = ch.data_area_id AND cc.account_number = $acc
WHERE ch.data_area_id = $a
ORDER BY ch.channel_id, d.kind;", r => new DatabaseFact
            {
                ChannelId = r.GetString(0), Kind = (ChannelDatabaseKind)r.GetInt32(1), Group = r.GetString(2), Scheduled = r.GetInt32(3) == 1,
                Excluded = r.GetInt32(4) == 1, Watermark = r.GetInt64(5), RunId = r.IsDBNull(6) ? (long?)null : r.GetInt64(6), At = r.TimeOrNull(7),
            }, ("$a", area), ("$acc", account), ("$schedule", Rules.DistributionRules.Customers));

        /// <summary>The session of a run for one channel and database (downloads), or for one channel (uploads).</summary>
        public long? SessionOf(long runId, DataSessionType type, string channelId, ChannelDatabaseKind database) =>
            db.ReadAll("SELECT session_id FROM data_session WHERE run_id = $run AND type = $type AND channel_id = $ch AND database = $db;",
                r => (long?)r.GetInt64(0), ("$run", runId), ("$type", (int)type), ("$ch", channelId), ("$db", (int)database)).FirstOrDefault();

        /// <summary>Every customer: each async customer by its GUID (at its store, or offline), each customer created at HQ by its account.</summary>
        public IReadOnlyList<(string? AsyncId, string? Account)> AllCustomers() =>
            db.ReadAll(@"SELECT async_customer_id, NULL FROM ch_async_customer WHERE operation = 1
UNION ALL SELECT async_customer_id, NULL FROM off_async_customer
UNION ALL SELECT NULL, c.account_number FROM cust_table c
  WHERE NOT EXISTS (SELECT 1 FROM retail_cust_table r WHERE r.data_area_id = c.data_area_id AND r.account_number = c.account_number AND r.cust_account_async IS NOT NULL);",
                r => (r.Str(0), r.Str(1)));

        /// <summary>The database groups job 1010's schedule names.</summary>
        public IReadOnlyList<string> ScheduledGroups() =>
            db.ReadAll("SELECT database_group FROM distribution_schedule_group WHERE schedule_id = $schedule ORDER BY database_group;", r => r.GetString(0),
                ("$schedule", Rules.DistributionRules.Customers));
    }
}
