using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CommerceSync.Bench
{
    /// <summary>
    /// Entry point. `run` is the driver (what `build.ps1 Bench` starts); every other command is one measured phase that the
    /// driver starts as its own process, so each phase's peak working set is its own.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length == 0)
            {
                Console.Error.WriteLine("usage: CommerceSync.Bench run|gen|phase|incremental|prep-orders|csv|postgres [--option value ...]");
                return 2;
            }
            var o = new Options(args.Skip(1));
            try
            {
                switch (args[0])
                {
                    case "run": return Driver.Run(o);
                    case "gen": return Child.Report(o, () => Generator.Generate(o.Get("store"), o.Int("customers"), o.Int("channels", 20), o.Int("transactions-per-100", 1)));
                    case "csv": return Child.Report(o, () => Generator.WriteCsv(o.Get("path"), o.Int("rows"), o.Int("channels", 20)));
                    case "phase": return Child.Report(o, () => o.Get("mode") == "reference" ? Reference.Run(o.Get("store"))
                        : CorePhase.Run(o.Get("store"), o.Bool("profile"), o.Double("limit", 0)));
                    case "incremental": return Child.Report(o, () => CorePhase.Incremental(o.Get("store"), o.Int("customers", 1000), o.Int("channels", 20)));
                    case "prep-orders": return Child.Report(o, () => CorePhase.PrepareOrders(o.Get("store")));
                    case "postgres": return PostgresPhase.Run(o);
                    default:
                        Console.Error.WriteLine("unknown command " + args[0]);
                        return 2;
                }
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine(ex);
                return 1;
            }
        }
    }

    /// <summary>--name value pairs; a bare --flag is "true".</summary>
    public sealed class Options
    {
        private readonly Dictionary<string, string> values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public Options(IEnumerable<string> args)
        {
            string key = null;
            foreach (var a in args)
            {
                if (a.StartsWith("--", StringComparison.Ordinal))
                {
                    if (key != null) values[key] = "true";
                    key = a.Substring(2);
                }
                else if (key != null)
                {
                    values[key] = a;
                    key = null;
                }
                else throw new ArgumentException("Unexpected argument '" + a + "'.");
            }
            if (key != null) values[key] = "true";
        }

        public string Get(string name, string fallback = null)
        {
            string v;
            if (values.TryGetValue(name, out v)) return v;
            if (fallback != null) return fallback;
            throw new ArgumentException("--" + name + " is required.");
        }

        public bool Has(string name) => values.ContainsKey(name);
        public int Int(string name, int? fallback = null) => int.Parse(Get(name, fallback?.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        public double Double(string name, double fallback) => values.ContainsKey(name) ? double.Parse(values[name], CultureInfo.InvariantCulture) : fallback;
        public bool Bool(string name) => values.ContainsKey(name) && values[name] != "false";

        public int[] Ints(string name, string fallback) =>
            Get(name, fallback).Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
    }
}
