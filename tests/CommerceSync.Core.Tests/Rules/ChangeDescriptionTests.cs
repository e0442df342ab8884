using System.Collections.Generic;
using CommerceSync.Rules;
using Xunit;

namespace CommerceSync.Core.Tests.Rules
{
    /// <summary>
    /// The status page's change description and attribute corrections. Source: audit-async-customer-operations.md ("View a
    /// brief description of the change along with the status"; "Customer attributes ... old and new values. This is the
    /// section you can edit").
    /// </summary>
    [Trait("Doc", "audit-async-customer-operations.md")]
    public class ChangeDescriptionTests
    {
        private static string Describe(string kind, AsyncOperation op, AsyncCustomerOperation o = null)
        {
            o = o ?? new AsyncCustomerOperation();
            o.Kind = kind;
            o.Operation = op;
            return OperationRules.Describe(o);
        }

        [Fact]
        public void ACustomerOperationNamesTheCustomer()
        {
            Assert.Equal("Create customer Ann Lee", Describe("Customer", AsyncOperation.Create, new AsyncCustomerOperation { FirstName = "Ann", LastName = "Lee" }));
            Assert.Equal("Update customer Contoso", Describe("Customer", AsyncOperation.Update, new AsyncCustomerOperation { Name = "Contoso", FirstName = "x" }));
            Assert.Equal("Deactivate customer", Describe("Customer", AsyncOperation.Deactivate));
        }

        [Fact]
        public void AnAddressOperationNamesItsPurposeAndCity()
        {
            Assert.Equal("Add address Home, Berlin", Describe("Address", AsyncOperation.Create, new AsyncCustomerOperation { Purpose = "Home", City = "Berlin" }));
            Assert.Equal("Change address Berlin", Describe("Address", AsyncOperation.Update, new AsyncCustomerOperation { City = "Berlin" }));
            Assert.Equal("Remove address", Describe("Address", AsyncOperation.Deactivate));
        }

        [Fact]
        public void AttributeContactAndAffiliationOperationsSayWhatTheyDo()
        {
            Assert.Equal("Set attribute LoyaltyTier", Describe("Attribute", AsyncOperation.Create, new AsyncCustomerOperation { AttributeName = "LoyaltyTier", AttributeValue = "Gold" }));
            Assert.Equal("Set attribute LoyaltyTier", Describe("Attribute", AsyncOperation.Update, new AsyncCustomerOperation { AttributeName = "LoyaltyTier" }));
            Assert.Equal("Add email contact", Describe("Contact", AsyncOperation.Update, new AsyncCustomerOperation { Email = "a@b.c" }));
            Assert.Equal("Add phone contact", Describe("Contact", AsyncOperation.Create, new AsyncCustomerOperation { Phone = "555" }));
            Assert.Equal("Add affiliation Employee", Describe("Affiliation", AsyncOperation.Create, new AsyncCustomerOperation { Affiliation = "Employee" }));
            Assert.Equal("Remove affiliation Student", Describe("Affiliation", AsyncOperation.Deactivate, new AsyncCustomerOperation { Affiliation = "Student" }));
        }

        [Fact]
        public void AnAttributeCorrectionTakesTheEntryNamedAsTheOperationsAttribute()
        {
            var op = new AsyncCustomerOperation { Kind = "Attribute", ChannelId = "S1", ReplicationCounter = 3, AttributeName = "LoyaltyTier" };
            var given = new List<CustomerAttribute> { CustomerRules.ToAttribute("Other", "x"), CustomerRules.ToAttribute("loyaltytier", "Gold") };
            Assert.Equal("Gold", OperationRules.AttributeFor(op, given).Value);
            var ex = Assert.Throws<CommerceSyncException>(() => OperationRules.AttributeFor(op, new List<CustomerAttribute> { CustomerRules.ToAttribute("Other", "x") }));
            Assert.Equal(ErrorIds.InvalidValue, ex.ErrorId);
            Assert.Contains("sets attribute 'LoyaltyTier'", ex.Message);
            op.Kind = "Customer";
            Assert.Equal(ErrorIds.InvalidValue, Assert.Throws<CommerceSyncException>(() => OperationRules.AttributeFor(op, given)).ErrorId);
        }
    }
}
