using CommerceSync.Rules;
using Xunit;

namespace CommerceSync.Core.Tests.Rules
{
    /// <summary>Correcting an uploaded operation at HQ. Source: convert-async-to-sync.md (fix the row, synchronize it again).</summary>
    [Trait("Doc", "convert-async-to-sync.md")]
    public class OperationRulesTests
    {
        [Fact]
        public void ACorrectedCurrencyIsKeptInCapitalsAndNoneLeavesItAsItIs()
        {
            Assert.Equal("EUR", OperationRules.Currency("eur"));
            Assert.Null(OperationRules.Currency(null));
        }

        [Fact]
        public void AnOperationHeadquartersCompletedOrNeverHadIsNotCorrectable()
        {
            var ex = OperationRules.NotCorrectable("S1", 7);
            Assert.Equal(ErrorIds.OperationNotFound, ex.ErrorId);
            Assert.Equal("Channel S1 has no uploaded customer, address or attribute operation 7 that HQ has yet to complete.", ex.Message);
        }
    }
}
