using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using CommerceSync.Data;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>What the store does with values past the rules: escaping, blocking keys, a full disk, broken text.</summary>
    public class StoreInputTests
    {
        [Fact]
        public void WildcardsAndJsonAreEscaped()
        {
            Assert.Equal("a%b_c\\%d\\_e", SqlText.WildcardToLike("a*b?c%d_e"));
            Assert.Equal("[\"a\\\"b\",\"c\\\\d\",null]", SqlText.JsonArray(new[] { "a\"b", "c\\d", null }));
        }

        [Fact]
        public void DuplicateKeysNormalize()
        {
            var keys = DuplicateStore.BlockingKeys("Zoë O'Neil", " ZOE@Example.com ", "+1 (206) 555-0100", "98-101").ToList();
            Assert.Contains(("email", "zoe@example.com"), keys);
            Assert.Contains(("phone", "2065550100"), keys);
            Assert.Contains(("name+zip", "zoeoneil|98101"), keys);
        }

        [Fact]
        public void AContactWithoutAValueIsKeptAsABlankOneThatHqRefuses()
        {
            // Set-AsyncCustomer -AddEmail 'a@b.example', $null: the missing value is a blank contact, as '' is, not a crash.
            using (var s = new TestStore())
            {
                s.Channel("S1");
                var c = s.Customer("S1", "Ann");
                new AsyncCustomerStore(s.Db).AppendChange(new AsyncCustomerChange
                {
                    ChannelId = "S1", AsyncCustomerId = c.AsyncCustomerId,
                    Contacts = new[] { new CustomerContact { Type = ContactType.Email, Locator = null } },
                });
                s.PJob();
                s.Sync();
                var contact = new OperationStore(s.Db).Read(null).Single(o => o.Kind == "Contact");
                Assert.Equal(OperationSyncStatus.Failed, contact.SyncStatus);
                Assert.Equal("The contact has no value.", contact.Error);
            }
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
