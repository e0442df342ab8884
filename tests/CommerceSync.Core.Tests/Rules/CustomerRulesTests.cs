using System;
using System.Linq;
using Xunit;
using CommerceSync.Rules;

namespace CommerceSync.Core.Tests.Rules
{
    public class CustomerRulesTests
    {
        [Theory]
        [InlineData(null, "Ann", null, "Lee", "Ann Lee")]
        [InlineData("Contoso Ltd", null, null, null, "Contoso Ltd")]
        [InlineData(null, " Ann ", "B", " Lee ", "Ann B Lee")]
        [InlineData(null, null, null, null, "")]
        public void FullName(string name, string first, string middle, string last, string expected) =>
            Assert.Equal(expected, CustomerRules.FullName(name, first, middle, last));

        [Theory]
        [InlineData("a@b.co", null, "USD", null)]
        [InlineData("not-an-email", null, "USD", "email")]
        [InlineData(null, "call me", "USD", "phone")]
        [InlineData(null, null, "EURO", "currency")]
        public void HeadquartersValidation(string email, string phone, string currency, string expected)
        {
            var error = CustomerRules.CheckAtHeadquarters(null, "Ann", null, null, email, phone, currency, "30");
            if (expected == null) Assert.Null(error);
            else Assert.Contains(expected, error);
        }

        [Fact]
        public void ErrorsNeverEchoPersonalData()
        {
            var error = CustomerRules.CheckAtHeadquarters(null, "Ann", null, null, "secret-address", "555-SECRET", "USD", "30");
            Assert.DoesNotContain("secret", error, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void AttributesAreTypedAndDatesRefused()
        {
            Assert.Equal(AttributeDataType.Integer, CustomerRules.ToAttribute("a", 3).DataType);
            Assert.Equal("2.5", CustomerRules.ToAttribute("a", 2.5m).Value);
            Assert.Equal(AttributeDataType.Boolean, CustomerRules.ToAttribute("a", true).DataType);
            Assert.Equal(AttributeDataType.Text, CustomerRules.ToAttribute("a", "x").DataType);
            Assert.Equal(ErrorIds.AttributeTypeNotSupported, Assert.Throws<CommerceSyncException>(() => CustomerRules.ToAttribute("d", DateTime.Now)).ErrorId);
            Assert.Equal(ErrorIds.AttributeTypeNotSupported, Assert.Throws<CommerceSyncException>(() => CustomerRules.ToAttribute("o", new object())).ErrorId);
        }
    }
}
