using CommerceSync.Rules;
using Xunit;

namespace CommerceSync.Core.Tests.Rules
{
    /// <summary>
    /// Distribution schedules send to channel database groups (dev-itpro/define-retail-channel-communications-cdx.md), and
    /// "Exclude from offline databases" is a setting of the job (dev-itpro/implementation-considerations-cdx.md, "Offline data exclusion").
    /// </summary>
    [Trait("Doc", "implementation-considerations-cdx.md")]
    public class DistributionRulesTests
    {
        [Theory]
        [InlineData(false, false, false)]
        [InlineData(true, false, true)]
        [InlineData(false, true, true)]
        [InlineData(true, true, true)]
        public void OfflineDatabasesAreLeftOutWhenTheScheduleOrTheRunSaysSo(bool schedule, bool run, bool excluded) =>
            Assert.Equal(excluded, DistributionRules.ExcludesOffline(schedule, run));

        [Fact]
        public void GroupsAreTrimmedAndEachTakenOnce() =>
            Assert.Equal(new[] { "Default", "G1" }, DistributionRules.PrepareGroups(new[] { " Default", "G1 ", "default" }));

        [Fact]
        public void AScheduleNeedsAGroupAndAGroupIsAnId()
        {
            Assert.Equal(ErrorIds.InvalidValue, Assert.Throws<CommerceSyncException>(() => DistributionRules.PrepareGroups(new string[0])).ErrorId);
            Assert.Equal(ErrorIds.InvalidValue, Assert.Throws<CommerceSyncException>(() => DistributionRules.PrepareGroups(new[] { "a*b" })).ErrorId);
            Assert.Equal(ErrorIds.InvalidValue, Assert.Throws<CommerceSyncException>(() => DistributionRules.PrepareGroup(new string('g', 31))).ErrorId);
        }

        [Fact]
        public void AnUnknownScheduleNamesTheOnesThereAre()
        {
            var e = DistributionRules.NotFound("1011", new[] { "1010", "1070", "1110" });
            Assert.Equal(ErrorIds.DistributionScheduleNotFound, e.ErrorId);
            Assert.Contains("1010, 1070, 1110", e.Message);
        }
    }
}
