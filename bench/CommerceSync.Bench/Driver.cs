using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;

namespace CommerceSync.Bench
{
    /// <summary>
    /// `run`: for each size, generate one seed store, then run the same conversion four ways on copies of it (reference SQL,
    /// the core, the cmdlets in bulk mode, the cmdlets in record mode), each in its own process; then the other paths
    /// (Import-Csv | New-AsyncCustomer, Sync-CommerceOrder, Invoke-StatementPosting), and the incremental 1010 case.
    /// Writes the report after every phase, so a run stopped half-way still leaves what it measured.
    ///
    /// Time limits: a mode is stopped as soon as it can no longer meet its target (the jobs' own cancellation, as Ctrl+C does):
    /// core and bulk at --limit-factor (1.5) times the reference, record at --record-factor (3) times bulk (bulk's own limit if bulk
    /// was stopped). A stopped mode reports a lower bound, how far it got, and a linear projection.
    /// --no-limit runs everything to the end.
    /// </summary>
    public static class Driver
    {
        public static readonly string[] ConversionModes = { "reference", "core", "bulk", "record" };
        private static readonly CultureInfo C = CultureInfo.InvariantCulture;

        public static int Run(Options o)
        {
            var sizes = o.Ints("sizes", "100000,1000000");
            var channels = o.Int("channels", 20);
            var work = Path.GetFullPath(o.Get("work", Path.Combine(Path.GetTempPath(), "commercesync-bench")));
            var output = Path.GetFullPath(o.Get("out", "results.md"));
            var manifest = o.Get("manifest", "");
            var benchDir = o.Get("bench-dir", manifest.Length > 0 ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(manifest)), "bench") : "");
            var noLimit = o.Bool("no-limit");
            var limitFactor = o.Double("limit-factor", 1.5);
            var recordFactor = o.Double("record-factor", 3.0);
            var limitFloor = o.Double("limit-floor", 60);
            var otherLimit = noLimit ? 0 : o.Double("other-limit", 900);
            var hardTimeout = o.Double("timeout", 4 * 3600);
            var importMax = o.Int("import-max", 1000000);
            var incremental = o.Int("incremental", 1000);
            var keep = o.Bool("keep");
            var only = o.Has("only") ? new HashSet<string>(o.Get("only").Split(','), StringComparer.OrdinalIgnoreCase) : null;
            Func<string, bool> want = name => only == null || only.Contains(name);
            Func<double, double> hard = limit => limit > 0 ? Math.Min(hardTimeout, limit * 1.5 + 600) : hardTimeout;
            var ch = channels.ToString(C);

            Directory.CreateDirectory(work);
            var runner = new Runner(work, o.Get("pwsh", ""), benchDir, manifest);
            var report = new Report(output, sizes, channels, o.Get("bottlenecks", Path.Combine(benchDir, "bottlenecks.md")), benchDir.Length > 0 ? Path.GetDirectoryName(Path.GetFullPath(benchDir)) : null)
            {
                Started = DateTime.Now,
                Limits = noLimit ? "none (--no-limit)" : "core and bulk stop at " + limitFactor.ToString(C) + "x the reference's time, record at " + recordFactor.ToString(C) +
                    "x bulk's (at least " + limitFloor.ToString(C) + " s); orders, statements and import at " + otherLimit.ToString(C) + " s",
            };
            report.NoteCode();
            var clock = Stopwatch.StartNew();
            Runner.Log("Benchmark: sizes " + string.Join(", ", sizes) + ", " + channels + " channels, work folder " + work + ", report " + output);
            if (!runner.CanRunCmdlets) Runner.Log("No pwsh or module manifest given: cmdlet modes are skipped.");

            if (want("incremental"))
            {
                // The baseline of the incremental case: 1,000 new customers into an empty store.
                var empty = Path.Combine(work, "empty.db");
                runner.Bench("empty-gen", hardTimeout, "gen", "--store", empty, "--customers", "0", "--channels", ch);
                report.Incremental[0] = runner.Bench("incremental-empty", hardTimeout, "incremental", "--store", empty, "--customers", incremental.ToString(C), "--channels", ch);
                Delete(empty, keep);
                report.Write(clock.Elapsed);
            }

            foreach (var size in sizes)
            {
                var n = size.ToString(C);
                var dir = Path.Combine(work, n);
                Directory.CreateDirectory(dir);
                var seed = Path.Combine(dir, "seed.db");
                Runner.Log("Size " + size + ": generating the seed store");
                report.Generate[size] = runner.Bench("gen-" + n, hardTimeout, "gen", "--store", seed, "--customers", n, "--channels", ch);
                report.Write(clock.Elapsed);
                if (report.Generate[size].Error != null) continue;

                // The limits of this size come from the reference, then from bulk.
                Func<string, double> limitFor = mode =>
                {
                    if (noLimit || mode == "reference") return 0;
                    PhaseResult basis;
                    if (mode == "record" && report.Conversion.TryGetValue((size, "bulk"), out basis) && basis.Error == null) return Math.Max(limitFloor, recordFactor * basis.Seconds);
                    // Record with bulk stopped: record against bulk cannot be decided, so record gets bulk's limit.
                    if (report.Conversion.TryGetValue((size, "reference"), out basis) && basis.Error == null) return Math.Max(limitFloor, limitFactor * basis.Seconds);
                    return 0;
                };
                string converted = null, converter = null;
                foreach (var mode in ConversionModes)
                {
                    if (!want(mode)) continue;
                    if ((mode == "bulk" || mode == "record") && !runner.CanRunCmdlets) continue;
                    var copy = Path.Combine(dir, mode + ".db");
                    CopyStore(seed, copy);
                    var limit = limitFor(mode);
                    Runner.Log("Size " + size + ": " + mode + (limit > 0 ? " (limit " + limit.ToString("0", C) + " s)" : ""));
                    PhaseResult r;
                    switch (mode)
                    {
                        case "reference":
                            r = runner.Bench("reference-" + n, hardTimeout, "phase", "--mode", "reference", "--store", copy);
                            break;
                        case "core":
                            r = runner.Bench("core-" + n, hard(limit), "phase", "--mode", "core", "--store", copy, "--profile", "--limit", limit.ToString("0", C));
                            break;
                        default:
                            r = runner.Cmdlets(mode + "-" + n, hard(limit), mode, copy, limitSeconds: limit);
                            break;
                    }
                    r.Counts = r.Counts ?? new Dictionary<string, long>();
                    if (r.TimedOut) Progress(copy, size, r);
                    foreach (var kv in CountTables(copy)) r.Counts["table:" + kv.Key] = kv.Value;
                    report.Conversion[(size, mode)] = r;
                    report.Write(clock.Elapsed);

                    // Keep a fully converted store (the core's, else the reference's) for the incremental case.
                    if ((mode == "reference" || mode == "core") && r.Error == null)
                    {
                        if (converted != null && converted != copy) Delete(converted, keep);
                        converted = copy;
                        converter = mode;
                        continue;
                    }
                    if (copy != converted) Delete(copy, keep);
                }
                if (converted != null)
                {
                    report.ConvertedBy[size] = converter;
                    if (want("incremental"))
                    {
                        report.Incremental[size] = runner.Bench("incremental-" + n, hardTimeout, "incremental", "--store", converted, "--customers", incremental.ToString(C), "--channels", ch);
                    }
                    report.Write(clock.Elapsed);
                    Delete(converted, keep);
                }

                if (want("orders") && runner.CanRunCmdlets)
                {
                    var copy = Path.Combine(dir, "orders.db");
                    CopyStore(seed, copy);
                    Runner.Log("Size " + size + ": orders and statements");
                    report.Other[(size, "prep")] = runner.Bench("prep-orders-" + n, hardTimeout, "prep-orders", "--store", copy);
                    report.Other[(size, "orders")] = runner.Cmdlets("orders-" + n, hard(otherLimit), "orders", copy, limitSeconds: otherLimit);
                    report.Other[(size, "validation")] = runner.Cmdlets("validation-" + n, hard(otherLimit), "validation", copy, limitSeconds: otherLimit);
                    report.Other[(size, "statements")] = runner.Cmdlets("statements-" + n, hard(otherLimit), "statements", copy, limitSeconds: otherLimit);
                    report.Write(clock.Elapsed);
                    Delete(copy, keep);
                }

                if (want("import") && runner.CanRunCmdlets)
                {
                    var rows = Math.Min(size, importMax).ToString(C);
                    var csv = Path.Combine(dir, "big.csv");
                    var store = Path.Combine(dir, "import.db");
                    Runner.Log("Size " + size + ": Import-Csv | New-AsyncCustomer, " + rows + " rows");
                    runner.Bench("csv-" + n, hardTimeout, "csv", "--path", csv, "--rows", rows, "--channels", ch);
                    runner.Bench("import-gen-" + n, hardTimeout, "gen", "--store", store, "--customers", "0", "--channels", ch);
                    var r = runner.Cmdlets("import-" + n, hard(otherLimit), "import", store, csv, otherLimit);
                    r.Rows = long.Parse(rows, C);
                    if (r.TimedOut)
                    {
                        using (var c = Generator.Open(store, readOnly: true))
                        {
                            var done = Reference.Scalar(c, null, "SELECT COUNT(*) FROM ch_async_customer;");
                            r.Notes.Add(new Note { Name = "progress", Value = done > 0 ? r.Seconds * r.Rows / done : 0, Text = done.ToString("N0", C) + " of " + r.Rows.ToString("N0", C) + " rows imported when stopped" });
                        }
                    }
                    report.Other[(size, "import")] = r;
                    report.Write(clock.Elapsed);
                    Delete(store, keep);
                    // The same file twice more, without attributes: the binder's pipeline against Import-AsyncCustomer.
                    foreach (var kind in new[] { "importplain", "importfast" })
                    {
                        runner.Bench(kind + "-gen-" + n, hardTimeout, "gen", "--store", store, "--customers", "0", "--channels", ch);
                        var k = runner.Cmdlets(kind + "-" + n, hard(otherLimit), kind, store, csv, otherLimit);
                        k.Rows = long.Parse(rows, C);
                        report.Other[(size, kind)] = k;
                        report.Write(clock.Elapsed);
                        Delete(store, keep);
                    }
                    if (!keep) File.Delete(csv);
                }
                Delete(seed, keep);
            }
            report.Write(clock.Elapsed, finished: true);
            Runner.Log("Done in " + clock.Elapsed.TotalMinutes.ToString("0.0", C) + " min. Report: " + output);
            return 0;
        }

        /// <summary>How far a stopped conversion got, from the store itself, and a linear projection of its full time (a lower bound).</summary>
        private static void Progress(string path, int size, PhaseResult r)
        {
            try
            {
                SqliteConnection.ClearAllPools();
                using (var c = Generator.Open(path, readOnly: true))
                {
                    var runs = Reference.Query(c, "SELECT job, status, started, finished, processed FROM job_run ORDER BY run_id;",
                        x => (Job: x.GetString(0), Status: x.GetInt64(1), Started: Time(x.GetString(2)), Finished: x.IsDBNull(3) ? (DateTime?)null : Time(x.GetString(3)), Processed: x.GetInt64(4)));
                    var targets = Reference.Scalar(c, null, "SELECT COUNT(*) + (SELECT COUNT(*) FROM channel WHERE offline_database = 1) FROM channel;");
                    var last = Reference.Scalar(c, null, "SELECT COALESCE(MAX(seq), 0) FROM hq_change;");
                    var marks = Reference.Scalar(c, null, "SELECT COALESCE(SUM(last_seq), 0) FROM distribution_watermark;");
                    var sent = Reference.Scalar(c, null, "SELECT COUNT(*) FROM channel_customer;");
                    var parts = runs.Select(x => x.Job + " " + (x.Status == 1 ? "done" : x.Status == 4 ? "stopped" : "status " + x.Status) +
                        (x.Finished.HasValue ? " in " + (x.Finished.Value - x.Started).TotalSeconds.ToString("0.0", C) + " s" : "") + " (" + x.Processed.ToString("N0", C) + " rows)").ToList();
                    double fraction;
                    string what;
                    if (r.Phase.StartsWith("record", StringComparison.Ordinal) || runs.Count(x => x.Job == "1010") == 0 && sent > 0)
                    {
                        fraction = targets * (double)size > 0 ? sent / (targets * (double)size) : 0;
                        what = (sent / (double)Math.Max(1, targets)).ToString("N0", C) + " of " + size.ToString("N0", C) + " customers through all three stages";
                    }
                    else if (runs.Any(x => x.Job == "1010"))
                    {
                        fraction = last > 0 ? marks / (double)(targets * last) : 0;
                        what = "1010 had sent " + (fraction * 100).ToString("0", C) + "% of its change rows to the " + targets + " channel databases";
                    }
                    else
                    {
                        fraction = 0;
                        what = "stopped before job 1010";
                    }
                    double projected = 0;
                    if (fraction > 0)
                    {
                        if (r.Phase.StartsWith("record", StringComparison.Ordinal)) projected = r.Seconds / fraction;
                        else
                        {
                            var before = runs.Where(x => x.Job != "1010" && x.Finished.HasValue).Sum(x => (x.Finished.Value - x.Started).TotalSeconds);
                            var in1010 = runs.Where(x => x.Job == "1010").Sum(x => ((x.Finished ?? DateTime.UtcNow) - x.Started).TotalSeconds);
                            projected = before + in1010 / fraction;
                        }
                    }
                    r.Notes.Add(new Note { Name = "progress", Value = projected, Unit = "s", Text = what + "; runs: " + string.Join(", ", parts) });
                }
            }
            catch (Exception ex)
            {
                r.Notes.Add(new Note { Name = "progress", Text = "unknown (" + ex.Message + ")" });
            }
        }

        private static DateTime Time(string s) => DateTime.ParseExact(s, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", C, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        private static void CopyStore(string from, string to)
        {
            Delete(to, false);
            File.Copy(from, to, true);
            foreach (var suffix in new[] { "-wal", "-shm" })
            {
                if (File.Exists(from + suffix)) File.Copy(from + suffix, to + suffix, true);
            }
        }

        private static void Delete(string path, bool keep)
        {
            if (keep || path == null) return;
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                if (File.Exists(path + suffix)) File.Delete(path + suffix);
            }
        }

        /// <summary>Row counts that the four modes must agree on.</summary>
        public static Dictionary<string, long> CountTables(string path)
        {
            var counts = new Dictionary<string, long>();
            SqliteConnection.ClearAllPools();
            using (var c = Generator.Open(path))
            {
                foreach (var (name, sql) in new[]
                {
                    ("uploaded customer rows", "SELECT COUNT(*) FROM hq_async_customer"),
                    ("uploaded address rows", "SELECT COUNT(*) FROM hq_async_address"),
                    ("uploaded attribute rows", "SELECT COUNT(*) FROM hq_async_attribute"),
                    ("uploaded transactions", "SELECT COUNT(*) FROM hq_transaction"),
                    ("rows not completed", "SELECT (SELECT COUNT(*) FROM hq_async_customer WHERE online_operation_completed = 0) + (SELECT COUNT(*) FROM hq_async_address WHERE online_operation_completed = 0) + (SELECT COUNT(*) FROM hq_async_attribute WHERE online_operation_completed = 0)"),
                    ("customers (cust_table)", "SELECT COUNT(*) FROM cust_table"),
                    ("async links", "SELECT COUNT(*) FROM retail_cust_table WHERE cust_account_async IS NOT NULL"),
                    ("HQ addresses", "SELECT COUNT(*) FROM hq_address"),
                    ("HQ attributes", "SELECT COUNT(*) FROM hq_customer_attribute"),
                    ("channel customer rows", "SELECT COUNT(*) FROM channel_customer"),
                    ("channel rows with async link", "SELECT COUNT(*) FROM channel_customer WHERE async_customer_id IS NOT NULL"),
                    ("change rows (hq_change)", "SELECT COUNT(*) FROM hq_change"),
                })
                {
                    counts[name] = Reference.Scalar(c, null, sql + ";");
                }
            }
            return counts;
        }
    }
}
