using System;
using System.IO;
using System.Linq;
using CommerceSync.Data;
using Microsoft.Data.Sqlite;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>The customer account number sequence: the store's format, consecutive numbers, one sequence per legal entity.</summary>
    public class NumberSequenceTests
    {
        private static string[] Accounts(TestStore s, string area = null) =>
            s.Hq().Where(c => area == null || c.DataAreaId == area).Select(c => c.AccountNumber).OrderBy(a => a, StringComparer.Ordinal).ToArray();

        [Fact]
        public void TheFormatIsKeptWithTheStoreAndUsedAfterReopening()
        {
            using (var s = new TestStore("US-####"))
            {
                Assert.Equal("US-####", s.Db.GetSetting("AccountNumberFormat"));
                s.Channel("S1");
                s.Customer("S1", "A");
                using (var reopened = s.Reopen())
                {
                    Assert.Equal("US-####", reopened.GetSetting("AccountNumberFormat"));
                    new Jobs.PJob(reopened).Run(new Jobs.JobOptions());
                    new Jobs.AsyncCustomerSync(reopened).Run(new Jobs.JobOptions());
                }
                Assert.Equal(new[] { "US-0001" }, Accounts(s));
            }
        }

        [Fact]
        public void TheDefaultFormatIsSixDigitsAfterC()
        {
            using (var s = new TestStore())
            {
                Assert.Equal(StoreDatabase.DefaultAccountNumberFormat, s.Db.GetSetting("AccountNumberFormat"));
                s.Channel("S1");
                s.Customer("S1", "A");
                s.PJob();
                s.Sync();
                Assert.Equal(new[] { "C000001" }, Accounts(s));
            }
        }

        [Fact]
        public void NumbersAreConsecutiveAcrossRunsAndFailuresUseNone()
        {
            using (var s = new TestStore("US-####"))
            {
                s.Channel("S1");
                s.Customer("S1", "A");
                s.Customer("S1", "Bad", email: "nope");
                s.Customer("S1", "B");
                s.Sync(); // before the P-job: nothing, and no number used
                s.PJob();
                s.Sync();
                Assert.Equal(new[] { "US-0001", "US-0002" }, Accounts(s));
                // In counter order: A got the first number, B the second.
                Assert.Equal("US-0001", s.Hq().Single(c => c.FirstName == "A").AccountNumber);
                Assert.Equal("US-0002", s.Hq().Single(c => c.FirstName == "B").AccountNumber);

                for (var i = 0; i < 10; i++) s.Customer("S1", "N" + i);
                s.PJob();
                s.Sync(); // chunks of 7
                Assert.Equal(Enumerable.Range(1, 12).Select(i => "US-" + i.ToString("D4")), Accounts(s));
                Assert.Equal(13, s.Db.Scalar<long>("SELECT next_value FROM number_sequence WHERE data_area_id = 'USRT' AND code = 'Customer';"));
            }
        }

        [Fact]
        public void EachLegalEntityHasItsOwnSequence()
        {
            using (var s = new TestStore("C-###"))
            {
                s.Channel("US1");
                s.Channel("US2");
                s.Channel("FR1", area: "FRRT");
                s.Channel("DE1", area: "DERT");
                s.Customer("US1", "a");
                s.Customer("FR1", "b");
                s.Customer("US2", "c");
                s.Customer("FR1", "d");
                s.PJob();
                s.Sync();
                s.Customer("FR1", "e");
                s.Customer("US1", "f");
                s.PJob();
                s.Sync();
                Assert.Equal(new[] { "C-001", "C-002", "C-003" }, Accounts(s, "USRT"));
                Assert.Equal(new[] { "C-001", "C-002", "C-003" }, Accounts(s, "FRRT"));
                Assert.Empty(Accounts(s, "DERT"));
                Assert.Equal("C-003", s.Hq().Single(c => c.FirstName == "e").AccountNumber);
                Assert.Equal("C-003", s.Hq().Single(c => c.FirstName == "f").AccountNumber);
                Assert.Equal(6, s.Hq().Count);
            }
        }

        [Theory]
        [InlineData("CUST")]
        [InlineData("##")]
        [InlineData("C#A###")]
        [InlineData("C.###")]
        [InlineData("ABCDEFGHIJK###")]
        [InlineData("C###################")]
        [InlineData("   ")]
        [InlineData("C##")]
        [InlineData("C D###")]
        [InlineData("")]
        public void AStoreIsNotCreatedWithAnInvalidFormat(string format)
        {
            var path = Path.Combine(Path.GetTempPath(), "cs-core-fmt-" + Guid.NewGuid().ToString("N") + ".db");
            try
            {
                var ex = Assert.Throws<CommerceSyncException>(() => StoreDatabase.Create(path, format).Dispose());
                Assert.Equal(ErrorIds.AccountNumberFormatInvalid, ex.ErrorId);
                Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
                Assert.False(File.Exists(path));
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                if (File.Exists(path)) File.Delete(path);
            }
        }

        [Theory]
        [InlineData("###", "", 3)]
        [InlineData("ABCDEFGHIJ###", "ABCDEFGHIJ", 3)]
        [InlineData("X##################", "X", 18)]
        [InlineData("us_1-####", "us_1-", 4)]
        public void ValidFormatsParseIntoPrefixAndWidth(string format, string prefix, int width)
        {
            var f = AccountNumberFormat.Parse(format);
            Assert.Equal(prefix, f.Prefix);
            Assert.Equal(width, f.Width);
            Assert.Equal(format, f.ToString());
        }

        [Theory]
        [InlineData("C######", 1, "C000001")]
        [InlineData("US-####", 12, "US-0012")]
        [InlineData("X_###", 999, "X_999")]
        public void FormatsAccountNumbers(string format, long value, string expected) =>
            Assert.Equal(expected, AccountNumberFormat.Parse(format).Format(value));
    }
}
