using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using CommerceSync.Jobs;
using CommerceSync.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>
    /// The jobs must cost what changed, not what the store holds. Timing that needs a big store, so these tests check the
    /// cause instead: every statement a job runs is explained, and none may walk a growing table beyond what is due.
    /// </summary>
    // A SQLite file itself (its header, modes, pragmas, query plans): not run when the suite runs on PostgreSQL.
    [Trait("Backend", "SQLite")]
    public class QueryPlanTests
    {
        // Tables that grow with every customer ever created or converted. Reading one through an index by legal entity alone
        // ("data_area_id=?") or scanning it whole makes a job cost what exists.
        private static readonly string[] Growing =
        {
            "hq_change", "party", "cust_table", "retail_cust_table", "hq_address", "hq_customer_attribute", "hq_customer_contact", "hq_customer_affiliation",
            "channel_customer", "ch_async_customer", "ch_async_address", "ch_async_attribute", "hq_async_customer", "hq_async_address", "hq_async_attribute",
            "ch_transaction", "hq_transaction", "sales_order",
        };

        private static readonly HashSet<string> Keywords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "WHERE", "JOIN", "LEFT", "INNER", "CROSS", "ON", "USING", "INDEXED", "NOT", "SET", "GROUP", "ORDER", "LIMIT", "UNION", "VALUES", "SELECT", "DEFAULT", "AS",
        };

        [Fact]
        public void Job1010ReadsChangesByTheirSeqRange()
        {
            var plans = PlansOf(s => { s.PJob(); s.Sync(); s.Job1010(); });
            var reads = plans.Where(p => p.Sql.Contains("FROM hq_change") && p.Sql.Contains("seq > $")).ToList();
            Assert.NotEmpty(reads);
            foreach (var p in reads)
                Assert.True(p.Lines.Any(l => l.Contains("SEARCH hq_change USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)")), Describe(p));
        }

        [Fact]
        public void AFullReadOfAsyncCustomersStopsEachPageAtItsSize()
        {
            // Get-AsyncCustomer reads in pages, each after the last key. Sorting the union of the channel and offline rows at
            // the top would read every row after the key for each page: quadratic over a big store. Each branch must stop at
            // the page size by itself, so the top of the plan is a merge of the two, not a sort.
            List<string> roots = null;
            PlansOf(s => s.Run(db =>
            {
                new AsyncCustomerStore(db).Read(new AsyncCustomerFilter()).ToList();
            }), (store, texts) =>
            {
                var paged = texts.Single(t => t.Contains("$afterChannel"));
                roots = Explain(store, paged, rootsOnly: true);
            });
            Assert.NotNull(roots);
            Assert.DoesNotContain(roots, l => l.StartsWith("USE TEMP B-TREE", StringComparison.Ordinal));
            Assert.Contains(roots, l => l.StartsWith("MERGE", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("P-job")]
        [InlineData("Sync")]
        [InlineData("1010")]
        [InlineData("record")]
        [InlineData("orders")]
        [InlineData("statements")]
        public void NoJobScansAGrowingTable(string job)
        {
            var plans = PlansOf(s =>
            {
                if (job == "record") { s.Record(); return; }
                if (job == "orders") { s.PJob(); s.Orders(); return; }
                if (job == "statements") { s.PJob(); s.Statements(); return; }
                if (job != "P-job") s.PJob();
                if (job == "1010") s.Sync();
                if (job == "P-job") s.PJob(); else if (job == "Sync") s.Sync(); else s.Job1010();
            });
            // Only tables the statement names, by name or alias: a plan also lists the foreign key checks of an INSERT ... SELECT
            // into a parent table, which SQLite skips at run time while no constraint is violated. A scan of a partial index of
            // due rows (ix_..._due) reads only what is due.
            var bad = plans.Where(p => Names(p.Sql).Any(n => p.Lines.Any(l =>
                l.StartsWith("SCAN " + n, StringComparison.Ordinal) && (l.Length == 5 + n.Length || l[5 + n.Length] == ' ') && !l.Contains("_due") ||
                l.StartsWith("SEARCH " + n + " ", StringComparison.Ordinal) && l.EndsWith("(data_area_id=?)", StringComparison.Ordinal)))).ToList();
            Assert.True(bad.Count == 0, string.Join("\n\n", bad.Select(Describe)));
        }

        [Fact]
        public void LookupsByAccountNumberReadTheirRowsOnly()
        {
            // Get-CommerceSalesOrder and Get-CommerceLoyaltyCard by -AccountNumber, or with a customer piped in: the account
            // spans legal entities, so an index led by data_area_id cannot serve it, and each lookup would read every row.
            var plans = PlansOf(s => s.Run(db =>
            {
                new OrderStore(db).ReadSalesOrders(new SalesOrderFilter { AccountNumbers = new[] { "C000001" } }).ToList();
                new LoyaltyStore(db).Read(new LoyaltyCardFilter { AccountNumbers = new[] { "C000001" } });
            }));
            foreach (var table in new[] { "sales_order", "loyalty_card" })
            {
                var p = plans.Single(x => x.Sql.Contains("FROM " + table));
                Assert.True(p.Lines.Any(l => l.StartsWith("SEARCH " + table + " USING ", StringComparison.Ordinal) && l.Contains("(account_number=?)")), Describe(p));
            }
        }

        /// <summary>The growing tables a statement names, each with the aliases it gives them (the plan speaks of aliases).</summary>
        private static IEnumerable<string> Names(string sql)
        {
            foreach (var t in Growing)
            {
                foreach (Match m in Regex.Matches(sql, @"\b" + t + @"\b(?:\s+(?:AS\s+)?(\w+))?"))
                {
                    yield return t;
                    if (m.Groups[1].Success && !Keywords.Contains(m.Groups[1].Value)) yield return m.Groups[1].Value;
                }
            }
        }

        private static string Describe((string Sql, List<string> Lines) p) => p.Sql + "\n  " + string.Join("\n  ", p.Lines);

        /// <summary>
        /// Fills a store, then records the text of every statement <paramref name="act"/> runs (sqlite3_profile) and explains
        /// each. Only the last action is recorded, so setup steps passed in before it are left out.
        /// </summary>
        private static List<(string Sql, List<string> Lines)> PlansOf(Action<RecordingStore> act, Action<TestStore, HashSet<string>> inspect = null)
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Channel("S2", offline: true);
                var customers = Enumerable.Range(0, 20).Select(i => s.Customer(i % 2 == 0 ? "S1" : "S2", "Ann" + i, address: true, attributes: new (string, object)[] { ("Tier", i) })).ToList();
                // A customer order and a cash-and-carry sale for some of them, as the orders job and end of day find them.
                var transactions = new TransactionStore(s.Db);
                transactions.Append(customers.Take(6).Select((c, i) => transactions.Prepare(new Transaction
                {
                    ChannelId = c.ChannelId, AsyncCustomerId = c.AsyncCustomerId, Amount = 10 + i, BusinessDate = new DateTime(2026, 11, 2),
                    Type = i % 2 == 0 ? TransactionType.CustomerOrder : TransactionType.CashAndCarry,
                })).ToList());
                var texts = new HashSet<string>(StringComparer.Ordinal);
                var recorder = new RecordingStore(s, texts);
                act(recorder);
                inspect?.Invoke(s, texts);
                return texts.Where(t => !t.StartsWith("BEGIN", StringComparison.Ordinal) && !t.StartsWith("COMMIT", StringComparison.Ordinal)
                        && !t.StartsWith("ROLLBACK", StringComparison.Ordinal) && !t.StartsWith("PRAGMA", StringComparison.Ordinal)
                        && !t.StartsWith("CREATE", StringComparison.Ordinal) && !t.StartsWith("SAVEPOINT", StringComparison.Ordinal)
                        && !t.StartsWith("RELEASE", StringComparison.Ordinal))
                    .Select(t => (t, Explain(s, t))).ToList();
            }
        }

        private static List<string> Explain(TestStore s, string sql, bool rootsOnly = false)
        {
            using (var cmd = s.Db.Connection.CreateCommand())
            {
                cmd.CommandText = "EXPLAIN QUERY PLAN " + sql;
                // Every parameter unbound is NULL; the plan does not depend on the values.
                var lines = new List<string>();
                using (var r = cmd.ExecuteReader())
                    while (r.Read())
                        if (!rootsOnly || r.GetInt32(1) == 0) lines.Add(r.GetString(3));
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
            public JobRun Run(Action<StoreDatabase> read) => Step(() => { read(store.Db); return null; });
            public JobRun Orders() => Step(() => new OrderSync(store.Db).Run(new JobOptions { ChunkSize = 7 }));

            public JobRun Statements() => Step(() =>
            {
                JobRun run;
                new StatementPosting(store.Db).Run(new JobOptions(), null, out run);
                return run;
            });

            /// <summary>Record mode as the cmdlets run it: upload, sync and distribute these customers, reading each stage's output back.</summary>
            public JobRun Record() => Step(() =>
            {
                var db = store.Db;
                var records = new AsyncCustomerStore(db).Read(new AsyncCustomerFilter()).ToList();
                var uploaded = new PJob(db).UploadRecords(new RecordRun(db, JobNames.PJob), records);
                var synced = new AsyncCustomerSync(db).SyncRecords(new RecordRun(db, JobNames.SynchronizeCustomers), uploaded.Select(c => c.AsyncCustomerId).ToList());
                var customers = new CustomerStore(db).ReadHeadquarters(new CustomerFilter { AsyncCustomerIds = synced.Select(c => c.AsyncCustomerId).ToArray() }).ToList();
                Assert.Equal(records.Count, customers.Count);
                var distribute = new RecordRun(db, JobNames.Job1010);
                new Job1010(db).DistributeRecords(distribute, customers, false);
                new CustomerStore(db).ReadHeadquarters(new CustomerFilter { AccountNumbers = customers.Select(c => c.AccountNumber).ToArray() }).ToList();
                return distribute.Run;
            });

            // Each step replaces what the previous recorded: only the last step's statements are explained.
            private JobRun Step(Func<JobRun> run)
            {
                texts.Clear();
                callback = (_, sql, __) => texts.Add(sql);
                raw.sqlite3_profile(((Microsoft.Data.Sqlite.SqliteConnection)store.Db.Connection).Handle, callback, null);
                try { return run(); }
                finally { raw.sqlite3_profile(((Microsoft.Data.Sqlite.SqliteConnection)store.Db.Connection).Handle, (strdelegate_profile)null, null); }
            }
        }
    }
}
