using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CommerceSync.Services;

namespace CommerceSync
{
    /// <summary>The health checks of the conversion and their thresholds, shared by Test-CommerceSync and Assert-CommerceSync.</summary>
    public abstract class SyncHealthCmdlet : ChannelScopedCmdlet
    {
        /// <summary>The longest an async customer may wait on its way to its store, in hours. Default 24.</summary>
        [Parameter]
        [ValidateRange(0, 100000)]
        public double MaxAgeHours { get; set; } = 24;

        /// <summary>How many failed async customers are tolerated. Default 0.</summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long MaxFailed { get; set; }

        /// <summary>How many other refused operations (customer edits and deactivations, addresses, attributes, contacts, affiliations) are tolerated. Default 0.</summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long MaxFailedOperations { get; set; }

        /// <summary>How many cash-and-carry sales may be blocked from posting. Default 0.</summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long MaxBlockedTransactions { get; set; }

        /// <summary>How many customer orders may have failed for their customer. Default 0.</summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long MaxFailedOrders { get; set; }

        /// <summary>How many cash-and-carry sales validation may hold back (ValidationStatus Error, not posted). Default 0.</summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long MaxHeldTransactions { get; set; }

        /// <summary>Every check, passed or not (the failed ones also on the verbose stream); null when no channel named exists.</summary>
        protected IReadOnlyList<SyncCheck> Evaluate()
        {
            if (!TryResolveChannels(Channel, out var channels)) return null; // every channel named is unknown: ChannelNotFound said so
            var checks = new SyncHealth(Session.Database).Evaluate(channels, new SyncThresholds
            {
                MaxAge = TimeSpan.FromHours(MaxAgeHours), MaxFailed = MaxFailed, MaxFailedOperations = MaxFailedOperations, MaxBlockedTransactions = MaxBlockedTransactions, MaxFailedOrders = MaxFailedOrders,
                MaxHeldTransactions = MaxHeldTransactions,
            }).ToList();
            foreach (var c in checks.Where(c => !c.Passed)) WriteVerbose("Failed: " + c.Check + " = " + c.Value + " (threshold " + c.Threshold + "). " + c.Detail);
            return checks;
        }
    }
}
