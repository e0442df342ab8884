using System.Linq;
using CommerceSync.Rules;
using Xunit;

namespace CommerceSync.Core.Tests.Rules
{
    /// <summary>
    /// Edits and deactivations of addresses. Source: async-customer-mode.md (MicrosoftDocs/dynamics-365-unified-operations-public),
    /// "Ability to create address asynchronously": "To edit addresses asynchronously in addition to creating them
    /// asynchronously, you must enable the Editing customers in asynchronous mode feature"; the address table is an operation
    /// log keyed by AddressId whose latest row is the address (RetailAsyncAddressV2, operation 3 = deactivate); and
    /// customer-mgmt-stores.md: one primary address per customer and purpose.
    /// </summary>
    [Trait("Doc", "async-customer-mode.md")]
    public class AddressRulesTests
    {
        private static AsyncAddress Row(string id, long counter, AsyncOperation op = AsyncOperation.Create, string city = "Seattle", string purpose = "Home", bool primary = false) =>
            new AsyncAddress { AddressId = id, ReplicationCounter = counter, Operation = op, City = city, Purpose = purpose, IsPrimary = primary, Street = "1 Main St" };

        [Fact]
        public void AnEditReplacesWhatItGivesAndKeepsTheRest()
        {
            var current = Row("A1", 1, primary: true);
            current.ZipCode = "98101";
            var edit = AddressRules.Edit(current, new AsyncAddress { ChannelId = "S1", AccountNumber = "C1", City = " Redmond ", ZipCode = "  " }, null);
            Assert.Equal(AsyncOperation.Update, edit.Operation);
            Assert.Equal("A1", edit.AddressId);
            Assert.Equal("Redmond", edit.City);
            Assert.Equal("98101", edit.ZipCode); // blank is not given, as for customer edits
            Assert.Equal("1 Main St", edit.Street);
            Assert.True(edit.IsPrimary);
            Assert.Equal("C1", edit.AccountNumber);
            Assert.False(AddressRules.Edit(current, new AsyncAddress(), false).IsPrimary);
        }

        [Fact]
        public void ADeactivationCarriesTheAddressAsItStands()
        {
            var gone = AddressRules.Deactivation(Row("A1", 4, AsyncOperation.Update, "Tacoma"), new AsyncAddress { ChannelId = "S1", AsyncCustomerId = "g" });
            Assert.Equal(AsyncOperation.Deactivate, gone.Operation);
            Assert.Equal("Tacoma", gone.City);
            Assert.Equal("g", gone.AsyncCustomerId);
        }

        [Fact]
        public void TheLatestRowOfEachAddressWinsAndADeactivationRemovesIt()
        {
            var folded = AddressRules.Fold(new[]
            {
                Row("A1", 1), Row("A2", 2, city: "Olympia"), Row("A1", 3, AsyncOperation.Update, "Redmond"), Row("A2", 4, AsyncOperation.Deactivate),
                Row("A3", 5, city: "Everett"),
            });
            Assert.Equal(new[] { "A1", "A3" }, folded.Select(a => a.AddressId));
            Assert.Equal("Redmond", folded[0].City);
        }

        [Fact]
        public void OnePrimaryAddressPerPurpose_CustomerMgmtStoresMd()
        {
            var folded = AddressRules.Fold(new[]
            {
                Row("A1", 1, primary: true), Row("A2", 2, primary: true), Row("B1", 3, purpose: "Business", primary: true),
                Row("A1", 4, AsyncOperation.Update, "Redmond"),
            });
            // A1's edit row is not marked primary: A2 stays the primary Home address.
            Assert.Equal(new[] { "A2", "B1" }, folded.Where(a => a.IsPrimary).Select(a => a.AddressId));

            var again = AddressRules.Fold(new[] { Row("A1", 1, primary: true), Row("A2", 2, primary: true), Row("A1", 3, AsyncOperation.Update, primary: true) });
            Assert.Equal(new[] { "A1" }, again.Where(a => a.IsPrimary).Select(a => a.AddressId));
        }

        [Fact]
        public void TakingThePrimaryFlagAwayLeavesNoPrimaryOfThatPurpose()
        {
            // As at HQ: A2 lost the flag for good when A1 became primary again, so A1 losing it leaves none.
            var folded = AddressRules.Fold(new[]
            {
                Row("A1", 1, primary: true), Row("A2", 2, primary: true), Row("A1", 3, AsyncOperation.Update, primary: true), Row("A1", 4, AsyncOperation.Update),
            });
            Assert.Empty(folded.Where(a => a.IsPrimary));
        }

        [Fact]
        public void ANewCustomersLastPrimaryAddressOfAPurposeWins()
        {
            var given = new[] { Row("A1", 0, primary: true), Row("A2", 0, primary: true), Row("A3", 0, purpose: "Delivery", primary: true) };
            AddressRules.OnePrimaryPerPurpose(given);
            Assert.Equal(new[] { false, true, true }, given.Select(a => a.IsPrimary));
        }

        [Fact]
        public void AnAddressTheCustomerNoLongerHasIsNotFound()
        {
            var e = AddressRules.NotFound("A1", "C1", "S1", deactivated: true);
            Assert.Equal(ErrorIds.AddressNotFound, e.ErrorId);
            Assert.Contains("deactivated", e.Message);
            Assert.Contains("New-AsyncCustomerAddress", e.Message);
            Assert.Contains("Get-AsyncCustomer", AddressRules.NotFound("A1", "C1", "S1", deactivated: false).Message);
        }
    }
}
