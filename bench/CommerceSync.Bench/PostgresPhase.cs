using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CommerceSync.Jobs;
using CommerceSync.Data;
using Npgsql;

namespace CommerceSync.Bench
{
    /// <summary>
    /// `postgres`: the conversion on a PostgreSQL store, by 1, 2 and 4 workers at once. One seed database is made through the
    /// core's own writer (the same data as the SQLite seed); each run gets a copy of it (CREATE DATABASE ... TEMPLATE). A worker
    /// is what one runbook host is: its own connection, running P-job, then the sync job, then job 1010, as the cmdlets' bulk
    /// mode does; workers share each job's chunks through the store's write lock. The report compares with the SQLite core
    /// mode of the same benchmark run.
    /// </summary>
    public static class PostgresPhase
    {
        private static readonly CultureInfo C = CultureInfo.InvariantCulture;

        public static int Run(Options o)
        {
            var server = o.Get("server");
            var customers = o.Int("customers", 1000000);
            var channels = o.Int("channels", 20);
            var workers = o.Ints("workers", "1,2,4");
            var output = Path.GetFullPath(o.Get("out"));
            var sqlite = o.Get("sqlite-result", "");
            var rows = new List<string>();
            var clock = Stopwatch.StartNew();

            Runner.Log("PostgreSQL: seeding " + customers.ToString("N0", C) + " customers into database cs_bench_seed");
            Admin(server, "DROP DATABASE IF EXISTS cs_bench_seed WITH (FORCE);", "CREATE DATABASE cs_bench_seed;");
            var seed = Stopwatch.StartNew();
            long seeded;
            using (var db = StoreDatabase.CreatePostgres(At(server, "cs_bench_seed"), Generator.AccountFormat))
            {
                var store = new ChannelStore(db);
                for (var i = 0; i < channels; i++)
                {
                    store.Add(new Channel { ChannelId = Generator.ChannelId(i), Name = "Store " + (i + 1), DataAreaId = Generator.DataArea, AsyncCustomerMode = true });
                }
                var ids = new List<string>(customers);
                seeded = Generator.AppendCustomers(db, 0, customers, channels, new Random(42), ids);
                seeded += Generator.AppendTransactions(db, customers, channels, 1, ids.ToArray());
            }
            Admin(At(server, "cs_bench_seed"), "ANALYZE;");
            seed.Stop();
            NpgsqlConnection.ClearAllPools();
            Runner.Log("PostgreSQL: seed " + seeded.ToString("N0", C) + " channel rows in " + seed.Elapsed.TotalSeconds.ToString("0.0", C) + " s");

            var results = new List<(int Workers, Dictionary<string, double> Steps, double Total, long Customers, long ChannelRows, string Error)>();
            foreach (var n in workers)
            {
                var name = "cs_bench_w" + n.ToString(C);
                Admin(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE);", "CREATE DATABASE " + name + " TEMPLATE cs_bench_seed;");
                var location = At(server, name);
                Runner.Log("PostgreSQL: " + n + " worker(s) on " + name);
                var stages = new[] { "P-job", "Sync", "1010" };
                var firstStart = stages.ToDictionary(s => s, s => double.MaxValue);
                var lastEnd = stages.ToDictionary(s => s, s => 0.0);
                var gate = new object();
                var wall = Stopwatch.StartNew();
                string error = null;
                var tasks = Enumerable.Range(0, n).Select(w => Task.Run(() =>
                {
                    using (var db = StoreDatabase.OpenAt(location))
                    {
                        var options = new JobOptions();
                        foreach (var stage in stages)
                        {
                            var start = wall.Elapsed.TotalSeconds;
                            if (stage == "P-job") new PJob(db).Run(options);
                            else if (stage == "Sync") new AsyncCustomerSync(db).Run(options);
                            else new Job1010(db).Run(options);
                            var end = wall.Elapsed.TotalSeconds;
                            lock (gate)
                            {
                                firstStart[stage] = Math.Min(firstStart[stage], start);
                                lastEnd[stage] = Math.Max(lastEnd[stage], end);
                            }
                        }
                    }
                })).ToArray();
                try { Task.WaitAll(tasks); }
                catch (AggregateException ex) { error = ex.InnerExceptions[0].Message; }
                var total = wall.Elapsed.TotalSeconds;
                long converted, channelRows;
                using (var db = StoreDatabase.OpenAt(location))
                {
                    converted = db.Count("cust_table");
                    channelRows = db.Count("channel_customer");
                }
                // Stage times: from the first worker starting it to the last one done with it (they overlap when workers differ in pace).
                var steps = stages.ToDictionary(s => s, s => lastEnd[s] - Math.Min(firstStart[s], lastEnd[s]));
                results.Add((n, steps, total, converted, channelRows, error));
                Runner.Log("PostgreSQL: " + n + " worker(s): " + total.ToString("0.0", C) + " s, " + converted.ToString("N0", C) + " customers, " + channelRows.ToString("N0", C) + " channel rows" + (error == null ? "" : ", error: " + error));
                NpgsqlConnection.ClearAllPools();
                Admin(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE);");
            }
            Admin(server, "DROP DATABASE IF EXISTS cs_bench_seed WITH (FORCE);");

            PhaseResult core = null;
            if (sqlite.Length > 0 && File.Exists(sqlite)) core = Json.Read<PhaseResult>(sqlite);
            var sqliteFrom = core == null ? null : "measured " + File.GetLastWriteTime(sqlite).ToString("yyyy-MM-dd HH:mm", C) + " on this machine";
            File.WriteAllText(output, Markdown(server, customers, channels, seeded, seed.Elapsed.TotalSeconds, results, core, sqliteFrom, clock.Elapsed));
            Runner.Log("PostgreSQL: report " + output);
            return results.Any(r => r.Error != null || r.Customers != customers) ? 1 : 0;
        }

        private static string At(string server, string database)
        {
            var b = new NpgsqlConnectionStringBuilder(server) { Database = database };
            return b.ConnectionString;
        }

        private static void Admin(string server, params string[] statements)
        {
            using (var c = new NpgsqlConnection(server))
            {
                c.Open();
                foreach (var sql in statements)
                {
                    using (var cmd = c.CreateCommand())
                    {
                        cmd.CommandText = sql;
                        cmd.CommandTimeout = 600;
                        cmd.ExecuteNonQuery();
                    }
                }
            }
        }

        private static string Markdown(string server, int customers, int channels, long seeded, double seedSeconds,
            List<(int Workers, Dictionary<string, double> Steps, double Total, long Customers, long ChannelRows, string Error)> results, PhaseResult core, string sqliteFrom, TimeSpan elapsed)
        {
            string version;
            using (var c = new NpgsqlConnection(server))
            {
                c.Open();
                using (var cmd = c.CreateCommand())
                {
                    cmd.CommandText = "SHOW server_version;";
                    version = Convert.ToString(cmd.ExecuteScalar(), C);
                }
            }
            var sb = new StringBuilder();
            sb.AppendLine("# Benchmarks: the conversion on a PostgreSQL store, by 1, 2 and 4 workers");
            sb.AppendLine();
            sb.AppendLine("Generated by `./build.ps1 Bench` (bench/CommerceSync.Bench, `postgres`); do not edit by hand.");
            sb.AppendLine();
            sb.AppendLine("- Run: " + DateTime.Now.ToString("yyyy-MM-dd HH:mm", C) + ", " + elapsed.TotalMinutes.ToString("0.0", C) + " min with seeding; same machine as [results.md](results.md).");
            sb.AppendLine("- Server: PostgreSQL " + version + " on 127.0.0.1, a throwaway cluster of the run (build/Postgres.ps1: fsync, synchronous_commit and full_page_writes off, as for a test server; the SQLite store runs with synchronous=NORMAL in WAL mode).");
            sb.AppendLine("- Data: " + customers.ToString("N0", C) + " async customers over " + channels + " channels, one address and two attributes each, and the sales of the SQLite runs: " + seeded.ToString("N0", C) +
                " channel rows, made through the core's own writer in " + seedSeconds.ToString("0", C) + " s (not measured below). Every run works on its own copy of that database.");
            sb.AppendLine("- A worker: its own connection, running `PJob`, `AsyncCustomerSync` and `Job1010` in turn (the cmdlets' bulk mode). Stage times run from the first worker starting the stage to the last one finishing it (a worker may start the next stage while another finishes this one).");
            sb.AppendLine();
            sb.AppendLine("| workers | P-job (s) | sync (s) | 1010 (s) | total (s) | customers/s | time vs 1 worker | time vs SQLite core | customers | channel rows |");
            sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            var one = results.FirstOrDefault(r => r.Workers == 1).Total;
            foreach (var r in results)
            {
                sb.Append("| ").Append(r.Workers).Append(" | ")
                  .Append(r.Steps["P-job"].ToString("0.0", C)).Append(" | ").Append(r.Steps["Sync"].ToString("0.0", C)).Append(" | ").Append(r.Steps["1010"].ToString("0.0", C)).Append(" | ")
                  .Append(r.Total.ToString("0.0", C)).Append(" | ").Append((customers / r.Total).ToString("N0", C)).Append(" | ")
                  .Append(one > 0 ? (r.Total / one).ToString("0.00", C) + "x" : "-").Append(" | ")
                  .Append(core != null && core.Seconds > 0 ? (r.Total / core.Seconds).ToString("0.00", C) + "x" : "-").Append(" | ")
                  .Append(r.Customers.ToString("N0", C)).Append(" | ").Append(r.ChannelRows.ToString("N0", C)).Append(" |");
                if (r.Error != null) sb.Append(" error: ").Append(r.Error.Replace("|", "/"));
                sb.AppendLine();
            }
            if (core != null)
            {
                sb.AppendLine();
                sb.AppendLine("SQLite core mode at the same size (" + sqliteFrom + "): P-job " + core.Steps.GetValueOrDefault("P-job").ToString("0.0", C) + " s, sync " + core.Steps.GetValueOrDefault("Sync").ToString("0.0", C) +
                    " s, 1010 " + core.Steps.GetValueOrDefault("1010").ToString("0.0", C) + " s, total " + core.Seconds.ToString("0.0", C) + " s.");
            }
            sb.AppendLine();
            sb.AppendLine("How workers share a store: each chunk of the P-job, the sync job and job 1010 claims its channel table, channel or");
            sb.AppendLine("channel database (a transaction-level advisory lock, taken with pg_try_advisory_xact_lock), and a worker takes the next one");
            sb.AppendLine("no other worker is on, so workers convert different channels at once and no chunk is done twice. What the sync job's");
            sb.AppendLine("chunks still share (the number sequence, from allocating a chunk's numbers to its commit, and the change log) is taken");
            sb.AppendLine("one worker at a time. Server and workers share the machine's " + Environment.ProcessorCount + " cores here.");
            return sb.ToString();
        }
    }
}
