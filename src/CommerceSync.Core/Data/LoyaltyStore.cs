using System;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Rules;

namespace CommerceSync.Data
{
    /// <summary>Loyalty cards: issued only to customers the channel knows by account number, never to a GUID pending sync.</summary>
    public sealed class LoyaltyStore
    {
        private readonly StoreDatabase db;

        public LoyaltyStore(StoreDatabase db) { this.db = db; }

        public LoyaltyCard Issue(string channelId, string? accountNumber, string? asyncCustomerId)
        {
            var channel = new ChannelStore(db).Get(channelId);
            var account = LoyaltyRules.GivenAccount(channelId, accountNumber, asyncCustomerId);
            if (account == null)
            {
                var id = asyncCustomerId!.Trim(); // GivenAccount: no account, so an async id
                // What the store knows: its copy of the account, which arrives with job 1010.
                var atStore = db.Scalar<string>(@"SELECT cc.account_number FROM retail_cust_table r
JOIN channel_customer cc ON cc.channel_id = $ch AND cc.database = 0 AND cc.account_number = r.account_number
WHERE r.cust_account_async = $id;",
                    ("$ch", channel.ChannelId), ("$id", id));
                account = LoyaltyRules.AccountOfAsyncCustomer(id, channel.ChannelId, atStore,
                    atStore != null || db.Scalar<long>("SELECT COUNT(*) FROM ch_async_customer WHERE channel_id = $ch AND async_customer_id = $id AND operation = 1;",
                        ("$ch", channel.ChannelId), ("$id", id)) > 0);
            }
            else if (db.Scalar<long>(@"SELECT (SELECT COUNT(*) FROM cust_table WHERE data_area_id = $a AND account_number = $acc)
 + (SELECT COUNT(*) FROM channel_customer WHERE channel_id = $ch AND account_number = $acc);", ("$a", channel.DataAreaId), ("$acc", account), ("$ch", channel.ChannelId)) == 0)
            {
                throw PosRules.NotKnownToChannel(account, channel.ChannelId);
            }
            var card = new LoyaltyCard { DataAreaId = channel.DataAreaId, AccountNumber = account, ChannelId = channel.ChannelId, IssuedAt = DateTime.UtcNow };
            using (var tx = db.BeginWrite())
            {
                card.CardNumber = new NumberSequences(db).Allocate(channel.DataAreaId!, NumberSequences.LoyaltyCard, 1)[0]; // a stored channel has its legal entity
                db.Execute("INSERT INTO loyalty_card(data_area_id, card_number, account_number, channel_id, issued_at) VALUES ($a, $card, $acc, $ch, $at);",
                    ("$a", card.DataAreaId), ("$card", card.CardNumber), ("$acc", account), ("$ch", card.ChannelId), ("$at", card.IssuedAt.ToStoreText()));
                tx.Commit();
            }
            return card;
        }

        public IEnumerable<LoyaltyCard> Read(string[] accountNumbers) => Read(new LoyaltyCardFilter { AccountNumbers = accountNumbers });

        /// <summary>Loyalty cards that match every filter given (a null filter matches all), by company and card number.</summary>
        public IEnumerable<LoyaltyCard> Read(LoyaltyCardFilter? filter)
        {
            filter = filter ?? new LoyaltyCardFilter();
            var where = new SqlFilter().In(filter.CardNumbers, "card_number", "$cards").In(filter.AccountNumbers, "account_number", "$acc")
                .In(filter.ChannelIds, "channel_id", "$channels");
            return db.ReadAll(@"SELECT card_number, data_area_id, account_number, channel_id, issued_at FROM loyalty_card
WHERE 1 = 1" + where.Sql + " ORDER BY data_area_id, card_number;",
                r => new LoyaltyCard { CardNumber = r.GetString(0), DataAreaId = r.GetString(1), AccountNumber = r.GetString(2), ChannelId = r.GetString(3), IssuedAt = r.Time(4) },
                where.Args);
        }

        /// <summary>Card numbers that start with <paramref name="prefix"/>, for tab completion.</summary>
        public IEnumerable<(string Value, string Tooltip)> CompleteCardNumbers(string prefix, int max) =>
            db.ReadAll("SELECT card_number, account_number, channel_id FROM loyalty_card WHERE card_number LIKE $p ESCAPE '\\' ORDER BY card_number LIMIT $n;",
                r => (r.GetString(0), r.GetString(0) + " - " + r.GetString(1) + " at " + r.GetString(2)),
                ("$p", SqlText.WildcardToLike(prefix) + "%"), ("$n", max));
    }

    /// <summary>What Get-CommerceLoyaltyCard asks for; each list given narrows the result.</summary>
    public sealed class LoyaltyCardFilter
    {
        public string[]? CardNumbers { get; set; }
        public string[]? AccountNumbers { get; set; }
        public string[]? ChannelIds { get; set; }
    }
}
