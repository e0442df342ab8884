using System;
using System.IO;
using System.Runtime.InteropServices;
using CommerceSync.Storage;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>The shape rules every value goes through, and the errors a full disk gets.</summary>
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

        [Fact]
        public void AStoreThatRunsOutOfRoomIsStoreFullAndKeepsNothingOfTheWrite()
        {
            if (TestStore.Backend != StoreBackend.SQLite) return; // the size limit below is SQLite's
            using (var s = new TestStore())
            {
                s.Channel("S1");
                // SQLite answers SQLITE_FULL when the file may not grow: its page limit stands in for a full disk.
                var pages = s.Db.Scalar<long>("PRAGMA page_count;");
                s.Db.Execute("PRAGMA max_page_count = " + (pages + 2) + ";");
                var store = new AsyncCustomerStore(s.Db);
                var batch = new System.Collections.Generic.List<AsyncCustomer>();
                for (var i = 0; i < 2000; i++)
                {
                    batch.Add(store.Prepare(new AsyncCustomer { ChannelId = "S1", FirstName = "Customer" + i, LastName = new string('x', 90), Email = "c" + i + "@example.com" }));
                }
                // Rows go in through the store's batched inserts, which name a full disk on the spot.
                var ex = Assert.Throws<CommerceSyncException>(() => store.Append(batch));
                Assert.Equal(ErrorIds.StoreFull, ex.ErrorId);
                Assert.Equal(0, s.Db.Count("ch_async_customer"));
                // SQL the store runs itself is translated on the spot.
                var direct = Assert.Throws<CommerceSyncException>(() => s.Db.Execute(
                    "CREATE TEMP TABLE IF NOT EXISTS x(i INTEGER); INSERT INTO channel(channel_id, name, data_area_id, async_customer_mode, offline_database, default_customer_group, default_currency, created_at, is_offline, filter_shared_customer_data) " +
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000) SELECT 'F' || i, hex(randomblob(60)), 'USRT', 0, 0, '30', 'USD', '2026-01-01', 0, 0 FROM n;"));
                Assert.Equal(ErrorIds.StoreFull, direct.ErrorId);
                Assert.Contains("full", ex.Message);
                Assert.Equal(0, s.Db.Count("ch_async_customer"));
            }
        }

        [Fact]
        public void AFileWriteOnAFullDiskIsStoreFull()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || !File.Exists("/dev/full")) return; // /dev/full: every write fails with ENOSPC
            var io = Assert.ThrowsAny<IOException>(() =>
            {
                using (var f = new FileStream("/dev/full", FileMode.Open, FileAccess.Write))
                {
                    f.Write(new byte[4096], 0, 4096);
                    f.Flush();
                }
            });
            Assert.True(StoreErrors.IsDiskFull(io));
            var ex = Assert.IsType<CommerceSyncException>(StoreErrors.Translate(io, "/tmp/x.jsonl"));
            Assert.Equal(ErrorIds.StoreFull, ex.ErrorId);
            Assert.Same(io, ex.InnerException);
            var other = new IOException("something else", 5);
            Assert.Same(other, StoreErrors.Translate(other, "/tmp/x.jsonl"));
        }

        [Fact]
        public void TextThatIsNotValidUtf16NeverReachesTheStore()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                // Past every rule (a path that builds its own values): the store still refuses to bind it.
                var ex = Assert.Throws<CommerceSyncException>(() => s.Db.Execute("UPDATE channel SET name = $n WHERE channel_id = 'S1';", ("$n", "Store \uD800")));
                Assert.Equal(ErrorIds.InvalidValue, ex.ErrorId);
                Assert.Equal("S1", new ChannelStore(s.Db).Get("S1").Name);
            }
        }
    }
}
