using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CommerceSync.Storage;

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
                var (location, _) = StoreResolution.Resolve(explicitStore == null ? null
                    : new Store(StoreDatabase.IsConnectionString(explicitStore) ? explicitStore : System.IO.Path.GetFullPath(explicitStore)));
                if (!StoreDatabase.IsConnectionString(location) && !System.IO.File.Exists(location)) return Enumerable.Empty<CompletionResult>();
                var prefix = (wordToComplete ?? "").Trim('\'', '"');
                using (var db = StoreDatabase.OpenAt(location))
                {
                    return Values(db, prefix + "*").Take(Max)
                        .Select(v => new CompletionResult(Quote(v.Value), v.Value, CompletionResultType.ParameterValue, v.Tooltip ?? v.Value)).ToList();
                }
            }
            catch (Exception)
            {
                return Enumerable.Empty<CompletionResult>();
            }
        }

        private static string Quote(string v) => v.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ',', ';', '(', ')', '{', '}' }) >= 0 ? "'" + v.Replace("'", "''") + "'" : v;

        protected abstract IEnumerable<(string Value, string Tooltip)> Values(StoreDatabase db, string wildcard);
    }

    public sealed class ChannelIdCompleter : StoreCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Values(StoreDatabase db, string wildcard) =>
            new ChannelStore(db).List().Where(c => c.ChannelId.StartsWith(wildcard.TrimEnd('*'), StringComparison.OrdinalIgnoreCase))
                .Select(c => (c.ChannelId, c.ChannelId + " - " + c.Name + " (" + c.DataAreaId + (c.AsyncCustomerMode ? ", async" : "") + ")"));
    }

    public sealed class AsyncCustomerIdCompleter : StoreCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Values(StoreDatabase db, string wildcard) =>
            new AsyncCustomerStore(db).CompleteIds(wildcard.TrimEnd('*'), 100);
    }

    public sealed class AccountNumberCompleter : StoreCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Values(StoreDatabase db, string wildcard) =>
            new CustomerStore(db).CompleteAccounts(wildcard.TrimEnd('*'), 100);
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
        protected override System.Collections.Generic.IEnumerable<(string Value, string Tooltip)> Values(CommerceSync.Storage.StoreDatabase db, string wildcard) =>
            new CommerceSync.Storage.OrderStore(db).CompleteSalesIds(wildcard.TrimEnd('*'), 100);
    }

    /// <summary>Completes loyalty card numbers from the store in use.</summary>
    public sealed class LoyaltyCardNumberCompleter : StoreCompleter
    {
        protected override System.Collections.Generic.IEnumerable<(string Value, string Tooltip)> Values(CommerceSync.Storage.StoreDatabase db, string wildcard) =>
            new CommerceSync.Storage.LoyaltyStore(db).CompleteCardNumbers(wildcard.TrimEnd('*'), 100);
    }
}
