using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;

namespace CommerceSync.Bench
{
    /// <summary>Starts one phase in its own process, watches its peak working set, enforces a time limit, reads its JSON result.</summary>
    public sealed class Runner
    {
        private readonly string work;
        private readonly string pwsh;
        private readonly string benchDir;
        private readonly string manifest;

        public Runner(string work, string pwsh, string benchDir, string manifest)
        {
            this.work = work;
            this.pwsh = pwsh;
            this.benchDir = benchDir;
            this.manifest = manifest;
        }

        public bool CanRunCmdlets => !string.IsNullOrEmpty(pwsh) && File.Exists(pwsh) && File.Exists(manifest);

        /// <summary>A harness command (gen, phase, ...) in a new process of this same program.</summary>
        public PhaseResult Bench(string label, double timeoutSeconds, params string[] args)
        {
            var host = Environment.ProcessPath;
            var list = new List<string>();
            var self = typeof(Runner).Assembly.Location;
            if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) list.Add(self);
            list.AddRange(args);
            return Start(label, host, list, timeoutSeconds);
        }

        /// <summary>A cmdlet phase in a fresh pwsh (bench/Invoke-CmdletPhase.ps1).</summary>
        public PhaseResult Cmdlets(string label, double timeoutSeconds, string mode, string store, string csv = null, double limitSeconds = 0)
        {
            var list = new List<string> { "-NoProfile", "-NonInteractive", "-File", Path.Combine(benchDir, "Invoke-CmdletPhase.ps1"), "-Manifest", manifest, "-Store", store, "-Mode", mode };
            if (csv != null) { list.Add("-Csv"); list.Add(csv); }
            if (limitSeconds > 0) { list.Add("-LimitSeconds"); list.Add(limitSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)); }
            return Start(label, pwsh, list, timeoutSeconds, resultSwitch: "-Result");
        }

        private PhaseResult Start(string label, string file, List<string> args, double timeoutSeconds, string resultSwitch = "--result")
        {
            var resultPath = Path.Combine(work, label + ".json");
            var logPath = Path.Combine(work, label + ".log");
            if (File.Exists(resultPath)) File.Delete(resultPath);
            args.Add(resultSwitch);
            args.Add(resultPath);
            var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) info.ArgumentList.Add(a);
            Log("  " + label + ": " + Path.GetFileName(file) + " " + string.Join(" ", args.Select(a => a.Contains(' ') ? "\"" + a + "\"" : a)));
            var wall = Stopwatch.StartNew();
            var busyBefore = BusySeconds();
            // The store the phase works on, to watch its write-ahead log grow (a reader that stays open keeps it from being reset).
            var storeArg = args.IndexOf("--store") >= 0 ? args[args.IndexOf("--store") + 1] : args.IndexOf("-Store") >= 0 ? args[args.IndexOf("-Store") + 1] : null;
            long wal = 0;
            var childCpu = TimeSpan.Zero;
            long peak = 0;
            bool timedOut = false;
            using (var log = new StreamWriter(logPath) { AutoFlush = true })
            using (var p = new Process { StartInfo = info })
            {
                var sync = new object();
                p.OutputDataReceived += (s, e) => { if (e.Data != null) lock (sync) log.WriteLine(e.Data); };
                p.ErrorDataReceived += (s, e) => { if (e.Data != null) lock (sync) log.WriteLine("ERR " + e.Data); };
                p.Start();
                p.BeginOutputReadLine();
                p.BeginErrorReadLine();
                var limit = TimeSpan.FromSeconds(timeoutSeconds);
                while (!p.WaitForExit(500))
                {
                    peak = Math.Max(peak, Peak(p));
                    childCpu = Cpu(p, childCpu);
                    if (storeArg != null) wal = Math.Max(wal, Size(storeArg + "-wal"));
                    if (wall.Elapsed > limit)
                    {
                        timedOut = true;
                        peak = Math.Max(peak, Peak(p));
                        Log("  " + label + ": time limit of " + timeoutSeconds + " s reached; stopping process " + p.Id + ".");
                        p.Kill(entireProcessTree: true);
                        p.WaitForExit();
                        break;
                    }
                }
                p.WaitForExit();
                wall.Stop();
                PhaseResult result;
                if (!timedOut && p.ExitCode == 0 && File.Exists(resultPath))
                {
                    result = Json.Read<PhaseResult>(resultPath);
                }
                else
                {
                    result = new PhaseResult
                    {
                        Phase = label,
                        Seconds = wall.Elapsed.TotalSeconds,
                        TimedOut = timedOut,
                        Error = timedOut ? "stopped at the time limit (" + timeoutSeconds + " s)" : "exit code " + p.ExitCode + "; see " + logPath + ": " + Tail(logPath),
                    };
                }
                result.PeakWorkingSet = Math.Max(result.PeakWorkingSet, peak);
                result.ProcessSeconds = wall.Elapsed.TotalSeconds;
                result.PeakWal = Math.Max(result.PeakWal, wal);
                // CPU the rest of the machine used meanwhile (all busy time less this phase's own): other work skews a timing.
                var busy = BusySeconds() - busyBefore;
                if (busy >= 0 && wall.Elapsed.TotalSeconds > 1)
                {
                    result.OtherCpu = Math.Max(0, (busy - childCpu.TotalSeconds) / wall.Elapsed.TotalSeconds);
                }
                Log("  " + label + ": " + (result.Error ?? (result.Seconds.ToString("0.0") + " s")) + ", peak " + (result.PeakWorkingSet >> 20) + " MB, process " + wall.Elapsed.TotalSeconds.ToString("0.0") + " s");
                return result;
            }
        }

        private static string Tail(string path)
        {
            try { return string.Join(" | ", File.ReadAllLines(path).Reverse().Take(6).Reverse()); }
            catch (IOException) { return ""; }
        }

        private static long Size(string path)
        {
            try { return File.Exists(path) ? new FileInfo(path).Length : 0; }
            catch (IOException) { return 0; }
        }

        private static TimeSpan Cpu(Process p, TimeSpan last)
        {
            try
            {
                p.Refresh();
                return p.HasExited ? last : p.TotalProcessorTime;
            }
            catch (InvalidOperationException) { return last; }
            catch (System.ComponentModel.Win32Exception) { return last; }
        }

        /// <summary>Busy CPU seconds of the whole machine since boot (/proc/stat; -1 where there is none).</summary>
        private static double BusySeconds()
        {
            try
            {
                var f = File.ReadLines("/proc/stat").First().Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
                // user nice system idle iowait irq softirq steal
                return (f[0] + f[1] + f[2] + f[5] + f[6] + (f.Length > 7 ? f[7] : 0)) / 100.0;
            }
            catch (Exception) { return -1; }
        }

        /// <summary>VmHWM of a running process (Process.PeakWorkingSet64 reads it on Linux).</summary>
        private static long Peak(Process p)
        {
            try
            {
                p.Refresh();
                return p.HasExited ? 0 : p.PeakWorkingSet64;
            }
            catch (InvalidOperationException) { return 0; }
            catch (System.ComponentModel.Win32Exception) { return 0; }
        }

        public static void Log(string text) => Console.WriteLine(DateTime.Now.ToString("HH:mm:ss") + " " + text);
    }
}
