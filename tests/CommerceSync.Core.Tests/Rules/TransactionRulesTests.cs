using System;
using CommerceSync.Rules;
using Xunit;

namespace CommerceSync.Core.Tests.Rules
{
    /// <summary>What a POS checks in a sale. The customer reference: async-customer-mode.md and convert-async-to-sync.md (a transaction keeps the GUID until the store has the account).</summary>
    public class TransactionRulesTests
    {
        [Fact]
        public void TheAmountIsTheSumOfTheLinesInHundredths()
        {
            var t = new Transaction { Lines = new[] { new TransactionLine { ItemId = " A ", Quantity = 1.5m, Price = 0.33m }, new TransactionLine { ItemId = "B", Quantity = 1, Price = 2 } } };
            TransactionRules.PrepareAmount(t);
            Assert.Equal(2.50m, t.Amount); // 2.495, rounded away from zero
            Assert.Equal("A", t.Lines[0].ItemId);
        }

        [Fact]
        public void LinesAndAmountsAreRefused()
        {
            Assert.Equal(ErrorIds.InvalidValue, Assert.Throws<CommerceSyncException>(() => TransactionRules.PrepareAmount(new Transaction { Amount = 0 })).ErrorId);
            Assert.Equal(ErrorIds.InvalidValue, Assert.Throws<CommerceSyncException>(() => TransactionRules.PrepareAmount(new Transaction { Lines = new[] { new TransactionLine { ItemId = "A", Quantity = 0, Price = 1 } } })).ErrorId);
            var tiny = Assert.Throws<CommerceSyncException>(() => TransactionRules.PrepareAmount(new Transaction { Lines = new[] { new TransactionLine { ItemId = "A", Quantity = 0.1m, Price = 0.01m } } }));
            Assert.Equal("The lines add up to less than 0.01.", tiny.Message);
        }

        [Fact]
        [Trait("Doc", "convert-async-to-sync.md")]
        public void GivenBothReferencesASaleKeepsTheGuidUntilTheStoreHasTheAccount_ConvertAsyncToSyncMd()
        {
            Assert.Equal(((string)null, "g"), TransactionRules.Reference(" C1 ", " g ", a => false));
            Assert.Equal(("C1", (string)null), TransactionRules.Reference(" C1 ", " g ", a => a == "C1"));
            Assert.Equal(("C1", (string)null), TransactionRules.Reference("C1", null, a => throw new InvalidOperationException("not asked")));
            Assert.Equal(((string)null, (string)null), TransactionRules.Reference(" ", "", a => throw new InvalidOperationException("not asked")));
        }

        [Fact]
        public void ACustomerOrderAndADeliveryAddressNeedACustomer()
        {
            Assert.Equal(ErrorIds.CustomerRequired, Assert.Throws<CommerceSyncException>(() => TransactionRules.SetCustomer(new Transaction { Type = TransactionType.CustomerOrder }, null, null)).ErrorId);
            Assert.Equal(ErrorIds.CustomerRequired, Assert.Throws<CommerceSyncException>(() => TransactionRules.SetCustomer(new Transaction { DeliveryAddressId = "A1" }, null, null)).ErrorId);
            var t = new Transaction { Type = TransactionType.CustomerOrder, DeliveryAddressId = " A1 " };
            Assert.Equal("A1", TransactionRules.SetCustomer(t, null, "g"));
            Assert.Equal("g", t.AsyncCustomerId);
            Assert.Null(TransactionRules.SetCustomer(new Transaction { DeliveryAddressId = " " }, null, null));
        }

        [Fact]
        public void TheBusinessDateIsTodayWhenNotGivenAndTheIdIsChecked()
        {
            var now = new DateTime(2026, 3, 4, 22, 5, 0, DateTimeKind.Utc);
            var t = new Transaction();
            Assert.False(TransactionRules.PrepareDateAndId(t, now));
            Assert.Equal(now.Date, t.BusinessDate);
            Assert.Equal(TransactionStatus.Pending, t.Status);
            var named = new Transaction { TransactionId = " T-1 ", BusinessDate = new DateTime(2026, 1, 2, 13, 0, 0) };
            Assert.True(TransactionRules.PrepareDateAndId(named, now));
            Assert.Equal("T-1", named.TransactionId);
            Assert.Equal(TimeSpan.Zero, named.BusinessDate.TimeOfDay);
            Assert.Equal(ErrorIds.InvalidValue, Assert.Throws<CommerceSyncException>(() => TransactionRules.PrepareDateAndId(new Transaction { BusinessDate = new DateTime(1800, 1, 1) }, now)).ErrorId);
            Assert.Equal(ErrorIds.InvalidValue, Assert.Throws<CommerceSyncException>(() => TransactionRules.PrepareDateAndId(new Transaction { TransactionId = "a*b" }, now)).ErrorId);
            Assert.Equal(ErrorIds.TransactionExists, TransactionRules.TransactionExists("T-1", "S1").ErrorId);
            Assert.Equal(ErrorIds.AddressNotFound, TransactionRules.AddressNotOfCustomer("A1", "S1").ErrorId);
            Assert.Equal(ErrorIds.AsyncCustomerNotFound, TransactionRules.AsyncCustomerNotReferenceable("g", "S1").ErrorId);
        }
    }
}
