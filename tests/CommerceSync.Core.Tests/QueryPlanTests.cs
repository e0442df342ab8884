using System;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Jobs;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>
    /// The jobs must cost what changed, not what the store holds. Timing that needs a big store, so these tests check the
    /// cause instead: every statement a job runs is explained, and none may walk a growing table beyond what is due.
    /// </summary>
    public class QueryPlanTests
    {
        // Tables that grow with every customer ever converted. Reading one through an index by legal entity alone
        // ("data_area_id=?") or scanning it whole makes a job cost what exists.
        private static readonly string[] Growing = { "hq_change", "cust_table", "retail_cust_table", "channel_customer", "hq_async_customer", "hq_async_address", "hq_async_attribute" };

        [Fact]
        public void Job1010ReadsChangesByTheirSeqRange()
        {
            var plans = PlansOf(s => { s.PJob(); s.Sync(); s.Job1010(); });
            var reads = plans.Where(p => p.Sql.Contains("FROM hq_change") && p.Sql.Contains("seq > $")).ToList();
            Assert.NotEmpty(reads);
            foreach (var p in reads)
                Assert.True(p.Lines.Any(l => l.Contains("SEARCH hq_change USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)")), Describe(p));
        }

        [Theory]
        [InlineData("P-job")]
        [InlineData("Sync")]
        [InlineData("1010")]
        public void NoJobScansAGrowingTable(string job)
        {
            var plans = PlansOf(s =>
            {
                if (job != "P-job") s.PJob();
                if (job == "1010") s.Sync();
                if (job == "P-job") s.PJob(); else if (job == "Sync") s.Sync(); else s.Job1010();
            });
            // Only tables the statement names: a plan also lists the foreign key checks of an INSERT ... SELECT into a parent
            // table, which SQLite skips at run time while no constraint is violated.
            var bad = plans.Where(p => p.Lines.Any(l => Growing.Any(t => Names(p.Sql, t) &&
                (l.Contains("SCAN " + t) || (l.Contains("SEARCH " + t + " ") && l.EndsWith("(data_area_id=?)", StringComparison.Ordinal)))))).ToList();
            Assert.True(bad.Count == 0, string.Join("\n\n", bad.Select(Describe)));
        }

        private static bool Names(string sql, string table) => System.Text.RegularExpressions.Regex.IsMatch(sql, @"\b" + table + @"\b");

        private static string Describe((string Sql, List<string> Lines) p) => p.Sql + "\n  " + string.Join("\n  ", p.Lines);

        /// <summary>
        /// Fills a store, then records the text of every statement <paramref name="act"/> runs (sqlite3_profile) and explains
        /// each. Only the last action is recorded, so setup steps passed in before it are left out.
        /// </summary>
        private static List<(string Sql, List<string> Lines)> PlansOf(Action<RecordingStore> act)
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Channel("S2", offline: true);
                for (var i = 0; i < 20; i++) s.Customer(i % 2 == 0 ? "S1" : "S2", "Ann" + i, address: true, attributes: new (string, object)[] { ("Tier", i) });
                var texts = new HashSet<string>(StringComparer.Ordinal);
                var recorder = new RecordingStore(s, texts);
                act(recorder);
                return texts.Where(t => !t.StartsWith("BEGIN", StringComparison.Ordinal) && !t.StartsWith("COMMIT", StringComparison.Ordinal)
                        && !t.StartsWith("ROLLBACK", StringComparison.Ordinal) && !t.StartsWith("PRAGMA", StringComparison.Ordinal)
                        && !t.StartsWith("CREATE", StringComparison.Ordinal) && !t.StartsWith("SAVEPOINT", StringComparison.Ordinal)
                        && !t.StartsWith("RELEASE", StringComparison.Ordinal))
                    .Select(t => (t, Explain(s, t))).ToList();
            }
        }

        private static List<string> Explain(TestStore s, string sql)
        {
            using (var cmd = s.Db.Connection.CreateCommand())
            {
                cmd.CommandText = "EXPLAIN QUERY PLAN " + sql;
                // Every parameter unbound is NULL; the plan does not depend on the values.
                var lines = new List<string>();
                using (var r = cmd.ExecuteReader())
                    while (r.Read()) lines.Add(r.GetString(3));
                return lines;
            }
        }

        /// <summary>The TestStore's jobs, with every statement of the step run through it recorded.</summary>
        public sealed class RecordingStore
        {
            private readonly TestStore store;
            private readonly HashSet<string> texts;
            private strdelegate_profile callback;

            public RecordingStore(TestStore store, HashSet<string> texts)
            {
                this.store = store;
                this.texts = texts;
            }

            public JobRun PJob() => Step(() => store.PJob());
            public JobRun Sync() => Step(() => store.Sync());
            public JobRun Job1010() => Step(() => store.Job1010());

            // Each step replaces what the previous recorded: only the last step's statements are explained.
            private JobRun Step(Func<JobRun> run)
            {
                texts.Clear();
                callback = (_, sql, __) => texts.Add(sql);
                raw.sqlite3_profile(store.Db.Connection.Handle, callback, null);
                try { return run(); }
                finally { raw.sqlite3_profile(store.Db.Connection.Handle, (strdelegate_profile)null, null); }
            }
        }
    }
}
