using System;
using System.Linq;
using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Lists the loyalty cards issued at the channels (-Channel: the channels that issued them).</summary>
    [Cmdlet(VerbsCommon.Get, "CommerceLoyaltyCard")]
    [OutputType(typeof(LoyaltyCard))]
    public sealed class GetCommerceLoyaltyCard : ChannelScopedCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(LoyaltyCardNumberCompleter))]
        public string[] CardNumber { get; set; }

        /// <summary>The customers (account numbers).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AccountNumberCompleter))]
        public string[] AccountNumber { get; set; }

        protected override void ProcessCommerceRecord()
        {
            if (!TryResolveCustomerListingScope(out var channels)) return;
            // A customer pending sync (no account number yet) has no card: it must not widen to every card.
            if (FilterValues.NamesNothing(this, nameof(CardNumber), CardNumber) || FilterValues.NamesNothing(this, nameof(AccountNumber), AccountNumber)) return;
            var cards = FilterValues.NonEmpty(CardNumber);
            var accounts = FilterValues.NonEmpty(AccountNumber);
            var list = Session.LoyaltyCards.Read(channels, cards, accounts).ToList();
            WriteObject(list, true);
            var at = channels == null ? "" : " at channel " + string.Join(", ", channels);
            var missingCards = FilterValues.Missing(cards, list.Select(c => c.CardNumber)).ToArray();
            if (missingCards.Length > 0)
            {
                // One that exists but not with the other filters given is no match, not an unknown card.
                var known = Session.LoyaltyCards.Read(channels, missingCards).Select(c => c.CardNumber).ToList();
                foreach (var card in missingCards.Where(c => !known.Contains(c, StringComparer.OrdinalIgnoreCase)))
                {
                    WriteRecordError(ErrorIds.LoyaltyCardNotFound, ErrorKind.NotFound, "Loyalty card '" + card + "' does not exist" + at + ".", card);
                }
            }
            var missingAccounts = FilterValues.Missing(accounts, list.Select(c => c.AccountNumber)).ToArray();
            if (missingAccounts.Length == 0) return;
            // A customer without a card is an answer (none), not an error; an account the store does not have is.
            var atHq = Session.Customers.AtHeadquarters(missingAccounts).Select(c => c.AccountNumber).ToList();
            foreach (var a in missingAccounts.Where(a => !atHq.Contains(a, StringComparer.OrdinalIgnoreCase)))
            {
                WriteRecordError(ErrorIds.CustomerNotFound, ErrorKind.NotFound, "Customer '" + a + "' does not exist.", a);
            }
        }
    }
}
