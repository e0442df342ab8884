using System;
using Xunit;
using CommerceSync.Rules;

namespace CommerceSync.Core.Tests.Rules
{
    /// <summary>The shape rules every value goes through.</summary>
    public class InputRulesTests
    {
        [Theory]
        [InlineData("S0001")]
        [InlineData("S_001")]
        [InlineData("S%1")]
        [InlineData("US-RT.2")]
        [InlineData("A|B")]
        [InlineData(" padded ")]
        public void IdsTheStoreCanMatchExactlyAreTaken(string id) => Assert.Null(InputRules.CheckId("Id", id, 30));

        [Theory]
        [InlineData("A,B")]
        [InlineData("S*")]
        [InlineData("S?")]
        [InlineData("S[1]")]
        [InlineData("A\nB")]
        [InlineData("A\tB")]
        [InlineData("A\u0000")]
        [InlineData("A\\uD800")]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("1234567890123456789012345678901")]
        public void IdsThatCannotBeStoredAndMatchedExactlyAreRefused(string id) => Assert.NotNull(InputRules.CheckId("Id", Unescape(id), 30));

        // Attribute arguments are stored as UTF-8, where a lone surrogate cannot be written: such cases are given escaped.
        private static string Unescape(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\\u([0-9A-Fa-f]{4})",
            m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());

        [Theory]
        [InlineData("Zoë 李 🙂", true)]
        [InlineData("\uD83D\uDE42", true)]
        [InlineData("\\uD83D", false)]
        [InlineData("\\uDE42", false)]
        [InlineData("a\\uDE42\\uD83D", false)]
        [InlineData("ab\\uD83D", false)]
        public void TextMustBeValidUtf16(string text, bool valid)
        {
            text = Unescape(text);
            Assert.Equal(valid, InputRules.IsValidUtf16(text));
            Assert.Equal(valid, CustomerRules.Length("FirstName", text, 100) == null);
        }

        [Theory]
        [InlineData("0.01", false, true)]
        [InlineData("1000000000", false, true)]
        [InlineData("999999999.99", false, true)]
        [InlineData("0", true, true)]
        [InlineData("0", false, false)]
        [InlineData("0.004", false, false)]
        [InlineData("999999999.999", false, false)]
        [InlineData("1000000000.01", false, false)]
        [InlineData("-1", true, false)]
        [InlineData("10.125", false, false)]
        public void AmountsAreHundredthsUpToTheLimit(string amount, bool zeroAllowed, bool ok) =>
            Assert.Equal(ok, InputRules.CheckAmount("Amount", decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), zeroAllowed) == null);

        [Theory]
        [InlineData("USD", true)]
        [InlineData("eur", true)]
        [InlineData("US$", false)]
        [InlineData("EURO", false)]
        [InlineData("U1D", false)]
        [InlineData("ÜSD", false)]
        public void CurrencyCodesAreThreeLetters(string code, bool ok) => Assert.Equal(ok, InputRules.CheckCurrency("Currency", code) == null);

        [Fact]
        public void BusinessDatesAreInASaneRange()
        {
            Assert.NotNull(InputRules.CheckBusinessDate(DateTime.MinValue));
            Assert.NotNull(InputRules.CheckBusinessDate(DateTime.MaxValue.Date));
            Assert.NotNull(InputRules.CheckBusinessDate(new DateTime(1899, 12, 31)));
            Assert.Null(InputRules.CheckBusinessDate(DateTime.UtcNow.Date));
            Assert.Null(InputRules.CheckBusinessDate(new DateTime(2001, 2, 3)));
        }

        [Theory]
        [InlineData(double.NaN)]
        [InlineData(double.PositiveInfinity)]
        [InlineData(double.NegativeInfinity)]
        [InlineData(1e300)]
        [InlineData(-1e300)]
        public void NumbersWithoutADecimalValueAreInvalidValue(double value)
        {
            Assert.Equal(ErrorIds.InvalidValue, Assert.Throws<CommerceSyncException>(() => InputRules.ToNumber("Quantity", value)).ErrorId);
            Assert.Equal(ErrorIds.InvalidValue, Assert.Throws<CommerceSyncException>(() => CustomerRules.ToAttribute("Score", value)).ErrorId);
            Assert.Equal(ErrorIds.InvalidValue, Assert.Throws<CommerceSyncException>(() => CustomerRules.ToAttribute("Score", (float)value)).ErrorId);
        }

        [Fact]
        public void NumbersAsTextAreReadInvariantly()
        {
            Assert.Equal(1.5m, InputRules.ToNumber("Quantity", "1.5"));
            Assert.Equal(2m, InputRules.ToNumber("Quantity", 2));
            Assert.Equal(ErrorIds.InvalidValue, Assert.Throws<CommerceSyncException>(() => InputRules.ToNumber("Quantity", "two")).ErrorId);
            Assert.Equal(ErrorIds.InvalidValue, Assert.Throws<CommerceSyncException>(() => InputRules.ToNumber("Quantity", "1e300")).ErrorId);
            Assert.Equal(ErrorIds.InvalidValue, Assert.Throws<CommerceSyncException>(() => InputRules.ToNumber("Quantity", null)).ErrorId);
        }
    }
}
