using System.Collections.Generic;
using CommerceSync.Data;

namespace CommerceSync.Application
{
    /// <summary>Loyalty cards: issued only to customers the channel knows by account number (<see cref="Rules.LoyaltyRules"/>).</summary>
    public sealed class LoyaltyCards
    {
        private readonly LoyaltyStore store;

        internal LoyaltyCards(StoreDatabase db) { store = new LoyaltyStore(db); }

        public LoyaltyCard Issue(string channelId, string? accountNumber, string? asyncCustomerId) => store.Issue(channelId, accountNumber, asyncCustomerId);

        /// <summary>Cards that match every list given (null matches all).</summary>
        public IEnumerable<LoyaltyCard> Read(string[]? channelIds = null, string[]? cardNumbers = null, string[]? accountNumbers = null) =>
            store.Read(new LoyaltyCardFilter { ChannelIds = channelIds, CardNumbers = cardNumbers, AccountNumbers = accountNumbers });
    }
}
