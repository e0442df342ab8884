using System;
using CommerceSync.Rules;
using Xunit;

namespace CommerceSync.Core.Tests.Rules
{
    /// <summary>
    /// Customer attribute definitions and the values they take. Source: dev-itpro/customer-attributes.md ("Define attribute
    /// types", "Link the attribute group to the customers"; datetime and reference types are not supported).
    /// </summary>
    [Trait("Doc", "dev-itpro/customer-attributes.md")]
    public class AttributeRulesTests
    {
        private static CustomerAttributeCatalog Retail() => new CustomerAttributeCatalog("Retail", new[]
        {
            AttributeRules.Define("LoyaltyTier", AttributeDataType.Text, new[] { "Gold", "Silver" }, null, null, "Retail"),
            AttributeRules.Define("Children", AttributeDataType.Integer, null, 0, 20, "Retail"),
            AttributeRules.Define("ShoeSize", AttributeDataType.Decimal, null, 1.5m, null, "Retail"),
            AttributeRules.Define("Newsletter", AttributeDataType.Boolean, null, null, null, "Retail"),
            AttributeRules.Define("Nickname", AttributeDataType.Text, null, null, null, "Retail"),
        });

        private static CustomerAttribute Given(string name, object value) => CustomerRules.ToAttribute(name, value);

        private static string RefusedWith(Action a) => Assert.Throws<CommerceSyncException>(a).ErrorId;

        [Fact]
        public void ADefinitionIsTrimmedAndKeepsItsListAndRange()
        {
            var d = AttributeRules.Define(" LoyaltyTier ", AttributeDataType.Text, new[] { " Gold", "Silver " }, null, null, " Retail ");
            Assert.Equal("LoyaltyTier", d.Name);
            Assert.Equal(new[] { "Gold", "Silver" }, d.AllowedValues);
            Assert.Equal("Retail", d.Group);
            Assert.Null(AttributeRules.Define("Loose", AttributeDataType.Text, null, null, null, "  ").Group);
        }

        [Fact]
        public void AFixedListIsForTextOnly()
        {
            // "The Fixed list check box is available only for the Text attribute type."
            Assert.Equal(ErrorIds.InvalidAttributeDefinition, RefusedWith(() => AttributeRules.Define("Vip", AttributeDataType.Boolean, new[] { "true" }, null, null, "G")));
            Assert.Equal(ErrorIds.InvalidAttributeDefinition, RefusedWith(() => AttributeRules.Define("Kids", AttributeDataType.Integer, new[] { "1" }, null, null, "G")));
            Assert.Equal(ErrorIds.InvalidAttributeDefinition, RefusedWith(() => AttributeRules.Define("Tier", AttributeDataType.Text, new[] { "Gold", "gold" }, null, null, "G")));
            Assert.Equal(ErrorIds.InvalidAttributeDefinition, RefusedWith(() => AttributeRules.Define("Tier", AttributeDataType.Text, new[] { "Gold", " " }, null, null, "G")));
        }

        [Fact]
        public void AValueRangeIsForIntegerAndDecimalAndMustHold()
        {
            // "If the attribute type is Decimal or Integer, ..." / "to define a range of valid values ... select the Value range check box".
            Assert.Equal(ErrorIds.InvalidAttributeDefinition, RefusedWith(() => AttributeRules.Define("Kids", AttributeDataType.Integer, null, 10, 1, "G")));
            Assert.Equal(ErrorIds.InvalidAttributeDefinition, RefusedWith(() => AttributeRules.Define("Note", AttributeDataType.Text, null, 1, null, "G")));
            Assert.Equal(ErrorIds.InvalidAttributeDefinition, RefusedWith(() => AttributeRules.Define("Vip", AttributeDataType.Boolean, null, null, 1, "G")));
            Assert.Equal(ErrorIds.InvalidAttributeDefinition, RefusedWith(() => AttributeRules.Define("Kids", AttributeDataType.Integer, null, 0.5m, null, "G")));
            Assert.Equal(ErrorIds.InvalidAttributeDefinition, RefusedWith(() => AttributeRules.Define("When", (AttributeDataType)7, null, null, null, "G")));
            Assert.Equal(ErrorIds.InvalidAttributeDefinition, RefusedWith(() => AttributeRules.Define(" ", AttributeDataType.Text, null, null, null, "G")));
            Assert.Equal(5m, AttributeRules.Define("Kids", AttributeDataType.Integer, null, 5, 5, "G").Minimum);
        }

        [Fact]
        public void WithNoGroupAttributesAreFreeTextAsBefore()
        {
            var t = AttributeRules.Conform(CustomerAttributeCatalog.FreeText, Given("Anything", 42));
            Assert.Equal(AttributeDataType.Integer, t.DataType);
            Assert.Equal("42", t.Value);
            Assert.Null(AttributeRules.CheckAtHeadquarters(CustomerAttributeCatalog.FreeText, "Anything", AttributeDataType.Text, "x"));
        }

        [Fact]
        public void WithAGroupOnlyItsAttributesAreTakenInTheirSpelling()
        {
            // "After you configure the customer attribute group in the Commerce parameters, POS and Headquarters automatically show the new attribute."
            Assert.Equal(ErrorIds.AttributeNotDefined, RefusedWith(() => AttributeRules.Conform(Retail(), Given("Unknown", "x"))));
            var t = AttributeRules.Conform(Retail(), Given("loyaltytier", "gold"));
            Assert.Equal("LoyaltyTier", t.Name);
            Assert.Equal("Gold", t.Value);
            Assert.Equal(ErrorIds.AttributeValueNotAllowed, RefusedWith(() => AttributeRules.Conform(Retail(), Given("LoyaltyTier", "Platinum"))));
            Assert.Null(AttributeRules.Conform(Retail(), Given("LoyaltyTier", null)).Value);
        }

        [Fact]
        public void AValueIsReadAsItsDefinitionsType()
        {
            var kids = AttributeRules.Conform(Retail(), Given("Children", "3"));
            Assert.Equal(AttributeDataType.Integer, kids.DataType);
            Assert.Equal("3", kids.Value);
            Assert.Equal("4", AttributeRules.Conform(Retail(), Given("Children", 4.0)).Value);
            Assert.Equal(ErrorIds.AttributeWrongType, RefusedWith(() => AttributeRules.Conform(Retail(), Given("Children", "three"))));
            Assert.Equal(ErrorIds.AttributeWrongType, RefusedWith(() => AttributeRules.Conform(Retail(), Given("Children", 2.5))));
            Assert.Equal(ErrorIds.AttributeWrongType, RefusedWith(() => AttributeRules.Conform(Retail(), Given("Children", true))));
            Assert.Equal("2", AttributeRules.Conform(Retail(), Given("ShoeSize", 2)).Value);
            Assert.Equal(AttributeDataType.Decimal, AttributeRules.Conform(Retail(), Given("ShoeSize", "7.5")).DataType);
            Assert.Equal(ErrorIds.AttributeWrongType, RefusedWith(() => AttributeRules.Conform(Retail(), Given("ShoeSize", false))));
            Assert.Equal("true", AttributeRules.Conform(Retail(), Given("Newsletter", "True")).Value);
            Assert.Equal("false", AttributeRules.Conform(Retail(), Given("Newsletter", false)).Value);
            Assert.Equal(ErrorIds.AttributeWrongType, RefusedWith(() => AttributeRules.Conform(Retail(), Given("Newsletter", "yes"))));
            var nick = AttributeRules.Conform(Retail(), Given("Nickname", 7));
            Assert.Equal(AttributeDataType.Text, nick.DataType);
            Assert.Equal("7", nick.Value);
        }

        [Fact]
        public void ANumberOutsideItsRangeIsRefused()
        {
            Assert.Equal(ErrorIds.AttributeOutOfRange, RefusedWith(() => AttributeRules.Conform(Retail(), Given("Children", 21))));
            Assert.Equal(ErrorIds.AttributeOutOfRange, RefusedWith(() => AttributeRules.Conform(Retail(), Given("Children", -1))));
            Assert.Equal("20", AttributeRules.Conform(Retail(), Given("Children", 20)).Value);
            Assert.Equal(ErrorIds.AttributeOutOfRange, RefusedWith(() => AttributeRules.Conform(Retail(), Given("ShoeSize", 1.4))));
            Assert.Equal("whole numbers from 0 to 20", AttributeRules.Range(Retail().Find("children")!));
            Assert.Equal("numbers of at least 1.5", AttributeRules.Range(Retail().Find("ShoeSize")!));
        }

        [Fact]
        public void DatetimeAndReferenceTypesStayRefused()
        {
            // "The first version of this functionality doesn't support datetime and reference attribute types."
            Assert.Equal(ErrorIds.AttributeTypeNotSupported, RefusedWith(() => Given("Birthday", DateTime.UtcNow)));
            Assert.Equal(ErrorIds.AttributeTypeNotSupported, RefusedWith(() => Given("Owner", new object())));
        }

        [Fact]
        public void HeadquartersFailsARowItsDefinitionRefusesWithTheReasonNotTheValue()
        {
            var reason = AttributeRules.CheckAtHeadquarters(Retail(), "LoyaltyTier", AttributeDataType.Text, "Platinum");
            Assert.Equal("Attribute 'LoyaltyTier' takes one of Gold, Silver; the value given is not in that list.", reason);
            Assert.DoesNotContain("Platinum", reason);
            Assert.Null(AttributeRules.CheckAtHeadquarters(Retail(), "Children", AttributeDataType.Text, "3"));
            Assert.StartsWith("Attribute 'Other' is not in the store's customer attribute group 'Retail'", AttributeRules.CheckAtHeadquarters(Retail(), "Other", AttributeDataType.Text, "x"));
            var row = new DueChildOperation { OwnerExists = true, Name = "Children", Kind = (int)AttributeDataType.Integer, Checked = "99" };
            Assert.Equal("Attribute 'Children' takes whole numbers from 0 to 20; the value given is outside it.", SyncRules.CheckChild("attribute", row, Retail()));
            Assert.Null(SyncRules.CheckChild("attribute", row, null));
        }

        [Fact]
        public void HeadquartersAppliesAnAcceptedRowAsItsDefinitionReadsIt()
        {
            var t = AttributeRules.AsDefined(Retail(), "children", AttributeDataType.Text, "4")!;
            Assert.Equal(("Children", AttributeDataType.Integer, "4"), (t.Name, t.DataType, t.Value));
            Assert.Null(AttributeRules.AsDefined(Retail(), "Children", AttributeDataType.Integer, "4"));
            Assert.Null(AttributeRules.AsDefined(CustomerAttributeCatalog.FreeText, "children", AttributeDataType.Text, "4"));
        }

        [Fact]
        public void AGroupNoAttributeHasIsNotFoundAndATakenNameExists()
        {
            var ex = AttributeRules.GroupNotFound("Vip", new[] { "Retail" });
            Assert.Equal(ErrorIds.AttributeGroupNotFound, ex.ErrorId);
            Assert.Contains("groups: Retail", ex.Message);
            Assert.Equal(ErrorIds.AttributeExists, AttributeRules.Exists("LoyaltyTier").ErrorId);
        }
    }
}
