using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommerceSync.Bench
{
    /// <summary>What one measured phase reports back to the driver (as JSON in the file named by --result).</summary>
    public sealed class PhaseResult
    {
        public string Phase { get; set; }
        /// <summary>Seconds of the measured work only (no process start, no module import).</summary>
        public double Seconds { get; set; }
        /// <summary>Seconds per step (job), where the phase has steps.</summary>
        public Dictionary<string, double> Steps { get; set; } = new Dictionary<string, double>();
        /// <summary>Peak working set of the process that did the work (VmHWM on Linux).</summary>
        public long PeakWorkingSet { get; set; }
        /// <summary>Rows the phase processed (its own definition; see the report).</summary>
        public long Rows { get; set; }
        public Dictionary<string, long> Counts { get; set; } = new Dictionary<string, long>();
        /// <summary>Per SQL statement timings (sqlite3_profile), per step, when profiled.</summary>
        public Dictionary<string, List<StatementStat>> Statements { get; set; } = new Dictionary<string, List<StatementStat>>();
        public List<Note> Notes { get; set; } = new List<Note>();
        public bool TimedOut { get; set; }
        public string Error { get; set; }
        /// <summary>Wall seconds of the child process, start to exit (includes runtime/pwsh start and module import).</summary>
        public double ProcessSeconds { get; set; }
        /// <summary>Cores' worth of CPU that other processes used during the phase (machine busy time less the phase's own).</summary>
        public double OtherCpu { get; set; }
        /// <summary>Largest size the store's -wal file reached during the phase (sampled twice a second).</summary>
        public long PeakWal { get; set; }
    }

    public sealed class StatementStat
    {
        public string Sql { get; set; }
        public long Calls { get; set; }
        public double Seconds { get; set; }
    }

    /// <summary>A named measurement (fix verification, incremental timings, ...).</summary>
    public sealed class Note
    {
        public string Name { get; set; }
        public double Value { get; set; }
        public string Unit { get; set; }
        public string Text { get; set; }
    }

    public static class Json
    {
        public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };

        public static void Write(string path, object value) => File.WriteAllText(path, JsonSerializer.Serialize(value, Options));
        public static T Read<T>(string path) => JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options);
    }

    /// <summary>How a child command reports: runs the phase, stamps its own peak working set, writes JSON to --result.</summary>
    public static class Child
    {
        public static int Report(Options o, Func<PhaseResult> phase)
        {
            var result = phase();
            result.PeakWorkingSet = Math.Max(result.PeakWorkingSet, PeakWorkingSet());
            var path = o.Get("result", "");
            if (path.Length > 0) Json.Write(path, result);
            else Console.WriteLine(JsonSerializer.Serialize(result, Json.Options));
            return 0;
        }

        public static long PeakWorkingSet()
        {
            using (var me = Process.GetCurrentProcess())
            {
                me.Refresh();
                return me.PeakWorkingSet64;
            }
        }
    }
}
