using System;
using System.Globalization;

namespace CommerceSync.Data
{
    /// <summary>The store's settings, and how long a writer waits for another (the busy timeout).</summary>
    public sealed partial class StoreDatabase
    {
        /// <summary>Environment variable that overrides how long a writer waits for another (seconds), for one process.</summary>
        public const string BusyTimeoutVariable = "COMMERCESYNC_BUSY_TIMEOUT";
        public const string BusyTimeoutSetting = "BusyTimeoutSeconds";

        /// <summary>How long a writer waits for another writer before failing with StoreBusy, unless the store or the environment says otherwise.</summary>
        public static TimeSpan DefaultBusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>The wait in force for this connection: $env:COMMERCESYNC_BUSY_TIMEOUT, else the store's setting, else the default.</summary>
        public TimeSpan BusyTimeout { get; private set; } = DefaultBusyTimeout;

        public string? GetSetting(string key) =>
            Scalar<string>("SELECT value FROM store_setting WHERE key = $k;", ("$k", key));

        public void SetSetting(string key, string value) =>
            Execute("INSERT INTO store_setting(key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value;", ("$k", key), ("$v", value));

        public const string StatementPostingModeSetting = "StatementPostingMode";

        /// <summary>
        /// The store's statement posting mode. Every store has it from schema version 12 on (a migrated store keeps Legacy,
        /// a new one starts in TrickleFeed); a value the module does not know reads as Legacy, the posting that needs nothing more.
        /// </summary>
        public StatementPostingMode StatementPostingMode
        {
            get
            {
                StatementPostingMode mode;
                return Enum.TryParse(GetSetting(StatementPostingModeSetting), false, out mode) && Enum.IsDefined(typeof(StatementPostingMode), mode) ? mode : StatementPostingMode.Legacy;
            }
            set { SetSetting(StatementPostingModeSetting, value.ToString()); }
        }

        public const string FilterSharedCustomerDataSetting = "FilterSharedCustomerData";

        /// <summary>
        /// The channel schema's "Filter shared customer data tables" (async-customer-mode.md, implementation-considerations-cdx.md):
        /// registers cannot create customers offline. Every channel takes it; false unless set.
        /// </summary>
        public bool FilterSharedCustomerData
        {
            get { return string.Equals(GetSetting(FilterSharedCustomerDataSetting), "true", StringComparison.OrdinalIgnoreCase); }
            set { SetSetting(FilterSharedCustomerDataSetting, value ? "true" : "false"); }
        }

        public const string HeadquartersAvailableSetting = "HeadquartersAvailable";

        /// <summary>
        /// Whether the channels reach HQ in real time (Set-CommerceStore -HeadquartersAvailable). Without it sync-mode channels create
        /// customers asynchronously, and real-time customer orders are refused or take the asynchronous path. True unless set false.
        /// </summary>
        public bool HeadquartersAvailable
        {
            get { return !string.Equals(GetSetting(HeadquartersAvailableSetting), "false", StringComparison.OrdinalIgnoreCase); }
            set { SetSetting(HeadquartersAvailableSetting, value ? "true" : "false"); }
        }

        /// <summary>
        /// $env:COMMERCESYNC_BUSY_TIMEOUT: null when unset; seconds from 0 to 86,400 (as Set-CommerceStore -BusyTimeout takes).
        /// Anything else (text, negative, NaN, 1e30) is refused with InvalidValue rather than ignored: a runbook that set it means it.
        /// </summary>
        public static TimeSpan? EnvironmentBusyTimeout()
        {
            double seconds;
            var text = Environment.GetEnvironmentVariable(BusyTimeoutVariable);
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) || double.IsNaN(seconds) || seconds < 0 || seconds > 86400)
            {
                throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument,
                    "$env:" + BusyTimeoutVariable + " must be a number of seconds from 0 to 86400, not '" + text + "'. Correct or remove it.", BusyTimeoutVariable);
            }
            return TimeSpan.FromSeconds(seconds);
        }

        /// <summary>The wait for this connection; the engine applies it where it is set per connection (PostgreSQL sets it per writer).</summary>
        internal void SetBusyTimeout(TimeSpan timeout)
        {
            BusyTimeout = timeout;
            Engine.ApplyBusyTimeout(this, timeout);
        }

        /// <summary>After the schema is known: the store's own busy timeout applies unless the environment overrides it.</summary>
        private void ApplyStoreBusyTimeout()
        {
            double seconds;
            if (EnvironmentBusyTimeout() == null && double.TryParse(GetSetting(BusyTimeoutSetting), NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
            {
                SetBusyTimeout(TimeSpan.FromSeconds(seconds));
            }
        }

        /// <summary>Sets the store's busy timeout for every process that opens it.</summary>
        public void SetBusyTimeoutSetting(TimeSpan timeout)
        {
            SetSetting(BusyTimeoutSetting, timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture));
            ApplyStoreBusyTimeout();
        }
    }
}
