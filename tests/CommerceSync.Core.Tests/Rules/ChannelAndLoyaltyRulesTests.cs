using CommerceSync.Rules;
using Xunit;

namespace CommerceSync.Core.Tests.Rules
{
    public class ChannelRulesTests
    {
        [Fact]
        public void ANewChannelTakesTheDefaultsOfTheDemoLegalEntity()
        {
            var c = new Channel { ChannelId = " S1 ", DefaultCurrency = " eur " };
            ChannelRules.PrepareNew(c);
            Assert.Equal("S1", c.ChannelId);
            Assert.Equal("S1", c.Name);
            Assert.Equal("USRT", c.DataAreaId);
            Assert.Equal("30", c.DefaultCustomerGroup);
            Assert.Equal("EUR", c.DefaultCurrency);
        }

        [Fact]
        public void ChannelSettingsAreChecked()
        {
            Assert.Equal(ErrorIds.InvalidValue, Assert.Throws<CommerceSyncException>(() => ChannelRules.PrepareNew(new Channel { ChannelId = "a,b" })).ErrorId);
            Assert.Equal(ErrorIds.InvalidValue, Assert.Throws<CommerceSyncException>(() => ChannelRules.PrepareNew(new Channel { ChannelId = "S1", DataAreaId = "TOOLONG" })).ErrorId);
            // A currency HQ refuses would fail every customer of the channel at the sync job.
            Assert.Equal(ErrorIds.InvalidValue, Assert.Throws<CommerceSyncException>(() => ChannelRules.PrepareChange(null, null, "EURO")).ErrorId);
            Assert.Equal(((string)null, "40", "EUR", (string)null), ChannelRules.PrepareChange(" ", " 40 ", "eur"));
            Assert.Equal(((string)null, (string)null, (string)null, "DEU"), ChannelRules.PrepareChange(null, null, null, " deu "));
            Assert.Equal(ErrorIds.InvalidValue, Assert.Throws<CommerceSyncException>(() => ChannelRules.PrepareChange(null, null, null, "A-COUNTRY-TOO-LONG")).ErrorId);
            Assert.Equal(ErrorIds.ChannelExists, ChannelRules.AlreadyExists("S1").ErrorId);
            Assert.Equal(ErrorIds.ChannelNotFound, ChannelRules.NotFound("S1").ErrorId);
        }
    }

    /// <summary>Source: async-customer-mode.md: a loyalty card cannot be issued to a customer whose account is still the async GUID.</summary>
    [Trait("Doc", "async-customer-mode.md")]
    public class LoyaltyRulesTests
    {
        [Fact]
        public void ACardGoesToAnAccountTheCallNames()
        {
            Assert.Equal("C1", LoyaltyRules.GivenAccount("S1", " C1 ", null));
            Assert.Null(LoyaltyRules.GivenAccount("S1", null, "g"));
            Assert.Equal(ErrorIds.CustomerRequired, Assert.Throws<CommerceSyncException>(() => LoyaltyRules.GivenAccount("S1", " ", null)).ErrorId);
        }

        [Fact]
        public void NoCardForACustomerStillPendingSync_AsyncCustomerModeMd()
        {
            Assert.Equal("C1", LoyaltyRules.AccountOfAsyncCustomer("g", "S1", "C1", createdAtChannel: true));
            Assert.Equal(ErrorIds.LoyaltyCardNeedsAccount, Assert.Throws<CommerceSyncException>(() => LoyaltyRules.AccountOfAsyncCustomer("g", "S1", null, createdAtChannel: true)).ErrorId);
            Assert.Equal(ErrorIds.AsyncCustomerNotFound, Assert.Throws<CommerceSyncException>(() => LoyaltyRules.AccountOfAsyncCustomer("g", "S1", null, createdAtChannel: false)).ErrorId);
        }
    }
}
