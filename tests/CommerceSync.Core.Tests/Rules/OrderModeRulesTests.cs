using CommerceSync.Rules;
using Xunit;

namespace CommerceSync.Core.Tests.Rules
{
    /// <summary>
    /// How a channel creates a customer order: customer-orders-overview.md, "Asynchronous transaction flow for customer orders"
    /// ("Create customer order in async mode" and "Use realtime service for order creation with async backup": "If (and only if)
    /// that attempt fails, the order will be created by using the same batch process").
    /// </summary>
    [Trait("Doc", "customer-orders-overview.md")]
    public class OrderModeRulesTests
    {
        [Theory]
        [InlineData(true, null)]
        [InlineData(false, null)]
        [InlineData(true, "async customer X")]
        [InlineData(false, "address A")]
        public void AnAsynchronousChannelNeverCreatesInRealTime(bool hq, string? missing) =>
            Assert.False(OrderModeRules.CreateInRealTime(CustomerOrderMode.Asynchronous, hq, missing, "S0001"));

        [Fact]
        public void ASynchronousChannelCreatesAtHeadquartersWhenItHasEverything() =>
            Assert.True(OrderModeRules.CreateInRealTime(CustomerOrderMode.Synchronous, true, null, "S0001"));

        [Fact]
        public void ASynchronousChannelRefusesAnOrderWhileHeadquartersCannotBeReached()
        {
            var e = Assert.Throws<CommerceSyncException>(() => OrderModeRules.CreateInRealTime(CustomerOrderMode.Synchronous, false, null, "S0001"));
            Assert.Equal(ErrorIds.HeadquartersUnavailable, e.ErrorId);
            Assert.Equal(ErrorKind.ConnectionError, e.Kind);
            Assert.Contains("RealTimeWithAsyncBackup", e.Message);
        }

        [Fact]
        public void ASynchronousChannelRefusesWhatHeadquartersDoesNotHaveYet()
        {
            var e = Assert.Throws<CommerceSyncException>(() => OrderModeRules.CreateInRealTime(CustomerOrderMode.Synchronous, true, "async customer X", "S0001"));
            Assert.Equal(ErrorIds.AsyncCustomerNotSynced, e.ErrorId);
            Assert.Contains("does not have async customer X yet", e.Message);
            // HQ being unreachable is what the real-time call meets first.
            Assert.Equal(ErrorIds.HeadquartersUnavailable,
                Assert.Throws<CommerceSyncException>(() => OrderModeRules.CreateInRealTime(CustomerOrderMode.Synchronous, false, "address A", "S0001")).ErrorId);
        }

        [Theory]
        [InlineData(true, null, true)]
        [InlineData(false, null, false)]
        [InlineData(true, "async customer X", false)]
        [InlineData(true, "address A", false)]
        [InlineData(false, "async customer X", false)]
        public void RealTimeWithAsyncBackupFallsBackInsteadOfRefusing(bool hq, string? missing, bool realTime) =>
            Assert.Equal(realTime, OrderModeRules.CreateInRealTime(CustomerOrderMode.RealTimeWithAsyncBackup, hq, missing, "S0001"));
    }
}
