using System;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Data;

namespace CommerceSync.Services
{
    /// <summary>One health check of Test-CommerceSync.</summary>
    public sealed class SyncCheck : IStoreObject
    {
        /// <summary>The store this came from (path, or connection string without its password); binds to -Store by property name.</summary>
        public string? Store { get; set; }

        public string? Check { get; set; }
        public bool Passed { get; set; }
        public string? Value { get; set; }
        public string? Threshold { get; set; }
        public string? Detail { get; set; }

        public override string ToString() => Check + ": " + (Passed ? "passed" : "FAILED");
    }

    /// <summary>The thresholds a runbook holds the conversion to.</summary>
    public sealed class SyncThresholds
    {
        /// <summary>No async customer may wait longer than this on its way to its store.</summary>
        public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);
        public long MaxFailed { get; set; }
        public long MaxFailedOperations { get; set; }
        public long MaxBlockedTransactions { get; set; }
        public long MaxFailedOrders { get; set; }
        public long MaxHeldTransactions { get; set; }
    }

    /// <summary>Turns the report and the integrity checks into pass/fail checks for runbooks and Pester.</summary>
    public sealed class SyncHealth
    {
        private readonly StoreDatabase db;

        public SyncHealth(StoreDatabase db) { this.db = db; }

        public IReadOnlyList<SyncCheck> Evaluate(string[]? channelIds, SyncThresholds thresholds)
        {
            var total = new ReportStore(db).Report(channelIds, null).Single(r => r.ChannelId == SyncReport.Total);
            var checks = new List<SyncCheck>
            {
                new SyncCheck
                {
                    Check = "OldestWaiting", Threshold = thresholds.MaxAge.ToString(),
                    Value = total.OldestWaiting?.ToString() ?? "none waiting",
                    Passed = !total.OldestWaiting.HasValue || total.OldestWaiting.Value <= thresholds.MaxAge,
                    Detail = total.PendingUpload + " pending upload, " + total.UploadedNotConverted + " uploaded, " + total.ConvertedNotDistributed + " converted but not at their store",
                },
                new SyncCheck
                {
                    Check = "FailedCustomers", Threshold = thresholds.MaxFailed.ToString(), Value = total.Failed.ToString(),
                    Passed = total.Failed <= thresholds.MaxFailed,
                    Detail = string.Join("; ", total.FailuresByReason.Where(f => !f.IsOperation).Select(f => f.ToString())),
                },
                new SyncCheck
                {
                    Check = "FailedOperations", Threshold = thresholds.MaxFailedOperations.ToString(), Value = total.FailedOperations.ToString(),
                    Passed = total.FailedOperations <= thresholds.MaxFailedOperations,
                    Detail = string.Join("; ", total.FailuresByReason.Where(f => f.IsOperation).Select(f => f.ToString())),
                },
                new SyncCheck
                {
                    Check = "TransactionsBlockingPosting", Threshold = thresholds.MaxBlockedTransactions.ToString(), Value = total.TransactionsBlockingPosting.ToString(),
                    Passed = total.TransactionsBlockingPosting <= thresholds.MaxBlockedTransactions,
                    Detail = "cash-and-carry sales whose async customer cannot be synchronized",
                },
                new SyncCheck
                {
                    Check = "OrdersFailedForCustomer", Threshold = thresholds.MaxFailedOrders.ToString(), Value = total.OrdersFailedForCustomer.ToString(),
                    Passed = total.OrdersFailedForCustomer <= thresholds.MaxFailedOrders,
                    Detail = "customer orders that failed because their customer could not be synchronized",
                },
                new SyncCheck
                {
                    Check = "TransactionsHeldByValidation", Threshold = thresholds.MaxHeldTransactions.ToString(), Value = total.TransactionsHeldByValidation.ToString(),
                    Passed = total.TransactionsHeldByValidation <= thresholds.MaxHeldTransactions,
                    Detail = total.HeldByReason.Length == 0 ? "cash-and-carry sales trickle-feed posting leaves out until they validate"
                        : string.Join("; ", total.HeldByReason.Take(3).Select(f => f.ToString())),
                },
            };
            var broken = new IntegrityStore(db).Check().Where(c => c.Count > 0).ToList();
            checks.Add(new SyncCheck
            {
                Check = "StoreIntegrity", Threshold = "0", Value = broken.Sum(b => b.Count).ToString(), Passed = broken.Count == 0,
                Detail = string.Join("; ", broken.Select(b => b.ToString())),
            });
            return checks;
        }
    }
}
