using System;
using CommerceSync.Rules;
using Xunit;

namespace CommerceSync.Core.Tests.Rules
{
    /// <summary>
    /// What a POS checks and fills. Source: async-customer-mode.md (MicrosoftDocs/dynamics-365-unified-operations-public):
    /// defaults from the channel's default customer, no customer offline when the channel schema filters shared customer data,
    /// edits and deactivations appended as operations 2 and 3.
    /// </summary>
    [Trait("Doc", "async-customer-mode.md")]
    public class PosRulesTests
    {
        private static Channel Store(bool offline = false, bool filter = false) => new Channel
        {
            ChannelId = "S1", DataAreaId = "USRT", DefaultCustomerGroup = "30", DefaultCurrency = "USD", IsOffline = offline, FilterSharedCustomerData = filter,
        };

        [Fact]
        public void ANewCustomerTakesTheChannelsDefaultCustomerGroupAndCurrency_AsyncCustomerModeMd()
        {
            var c = new AsyncCustomer { ChannelId = "s1", FirstName = " Ann ", LastName = "Lee", Currency = " eur " };
            Assert.False(PosRules.PrepareCustomer(c, Store()));
            Assert.Equal("S1", c.ChannelId);
            Assert.Equal("USRT", c.DataAreaId);
            Assert.Equal("30", c.CustomerGroup);
            Assert.Equal("EUR", c.Currency);
            Assert.Equal("Ann Lee", c.Name);
            Assert.Null(c.AsyncCustomerId); // the caller gives it a new GUID
            Assert.Equal(AsyncCustomerStatus.Pending, c.Status);
        }

        private static Customer WalkIn() => new Customer
        {
            AccountNumber = "C000001", DataAreaId = "USRT", RelationshipType = RelationshipType.Organization, CustomerGroup = "20",
            Currency = "eur", Language = "de", ReceiptOption = ReceiptOption.Email, ReceiptEmail = "receipts@contoso.example",
            Affiliations = new[] { "Employee", "Senior" },
        };

        [Fact]
        [Trait("Doc", "customer-mgmt-stores.md")]
        public void ANewCustomerTakesWhatThePosLeftOutFromTheStoresDefaultCustomer()
        {
            // customer-mgmt-stores.md, "Default customer properties": "the customer type, customer group, receipt option,
            // receipt email, currency, and language" and the affiliations come from the store's default customer.
            var c = new CustomerDraft { Channel = "S1", Name = "Fabrikam" }.ToAsyncCustomer();
            PosRules.PrepareCustomer(c, Store(), WalkIn());
            Assert.Equal(RelationshipType.Organization, c.RelationshipType);
            Assert.Equal("20", c.CustomerGroup);
            Assert.Equal("EUR", c.Currency);
            Assert.Equal("de", c.Language);
            Assert.Equal(ReceiptOption.Email, c.ReceiptOption);
            Assert.Equal("receipts@contoso.example", c.ReceiptEmail);
            Assert.Equal(new[] { "Employee", "Senior" }, c.Affiliations);
        }

        [Fact]
        [Trait("Doc", "customer-mgmt-stores.md")]
        public void WhatThePosGaveWinsOverTheDefaultCustomerAndAffiliationsAreAddedOnce()
        {
            // "The receipt email is copied only if it isn't provided for the new customer."
            var c = new CustomerDraft
            {
                Channel = "S1", FirstName = "Ana", LastName = "Ruiz", RelationshipType = RelationshipType.Person, CustomerGroup = "10",
                Currency = "usd", Language = "en-us", ReceiptOption = ReceiptOption.Print, ReceiptEmail = "ana@contoso.example",
            }.ToAsyncCustomer();
            c.Affiliations = new[] { "employee" };
            PosRules.PrepareCustomer(c, Store(), WalkIn());
            Assert.Equal(RelationshipType.Person, c.RelationshipType);
            Assert.Equal(new[] { "10", "USD", "en-us", "ana@contoso.example" }, new[] { c.CustomerGroup, c.Currency, c.Language, c.ReceiptEmail });
            Assert.Equal(ReceiptOption.Print, c.ReceiptOption);
            Assert.Equal(new[] { "employee", "Senior" }, c.Affiliations);
        }

        [Fact]
        [Trait("Doc", "customer-mgmt-stores.md")]
        public void WithoutADefaultCustomerTheStoresOwnGroupAndCurrencyApplyAndTheTypeIsPerson()
        {
            var c = new CustomerDraft { Channel = "S1", Name = "Plain" }.ToAsyncCustomer();
            PosRules.PrepareCustomer(c, Store(), null);
            Assert.Equal(RelationshipType.Person, c.RelationshipType);
            Assert.Equal(new[] { "30", "USD" }, new[] { c.CustomerGroup, c.Currency });
            Assert.Null(c.Language);
            Assert.Null(c.ReceiptOption);
            Assert.Empty(c.Affiliations);
        }

        [Fact]
        public void AReceiptEmailTooLongForTheChannelIsRefusedAtThePosAndOneThatIsNoAddressAtHq()
        {
            var c = new CustomerDraft { Channel = "S1", Name = "X", ReceiptEmail = new string('a', 300) + "@x.example" }.ToAsyncCustomer();
            Assert.Equal(ErrorIds.InvalidValue, Assert.Throws<CommerceSyncException>(() => PosRules.PrepareCustomer(c, Store())).ErrorId);
            Assert.Equal("The receipt email address is not valid.", CustomerRules.CheckAtHeadquarters("X", null, null, null, null, null, "USD", "30", "not an address"));
            Assert.Null(CustomerRules.CheckAtHeadquarters("X", null, null, null, null, null, "USD", "30", "a@contoso.example"));
        }

        [Fact]
        public void AGivenIdMustBeAGuidAndComesBackCanonical()
        {
            var c = new AsyncCustomer { FirstName = "Ann", AsyncCustomerId = "{6F9619FF-8B86-D011-B42D-00C04FC964FF}" };
            Assert.True(PosRules.PrepareCustomer(c, Store()));
            Assert.Equal("6f9619ff-8b86-d011-b42d-00c04fc964ff", c.AsyncCustomerId);
            var bad = Assert.Throws<CommerceSyncException>(() => PosRules.PrepareCustomer(new AsyncCustomer { FirstName = "Ann", AsyncCustomerId = "42" }, Store()));
            Assert.Equal(ErrorIds.InvalidValue, bad.ErrorId);
            Assert.Equal("AsyncCustomerId must be a GUID.", bad.Message);
            Assert.Equal(ErrorIds.AsyncCustomerExists, PosRules.AsyncCustomerExists("x").ErrorId);
        }

        [Fact]
        public void ACustomerWithoutANameIsNameRequiredAndTooLongIsInvalidValue()
        {
            Assert.Equal(ErrorIds.NameRequired, Assert.Throws<CommerceSyncException>(() => PosRules.PrepareCustomer(new AsyncCustomer { Email = "a@b.co" }, Store())).ErrorId);
            Assert.Equal(ErrorIds.InvalidValue, Assert.Throws<CommerceSyncException>(() => PosRules.PrepareCustomer(new AsyncCustomer { FirstName = new string('x', 101) }, Store())).ErrorId);
        }

        [Fact]
        public void NoCustomerIsCreatedOfflineWhenTheChannelSchemaFiltersSharedCustomerData_AsyncCustomerModeMd()
        {
            var ex = Assert.Throws<CommerceSyncException>(() => PosRules.PrepareCustomer(new AsyncCustomer { FirstName = "Ann" }, Store(offline: true, filter: true)));
            Assert.Equal(ErrorIds.OfflineCreationNotAllowed, ex.ErrorId);
            PosRules.PrepareCustomer(new AsyncCustomer { FirstName = "Ann" }, Store(offline: true));
            PosRules.PrepareCustomer(new AsyncCustomer { FirstName = "Ann" }, Store(filter: true));
        }

        [Fact]
        [Trait("Doc", "customer-mgmt-stores.md")]
        public void AnAddressIsHomeForAPersonAndBusinessForAnOrganizationUnlessAPurposeOfTheListIsGiven()
        {
            // customer-mgmt-stores.md, "Default customer properties": "If the customer type is Person, the default value is
            // Home. If the customer type is Organization, the default value is Business."
            var a = new AsyncAddress { Street = "1 Main", Country = "US" };
            PosRules.PrepareAddress(a, Store(), RelationshipType.Person);
            Assert.Equal("Home", a.Purpose);
            Assert.Equal("S1", a.ChannelId);
            var o = new AsyncAddress { Street = "1 Main", Country = "US" };
            PosRules.PrepareAddress(o, Store(), RelationshipType.Organization);
            Assert.Equal("Business", o.Purpose);
            var b = new AsyncAddress { Purpose = "delivery" };
            PosRules.PrepareAddress(b, Store(), RelationshipType.Organization);
            Assert.Equal("Delivery", b.Purpose);
            Assert.Equal(ErrorIds.InvalidValue, Assert.Throws<CommerceSyncException>(() => PosRules.PrepareAddress(new AsyncAddress { Purpose = "Moon" }, Store(), RelationshipType.Person)).ErrorId);
            Assert.Equal(ErrorIds.InvalidValue, Assert.Throws<CommerceSyncException>(() => PosRules.PrepareAddress(new AsyncAddress { AddressId = "a,b" }, Store(), RelationshipType.Person)).ErrorId);
        }

        [Fact]
        [Trait("Doc", "customer-mgmt-stores.md")]
        public void AnAddressWithoutACountryTakesTheStoresOperatingUnitCountry()
        {
            // customer-mgmt-stores.md: "The value of the Country field for an address is inherited from the primary address
            // that is specified on the Operating unit page."
            var store = Store();
            store.Country = "DEU";
            var a = new AsyncAddress { City = "Berlin" };
            PosRules.PrepareAddress(a, store, RelationshipType.Person);
            Assert.Equal("DEU", a.Country);
            var given = new AsyncAddress { City = "Seattle", Country = "USA" };
            PosRules.PrepareAddress(given, store, RelationshipType.Person);
            Assert.Equal("USA", given.Country);
            // A store whose operating unit has no country leaves it blank (HQ then refuses the address, as it always did).
            var none = new AsyncAddress { City = "Nowhere" };
            PosRules.PrepareAddress(none, Store(), RelationshipType.Person);
            Assert.Null(none.Country);
        }

        [Fact]
        public void AnAddressAndAChangeNameExactlyOneCustomer()
        {
            Assert.True(PosRules.AddressOwner(new AsyncAddress { AsyncCustomerId = "g" }));
            Assert.False(PosRules.AddressOwner(new AsyncAddress { AccountNumber = "C1" }));
            Assert.Equal(ErrorIds.AddressOwnerRequired, Assert.Throws<CommerceSyncException>(() => PosRules.AddressOwner(new AsyncAddress())).ErrorId);
            Assert.Equal(ErrorIds.AddressOwnerRequired, Assert.Throws<CommerceSyncException>(() => PosRules.AddressOwner(new AsyncAddress { AsyncCustomerId = "g", AccountNumber = "C1" })).ErrorId);
            var change = new AsyncCustomerChange { AccountNumber = " C1 " };
            Assert.False(PosRules.ChangeOwner(change));
            Assert.Equal("C1", change.AccountNumber);
            Assert.Equal(ErrorIds.AddressOwnerRequired, Assert.Throws<CommerceSyncException>(() => PosRules.ChangeOwner(new AsyncCustomerChange())).ErrorId);
        }

        [Fact]
        public void AnEditIsOperation2ADeactivationOperation3AndOneWithNothingIsRefused_AsyncCustomerModeMd()
        {
            var edit = new AsyncCustomerChange { Operation = AsyncOperation.Create, Email = "a@b.co", Affiliations = new[] { "student" } };
            var (customerRow, rows) = PosRules.PrepareChange(edit);
            Assert.Equal(AsyncOperation.Update, edit.Operation);
            Assert.True(customerRow);
            Assert.Equal(2, rows);
            Assert.Equal(new[] { "Student" }, edit.Affiliations);
            var deactivate = PosRules.PrepareChange(new AsyncCustomerChange { Operation = AsyncOperation.Deactivate });
            Assert.Equal((true, 1), deactivate);
            var nothing = Assert.Throws<CommerceSyncException>(() => PosRules.PrepareChange(new AsyncCustomerChange()));
            Assert.Equal(ErrorIds.InvalidValue, nothing.ErrorId);
            Assert.StartsWith("Nothing to change", nothing.Message);
            Assert.Equal(ErrorIds.InvalidValue, Assert.Throws<CommerceSyncException>(() => PosRules.PrepareChange(new AsyncCustomerChange { Affiliations = new[] { " " } })).ErrorId);
        }

        [Fact]
        public void RefusalsNameTheCustomerAndTheChannel()
        {
            Assert.Equal(ErrorIds.AsyncCustomerNotFound, PosRules.NotCreatedAtChannel("g", "S1").ErrorId);
            var ex = PosRules.NotKnownToChannel("C1", "S1");
            Assert.Equal(ErrorIds.CustomerNotFound, ex.ErrorId);
            Assert.Equal("Customer 'C1' is not known to channel 'S1'.", ex.Message);
        }
    }
}
