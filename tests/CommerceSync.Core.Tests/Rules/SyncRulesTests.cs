using System.Collections.Generic;
using CommerceSync.Rules;
using Xunit;

namespace CommerceSync.Core.Tests.Rules
{
    /// <summary>
    /// What "Synchronize customers and channel requests" decides per row. Source: convert-async-to-sync.md (the latest
    /// operation of a customer is its state; a refused row keeps its last known error) and customer-attributes.md (attribute types).
    /// </summary>
    [Trait("Doc", "convert-async-to-sync.md")]
    public class SyncRulesTests
    {
        [Fact]
        public void LaterOperationsFoldIntoTheCreate_TheLatestStateWins_ConvertAsyncToSyncMd()
        {
            var state = new DueCustomerOperation { FirstName = "Ann", LastName = "Lee", Name = "Ann Lee", Email = "a@b.co", Currency = "USD" };
            SyncRules.Fold(state, new DueCustomerOperation { Operation = AsyncOperation.Update, LastName = "Kim" });
            Assert.Equal("Ann Kim", state.Name);
            Assert.Equal("a@b.co", state.Email);
            SyncRules.Fold(state, new DueCustomerOperation { Operation = AsyncOperation.Update, Name = "Contoso", Email = "c@d.co" });
            Assert.Equal("Contoso", state.Name);
            Assert.Equal("c@d.co", state.Email);
            Assert.False(state.Blocked);
            SyncRules.Fold(state, new DueCustomerOperation { Operation = AsyncOperation.Deactivate });
            Assert.True(state.Blocked);
            Assert.Equal("Contoso", state.Name);
        }

        [Fact]
        public void TheLatestAttributeValueAndAffiliationOperationWin()
        {
            var attributes = new List<CustomerAttribute> { new CustomerAttribute { Name = "Size", Value = "M" } };
            SyncRules.FoldAttribute(attributes, new CustomerAttribute { Name = "size", Value = "L" });
            Assert.Equal("L", Assert.Single(attributes).Value);
            var affiliations = new List<string>();
            SyncRules.FoldAffiliation(affiliations, AsyncOperation.Create, "Student");
            SyncRules.FoldAffiliation(affiliations, AsyncOperation.Create, "student");
            Assert.Single(affiliations);
            SyncRules.FoldAffiliation(affiliations, AsyncOperation.Deactivate, "STUDENT");
            Assert.Empty(affiliations);
        }

        [Fact]
        public void HeadquartersRefusesACustomerWithoutANameOrCurrencyOrGroup()
        {
            Assert.Null(SyncRules.CheckCustomer(new DueCustomerOperation { FirstName = "Ann", Currency = "USD", CustomerGroup = "30" }));
            Assert.Equal("The customer has no name.", SyncRules.CheckCustomer(new DueCustomerOperation { Currency = "USD", CustomerGroup = "30" }));
            Assert.Contains("currency", SyncRules.CheckCustomer(new DueCustomerOperation { FirstName = "Ann", Currency = "EURO", CustomerGroup = "30" }));
            Assert.Equal("The customer has no customer group.", SyncRules.CheckCustomer(new DueCustomerOperation { FirstName = "Ann", Currency = "USD" }));
        }

        [Fact]
        public void AChildOfACustomerHeadquartersDoesNotHaveIsRefused()
        {
            var orphan = new DueChildOperation { OwnerExists = false, OwnerAccount = "C1", DataAreaId = "USRT", Checked = "US" };
            Assert.Equal("Customer account C1 does not exist in legal entity USRT.", SyncRules.CheckChild("address", orphan));
            Assert.Equal(SyncRules.NoSuchAccount("C1", "USRT"), SyncRules.CheckChild("attribute", orphan));
        }

        [Fact]
        public void ChildrenAreCheckedByTheirTable()
        {
            DueChildOperation Child(string value, int kind = 0) => new DueChildOperation { OwnerExists = true, Checked = value, Kind = kind };
            Assert.Null(SyncRules.CheckChild("address", Child("US")));
            Assert.Equal("The address has no country/region.", SyncRules.CheckChild("address", Child(null)));
            Assert.Equal("The contact email address is not valid.", SyncRules.CheckChild("contact", Child("nope", (int)ContactType.Email)));
            Assert.Equal("The affiliation has no name.", SyncRules.CheckChild("affiliation", Child(" ")));
            Assert.Equal("The attribute value is not an integer.", SyncRules.CheckChild("attribute", Child("1.5", (int)AttributeDataType.Integer)));
        }

        [Theory]
        [Trait("Doc", "customer-attributes.md")]
        [InlineData(AttributeDataType.Integer, "42", true)]
        [InlineData(AttributeDataType.Integer, "4.2", false)]
        [InlineData(AttributeDataType.Decimal, "4.2", true)]
        [InlineData(AttributeDataType.Decimal, "4,2x", false)]
        [InlineData(AttributeDataType.Boolean, "true", true)]
        [InlineData(AttributeDataType.Boolean, "True", false)]
        [InlineData(AttributeDataType.Text, "anything", true)]
        [InlineData(AttributeDataType.Integer, null, true)]
        public void AnAttributeValueReadsAsItsType_CustomerAttributesMd(AttributeDataType type, string value, bool accepted) =>
            Assert.Equal(accepted, SyncRules.CheckAttributeValue(type, value) == null);
    }
}
