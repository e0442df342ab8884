using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CommerceSync.Application;
using CommerceSync.Rules;
using CommerceSync.Data;

namespace CommerceSync
{
    /// <summary>Completes values from the store the command would use. Never throws: a completer that fails just offers nothing.</summary>
    public abstract class StoreCompleter : IArgumentCompleter
    {
        private const int Max = 100;

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var explicitStore = fakeBoundParameters != null && fakeBoundParameters.Contains("Store") ? fakeBoundParameters["Store"] as string : null;
                var (location, _) = StoreResolution.Resolve(explicitStore == null ? null : new Store(StoreResolution.Parse(null, explicitStore)));
                if (location.FilePath != null && !System.IO.File.Exists(location.FilePath)) return Enumerable.Empty<CompletionResult>();
                var prefix = (wordToComplete ?? "").Trim('\'', '"');
                bound = fakeBoundParameters;
                using (var db = StoreDatabase.Open(location))
                {
                    return Values(new CommerceSession(db).Lookups, prefix + "*").Take(Max)
                        .Select(v => new CompletionResult(Quote(v.Value), v.Value, CompletionResultType.ParameterValue, v.Tooltip ?? v.Value)).ToList();
                }
            }
            catch (Exception)
            {
                return Enumerable.Empty<CompletionResult>();
            }
        }

        internal static string Quote(string v) => v.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ',', ';', '(', ')', '{', '}' }) >= 0 ? "'" + v.Replace("'", "''") + "'" : v;

        protected abstract IEnumerable<(string Value, string Tooltip)> Values(Lookups lookups, string wildcard);

        [ThreadStatic] private static IDictionary bound;

        /// <summary>A value given on the same line (first of a list), for completers scoped by another parameter.</summary>
        protected static string Bound(string name)
        {
            if (bound == null || !bound.Contains(name)) return null;
            var v = bound[name];
            if (v is IEnumerable e && !(v is string)) v = e.Cast<object>().FirstOrDefault();
            var s = (v is PSObject p ? p.BaseObject : v) as string;
            return string.IsNullOrEmpty(s) || System.Management.Automation.WildcardPattern.ContainsWildcardCharacters(s) ? null : s;
        }

        /// <summary>The channels -Channel names on the same line, null when none (or a wildcard).</summary>
        protected static string[] Channels => Bound("Channel") is string c ? new[] { c } : null;
    }

    public sealed class ChannelIdCompleter : StoreCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Values(Lookups lookups, string wildcard) =>
            lookups.ChannelIds(wildcard.TrimEnd('*'));
    }

    public sealed class AsyncCustomerIdCompleter : StoreCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Values(Lookups lookups, string wildcard) =>
            lookups.AsyncCustomerIds(wildcard.TrimEnd('*'), 100);
    }

    public sealed class AccountNumberCompleter : StoreCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Values(Lookups lookups, string wildcard) =>
            lookups.AccountNumbers(wildcard.TrimEnd('*'), 100);
    }

    /// <summary>Transaction ids the store's channels hold, newest first (scoped by -Channel on the same line).</summary>
    public sealed class TransactionIdCompleter : StoreCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Values(Lookups lookups, string wildcard) =>
            lookups.TransactionIds(wildcard.TrimEnd('*'), Channels, 100);
    }

    /// <summary>Statement ids, newest business day first (scoped by -Channel on the same line).</summary>
    public sealed class StatementIdCompleter : StoreCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Values(Lookups lookups, string wildcard) =>
            lookups.StatementIds(wildcard.TrimEnd('*'), Channels, 100);
    }

    /// <summary>The legal entities (data area ids) the store's channels belong to.</summary>
    public sealed class DataAreaIdCompleter : StoreCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Values(Lookups lookups, string wildcard) =>
            lookups.DataAreaIds(wildcard.TrimEnd('*'), 100);
    }

    /// <summary>Address ids the store knows, of the customer named on the same line (-AccountNumber or -AsyncCustomerId) when one is.</summary>
    public sealed class AddressIdCompleter : StoreCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Values(Lookups lookups, string wildcard) =>
            lookups.AddressIds(wildcard.TrimEnd('*'), Bound("AccountNumber"), Bound("AsyncCustomerId"), 100);
    }

    /// <summary>The customer groups the store's channels give their new customers.</summary>
    public sealed class CustomerGroupCompleter : StoreCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Values(Lookups lookups, string wildcard) =>
            lookups.CustomerGroups(wildcard.TrimEnd('*'), 100);
    }

    /// <summary>The channel database groups the store's channels belong to.</summary>
    public sealed class DatabaseGroupCompleter : StoreCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Values(Lookups lookups, string wildcard) =>
            lookups.DatabaseGroups(wildcard.TrimEnd('*'), 100);
    }

    /// <summary>The distribution schedules, with their names.</summary>
    public sealed class ScheduleIdCompleter : StoreCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Values(Lookups lookups, string wildcard) =>
            lookups.ScheduleIds(wildcard, 100);
    }

    /// <summary>The currencies the store's channels sell in.</summary>
    public sealed class CurrencyCompleter : StoreCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Values(Lookups lookups, string wildcard) =>
            lookups.Currencies(wildcard.TrimEnd('*'), 100);
    }

    /// <summary>The customer attribute groups that have attributes (New-CommerceCustomerAttribute -Group).</summary>
    public sealed class AttributeGroupCompleter : StoreCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Values(Lookups lookups, string wildcard) =>
            lookups.AttributeGroups(wildcard, 100);
    }

    /// <summary>The customer attributes the store defines.</summary>
    public sealed class AttributeNameCompleter : StoreCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Values(Lookups lookups, string wildcard) =>
            lookups.AttributeNames(wildcard, 100);
    }

    /// <summary>Job run ids, newest first, with the job and how it ended.</summary>
    public sealed class RunIdCompleter : StoreCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Values(Lookups lookups, string wildcard) =>
            lookups.RunIds(wildcard.TrimEnd('*'), 100);
    }

    /// <summary>Replication counters of the customer operations of the channel named on the same line, failed ones first.</summary>
    public sealed class ReplicationCounterCompleter : StoreCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Values(Lookups lookups, string wildcard) =>
            lookups.FailedCounters(wildcard.TrimEnd('*'), Bound("Channel"), 100);
    }

    /// <summary>Completes from a fixed list: names that start with the word first, then names that contain it.</summary>
    public abstract class ClosedListCompleter : IArgumentCompleter
    {
        protected abstract IEnumerable<string> Names { get; }

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? "").Trim('\'', '"').TrimEnd('*');
            var names = Names.ToList();
            return names.Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Concat(names.Where(n => !n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && n.IndexOf(prefix, StringComparison.OrdinalIgnoreCase) >= 0))
                .Select(n => new CompletionResult(StoreCompleter.Quote(n), n, CompletionResultType.ParameterValue, n)).ToList();
        }
    }

    /// <summary>The jobs a store records runs of (Get-CommerceJobRun -Job).</summary>
    public sealed class JobNameCompleter : ClosedListCompleter
    {
        protected override IEnumerable<string> Names => new[]
            { JobNames.PJob, JobNames.SynchronizeCustomers, JobNames.SynchronizeOrders, JobNames.Job1010, JobNames.StatementPosting };
    }

    /// <summary>The names of the feature switches (Get-CommerceFeature -Name).</summary>
    public sealed class FeatureNameCompleter : ClosedListCompleter
    {
        protected override IEnumerable<string> Names => FeatureRules.Catalog.Select(d => d.Name);
    }

    /// <summary>
    /// Store files and folders, as file completion gives them, without what is not a store: SQLite's own -wal, -shm and
    /// -journal files beside a store, and any other file that does not start with the SQLite header.
    /// </summary>
    public sealed class StorePathCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                return CompletionCompleters.CompleteFilename(wordToComplete ?? "")
                    .Where(r => r.ResultType != CompletionResultType.ProviderItem || IsStore(r.ToolTip)).ToList();
            }
            catch (Exception)
            {
                return Enumerable.Empty<CompletionResult>();
            }
        }

        private static readonly byte[] Header = System.Text.Encoding.ASCII.GetBytes("SQLite format 3\0");

        internal static bool IsStore(string path)
        {
            if (string.IsNullOrEmpty(path)) return false;
            foreach (var sidecar in new[] { "-wal", "-shm", "-journal" })
            {
                if (path.EndsWith(sidecar, StringComparison.OrdinalIgnoreCase)) return false;
            }
            try
            {
                if (!System.IO.File.Exists(path)) return true; // not a file we can look into: leave it to the user
                var buffer = new byte[Header.Length];
                using (var f = new System.IO.FileStream(path, System.IO.FileMode.Open, System.IO.FileAccess.Read, System.IO.FileShare.ReadWrite | System.IO.FileShare.Delete))
                {
                    var n = 0;
                    while (n < buffer.Length)
                    {
                        var read = f.Read(buffer, n, buffer.Length - n);
                        if (read == 0) return false;
                        n += read;
                    }
                }
                return buffer.SequenceEqual(Header);
            }
            catch (Exception)
            {
                return false;
            }
        }
    }
}

namespace CommerceSync
{
    /// <summary>Completes an address purpose from the core's closed list (not a ValidateSet: an empty CSV cell means the default).</summary>
    public sealed class AddressPurposeCompleter : System.Management.Automation.IArgumentCompleter
    {
        public System.Collections.Generic.IEnumerable<System.Management.Automation.CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            System.Management.Automation.Language.CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            foreach (var p in CustomerRules.AddressPurposes)
            {
                if (p.StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase))
                    yield return new System.Management.Automation.CompletionResult(p, p, System.Management.Automation.CompletionResultType.ParameterValue, p);
            }
        }
    }
}

namespace CommerceSync
{
    /// <summary>Completes sales order ids (SalesId) from the store in use.</summary>
    public sealed class SalesOrderIdCompleter : StoreCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Values(Lookups lookups, string wildcard) =>
            lookups.SalesIds(wildcard.TrimEnd('*'), 100);
    }

    /// <summary>Completes loyalty card numbers from the store in use.</summary>
    public sealed class LoyaltyCardNumberCompleter : StoreCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Values(Lookups lookups, string wildcard) =>
            lookups.CardNumbers(wildcard.TrimEnd('*'), 100);
    }
}
