using System;
using System.Linq;
using CommerceSync.Rules;
using Xunit;

namespace CommerceSync.Core.Tests.Rules
{
    /// <summary>
    /// The feature switches of async customer mode. Source: async-customer-mode.md (MicrosoftDocs/dynamics-365-unified-operations-public),
    /// "Async customer enhancements" and "Feature switch hierarchy"; async-customer-mode-faq.md; customer-mgmt-stores.md
    /// ("Async customer limitations": what D365 did before the features).
    /// </summary>
    [Trait("Doc", "async-customer-mode.md")]
    public class FeatureRulesTests
    {
        private static FeatureStates Off(params FeatureId[] off) => new FeatureStates(off);

        [Theory]
        // "Ability to create address asynchronously during checkout | 10.0.22 and later | Feature switch: Enable asynchronous creation for customer addresses"
        [InlineData(FeatureId.AsyncAddresses, "Enable asynchronous creation for customer addresses", "10.0.22")]
        // "Enable parity between synchronous and asynchronous customer creation. | 10.0.24 and later | Feature switch: Enable enhanced async customer creation"
        [InlineData(FeatureId.EnhancedCreation, "Enable enhanced async customer creation", "10.0.24")]
        // "Ability to edit customer information asynchronously | 10.0.29 and later | Feature switch: Enable editing customers in asynchronous mode"
        [InlineData(FeatureId.AsyncEditing, "Enable editing customers in asynchronous mode", "10.0.29")]
        // "Ability to audit synchronization of customer management operations | 10.0.31 and later" (audit-async-customer-operations.md: the "Customer synchronization status" page)
        [InlineData(FeatureId.SyncStatusPage, "Customer synchronization status", "10.0.31")]
        // "Performance improvements for customer orders and customer transactions – This feature has been mandatory since the Commerce version 10.0.28 release."
        [InlineData(FeatureId.CustomerOrderPerformance, "Performance improvements for customer orders and customer transactions", "10.0.28")]
        public void EachFeatureHasTheNameAndVersionTheDocsGive_AsyncCustomerModeMd(FeatureId id, string name, string version)
        {
            var d = FeatureRules.Of(id);
            Assert.Equal(name, d.Name);
            Assert.Equal(version, d.Version);
        }

        [Fact]
        public void TheCatalogHasEveryFeatureOnce() =>
            Assert.Equal(Enum.GetValues(typeof(FeatureId)).Cast<FeatureId>().OrderBy(i => i), FeatureRules.Catalog.Select(d => d.Id).OrderBy(i => i));

        [Fact]
        public void EditingNeedsTheThreeFeaturesTheHierarchyNames_FeatureSwitchHierarchy()
        {
            // "before you enable the Enable editing customers in asynchronous mode feature, you must enable the following features:
            // Performance improvements for customer orders and customer transactions; Enable enhanced async customer creation;
            // Enable asynchronous creation for customer addresses"
            Assert.Equal(new[] { FeatureId.CustomerOrderPerformance, FeatureId.EnhancedCreation, FeatureId.AsyncAddresses }.OrderBy(i => i),
                FeatureRules.Of(FeatureId.AsyncEditing).Prerequisites.OrderBy(i => i));
            Assert.All(FeatureRules.Catalog.Where(d => d.Id != FeatureId.AsyncEditing), d => Assert.Empty(d.Prerequisites));
        }

        [Fact]
        public void EditingIsRefusedWhileAPrerequisiteIsOffAndTheErrorNamesIt_AsyncCustomerModeFaqMd()
        {
            // "Why can't I enable the "Enable editing customers in asynchronous mode" feature?"
            var ex = Assert.Throws<CommerceSyncException>(() => FeatureRules.CheckEnable(FeatureId.AsyncEditing, Off(FeatureId.AsyncAddresses, FeatureId.AsyncEditing)));
            Assert.Equal(ErrorIds.FeaturePrerequisiteOff, ex.ErrorId);
            Assert.Contains("'Enable asynchronous creation for customer addresses'", ex.Message);
            Assert.DoesNotContain("'Enable enhanced async customer creation'", ex.Message);
            Assert.Contains("Enable-CommerceFeature", ex.Message);
            FeatureRules.CheckEnable(FeatureId.AsyncEditing, Off(FeatureId.AsyncEditing));
        }

        [Fact]
        public void APrerequisiteCannotBeTurnedOffWhileEditingIsOn_TheHierarchyTheOtherWay()
        {
            var ex = Assert.Throws<CommerceSyncException>(() => FeatureRules.CheckDisable(FeatureId.EnhancedCreation, FeatureStates.AllOn));
            Assert.Equal(ErrorIds.FeatureInUse, ex.ErrorId);
            Assert.Contains("'Enable editing customers in asynchronous mode'", ex.Message);
            Assert.Contains("Disable-CommerceFeature", ex.Message);
            FeatureRules.CheckDisable(FeatureId.EnhancedCreation, Off(FeatureId.AsyncEditing));
            FeatureRules.CheckDisable(FeatureId.AsyncEditing, FeatureStates.AllOn);
            FeatureRules.CheckDisable(FeatureId.SyncStatusPage, FeatureStates.AllOn);
        }

        [Fact]
        public void TheMandatoryFeatureCannotBeTurnedOff_MandatorySince10028()
        {
            var ex = Assert.Throws<CommerceSyncException>(() => FeatureRules.CheckDisable(FeatureId.CustomerOrderPerformance, Off(FeatureId.AsyncEditing)));
            Assert.Equal(ErrorIds.FeatureMandatory, ex.ErrorId);
            Assert.Contains("10.0.28", ex.Message);
        }

        [Fact]
        public void WithEditingOffAnAsyncCustomerCannotBeEditedUntilSynced_CustomerMgmtStoresMd()
        {
            // "Async customer records can't be edited unless the customer has been created in Commerce headquarters and the
            // new customer account ID has been synced back to the channel."
            Assert.Equal(FeatureId.AsyncEditing, FeatureRules.NeededToChange(new AsyncCustomerChange { AsyncCustomerId = Guid.NewGuid().ToString() }));
            Assert.Null(FeatureRules.NeededToChange(new AsyncCustomerChange { AccountNumber = "C000001" }));
            var ex = Assert.Throws<CommerceSyncException>(() => FeatureRules.Require(FeatureId.AsyncEditing, Off(FeatureId.AsyncEditing)));
            Assert.Equal(ErrorIds.FeatureDisabled, ex.ErrorId);
            Assert.Contains("'Enable editing customers in asynchronous mode'", ex.Message);
            Assert.Contains("Enable-CommerceFeature AsyncEditing", ex.Message);
            FeatureRules.Require(FeatureId.AsyncEditing, FeatureStates.AllOn);
        }

        [Fact]
        public void WithEnhancedCreationOffANewAsyncCustomerTakesNoAffiliationsFromTheDefaultCustomer_CustomerMgmtStoresMd()
        {
            // "Affiliations can't be associated with Async customers. Therefore, new Async customers don't inherit affiliations
            // from the default customer." Everything else the default customer gives still comes.
            var channel = new Channel { ChannelId = "S1", DataAreaId = "USRT", DefaultCustomerGroup = "30", DefaultCurrency = "USD" };
            var def = new Customer { AccountNumber = "C1", CustomerGroup = "40", Language = "en-us", Affiliations = new[] { "Employee" } };
            var before = new AsyncCustomer { FirstName = "A" };
            PosRules.PrepareCustomer(before, channel, def, FeatureRules.InheritsAffiliations(Off(FeatureId.EnhancedCreation)));
            Assert.Empty(before.Affiliations ?? Array.Empty<string>());
            Assert.Equal("40", before.CustomerGroup);
            Assert.Equal("en-us", before.Language);
            var after = new AsyncCustomer { FirstName = "B" };
            PosRules.PrepareCustomer(after, channel, def, FeatureRules.InheritsAffiliations(FeatureStates.AllOn));
            Assert.Equal(new[] { "Employee" }, after.Affiliations);
        }

        [Fact]
        public void ACustomerCreatedInRealTimeTakesTheAffiliationsWhateverTheAsyncFeature() =>
            // The limitation is of async customers: "new Async customers don't inherit affiliations from the default customer".
            Assert.True(FeatureRules.InheritsAffiliations(Off(FeatureId.EnhancedCreation), realTime: true));

        [Fact]
        public void AddressesAddedLaterNeedAsyncAddressCreation_ForSyncAndAsyncCustomers() =>
            // "This feature affects both sync customers and async customers."
            Assert.Equal(FeatureId.AsyncAddresses, FeatureRules.NeededToAddAddress);

        [Fact]
        public void EditingAnAddressNeedsEditingInAsynchronousModeToo() =>
            // "To edit addresses asynchronously in addition to creating them asynchronously, you must enable the Editing
            // customers in asynchronous mode feature."
            Assert.Equal(new[] { FeatureId.AsyncAddresses, FeatureId.AsyncEditing }, FeatureRules.NeededToChangeAddress);

        [Fact]
        public void EveryFeatureIsOnInANewStore() =>
            Assert.All(FeatureRules.Catalog, d => Assert.True(FeatureRules.Describe(d, FeatureStates.AllOn).Enabled));
    }
}
