using System;
using System.Diagnostics;
using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Five progress records a second at most: what a console redraws without slowing the job down.</summary>
    public sealed class ProgressThrottle
    {
        internal const int IntervalMs = 200;
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private long last = -1000;

        public bool Due()
        {
            var now = clock.ElapsedMilliseconds;
            if (now - last < IntervalMs) return false;
            last = now;
            return true;
        }

        /// <summary>Percent of <paramref name="total"/> done (0-100), and seconds left at the rate so far once anything is done.</summary>
        internal static void Estimate(ProgressRecord record, long done, long total, TimeSpan elapsed)
        {
            if (total <= 0) return;
            var d = Math.Min(done, total);
            record.PercentComplete = (int)(d * 100 / total);
            if (d > 0) record.SecondsRemaining = (int)Math.Ceiling(elapsed.TotalSeconds * (total - d) / d);
        }
    }
}
