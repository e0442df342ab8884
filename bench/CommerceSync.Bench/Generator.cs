using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using CommerceSync.Data;
using Microsoft.Data.Sqlite;

namespace CommerceSync.Bench
{
    /// <summary>
    /// The benchmark data, made fast through the core's own writer: AsyncCustomerStore.Append in batches of 50,000 customers
    /// (one transaction and one prepared statement per table each), and TransactionStore.Append for the sales.
    /// Every customer has one address and two attributes; channels get customers round-robin. Deterministic (seeded).
    /// </summary>
    public static class Generator
    {
        public const int Batch = 50000;
        /// <summary>Nine digits: the default C###### stops at 999,999 accounts, less than the 1M benchmark needs.</summary>
        public const string AccountFormat = "C#########";
        public const string DataArea = "USRT";
        private static readonly string[] First = { "Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Frances", "Niklaus", "Radia", "John" };
        private static readonly string[] Last = { "Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Thompson", "Allen", "Wirth", "Perlman", "Backus" };
        private static readonly string[] Cities = { "Seattle", "Redmond", "Portland", "Boise", "Spokane", "Tacoma", "Eugene" };

        public static string ChannelId(int i) => "S" + (i + 1).ToString("D4", CultureInfo.InvariantCulture);

        /// <summary>A new store with <paramref name="channels"/> async-mode channels of one legal entity (one data group for 1010).</summary>
        public static StoreDatabase CreateStore(string path, int channels)
        {
            var db = StoreDatabase.Create(path, AccountFormat, force: true);
            var store = new ChannelStore(db);
            for (var i = 0; i < channels; i++)
            {
                store.Add(new Channel { ChannelId = ChannelId(i), Name = "Store " + (i + 1), DataAreaId = DataArea, AsyncCustomerMode = true });
            }
            return db;
        }

        public static PhaseResult Generate(string path, int customers, int channels, int transactionsPer100)
        {
            var sw = Stopwatch.StartNew();
            long rows = 0;
            using (var db = CreateStore(path, channels))
            {
                rows += AppendCustomers(db, 0, customers, channels, new Random(42));
                rows += AppendTransactions(db, customers, channels, transactionsPer100);
            }
            Close(path);
            sw.Stop();
            var result = new PhaseResult { Phase = "generate", Seconds = sw.Elapsed.TotalSeconds, Rows = rows };
            result.Counts["customers"] = customers;
            result.Counts["bytes"] = new FileInfo(path).Length;
            return result;
        }

        /// <summary>Appends customers first..first+count-1 (one address, two attributes each). Returns the channel rows written.</summary>
        public static long AppendCustomers(StoreDatabase db, int first, int count, int channels, Random rng, List<string> ids = null)
        {
            var store = new AsyncCustomerStore(db);
            var batch = new List<AsyncCustomer>(Math.Min(Batch, count));
            long rows = 0;
            for (var i = first; i < first + count; i++)
            {
                batch.Add(Customer(i, channels, rng));
                ids?.Add(batch[batch.Count - 1].AsyncCustomerId);
                if (batch.Count == Batch)
                {
                    store.Append(batch);
                    rows += batch.Count * 4L;
                    batch.Clear();
                }
            }
            store.Append(batch);
            rows += batch.Count * 4L;
            return rows;
        }

        public static Guid NextGuid(Random rng)
        {
            var b = new byte[16];
            rng.NextBytes(b);
            b[7] = (byte)((b[7] & 0x0F) | 0x40); // version 4
            b[8] = (byte)((b[8] & 0x3F) | 0x80);
            return new Guid(b);
        }

        /// <summary>The async id of customer i is derived from i, so later phases can find customers without reading them back.</summary>
        public static string AsyncId(int i) => new Guid(i, (short)0x5EED, 0x4000, 0x80, 0, 0, 0, 0, 0, 0, 1).ToString();

        public static string AddressId(int i) => "A" + i.ToString("D9", CultureInfo.InvariantCulture);

        private static AsyncCustomer Customer(int i, int channels, Random rng)
        {
            var channel = ChannelId(i % channels);
            var fn = First[rng.Next(First.Length)];
            var ln = Last[rng.Next(Last.Length)];
            // A random-looking GUID, as a POS makes (deterministic per i, so the record phases can refer to it).
            var id = AsyncIdRandom(i, rng);
            return new AsyncCustomer
            {
                AsyncCustomerId = id,
                ChannelId = channel,
                DataAreaId = DataArea,
                FirstName = fn,
                LastName = ln,
                Name = fn + " " + ln,
                Email = "c" + i.ToString(CultureInfo.InvariantCulture) + "@example.com",
                Phone = "+1 555 " + (i % 10000000).ToString("D7", CultureInfo.InvariantCulture),
                CustomerGroup = "30",
                Currency = "USD",
                Language = "en-us",
                Addresses = new[]
                {
                    new AsyncAddress
                    {
                        AddressId = AddressId(i), ChannelId = channel, AsyncCustomerId = id, Street = (i % 9000 + 1) + " Main St",
                        City = Cities[i % Cities.Length], State = "WA", ZipCode = (98000 + i % 1000).ToString(CultureInfo.InvariantCulture),
                        Country = "USA", Purpose = "Home", IsPrimary = true,
                    },
                },
                Attributes = new[]
                {
                    new CustomerAttribute { Name = "LoyaltyTier", DataType = AttributeDataType.Text, Value = i % 3 == 0 ? "Gold" : "Silver" },
                    new CustomerAttribute { Name = "Visits", DataType = AttributeDataType.Integer, Value = (i % 50).ToString(CultureInfo.InvariantCulture) },
                },
            };
        }

        /// <summary>GUIDs in random order (as real ones are, which is what makes their indexes expensive), unique per i.</summary>
        private static string AsyncIdRandom(int i, Random rng)
        {
            var g = NextGuid(rng).ToByteArray();
            var n = BitConverter.GetBytes(i);
            // The last four bytes carry i, so ids never collide whatever the random part is.
            g[12] = n[0]; g[13] = n[1]; g[14] = n[2]; g[15] = n[3];
            return new Guid(g).ToString();
        }

        /// <summary>
        /// Sales that reference async customers: per 100 customers, <paramref name="per100"/> customer order(s) (with the customer's
        /// address as delivery address) and as many cash-and-carry sales, over 5 business days.
        /// </summary>
        public static long AppendTransactions(StoreDatabase db, int customers, int channels, int per100, string[] ids = null)
        {
            if (per100 <= 0 || customers == 0) return 0;
            var count = Math.Max(1, customers / 100 * per100);
            ids = ids ?? ReadIds(db, customers);
            var list = new List<Transaction>(count * 2);
            for (var k = 0; k < count; k++)
            {
                var order = (int)((2L * k) * customers / (2L * count));
                var sale = (int)((2L * k + 1) * customers / (2L * count));
                list.Add(new Transaction
                {
                    ChannelId = ChannelId(order % channels), Type = TransactionType.CustomerOrder, AsyncCustomerId = ids[order],
                    DeliveryAddressId = AddressId(order), Amount = 10m + k % 100, BusinessDate = new DateTime(2026, 11, 1).AddDays(k % 5),
                });
                list.Add(new Transaction
                {
                    ChannelId = ChannelId(sale % channels), Type = TransactionType.CashAndCarry, AsyncCustomerId = ids[sale],
                    Amount = 5m + k % 50, BusinessDate = new DateTime(2026, 11, 1).AddDays(k % 5),
                });
            }
            var tx = new TransactionStore(db);
            for (var i = 0; i < list.Count; i += Batch) tx.Append(list.GetRange(i, Math.Min(Batch, list.Count - i)));
            return list.Count;
        }

        /// <summary>Async ids by customer number (address ids carry the number).</summary>
        private static string[] ReadIds(StoreDatabase db, int customers)
        {
            var ids = new string[customers];
            using (var c = Open(db.Path, readOnly: true))
            using (var cmd = c.CreateCommand())
            {
                cmd.CommandText = "SELECT address_id, async_customer_id FROM ch_async_address WHERE operation = 1;";
                using (var r = cmd.ExecuteReader())
                {
                    while (r.Read())
                    {
                        var n = int.Parse(r.GetString(0).Substring(1), CultureInfo.InvariantCulture);
                        if (n < customers) ids[n] = r.GetString(1);
                    }
                }
            }
            return ids;
        }

        /// <summary>A CSV a user would feed to Import-Csv | New-AsyncCustomer (one address by its parts per row).</summary>
        public static PhaseResult WriteCsv(string path, int rows, int channels)
        {
            var sw = Stopwatch.StartNew();
            var rng = new Random(7);
            using (var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20))
            {
                w.WriteLine("Channel,FirstName,LastName,Email,Phone,Street,City,State,ZipCode,Country");
                for (var i = 0; i < rows; i++)
                {
                    w.Write(ChannelId(i % channels)); w.Write(',');
                    w.Write(First[rng.Next(First.Length)]); w.Write(',');
                    w.Write(Last[rng.Next(Last.Length)]); w.Write(',');
                    w.Write("csv" + i.ToString(CultureInfo.InvariantCulture) + "@example.com"); w.Write(',');
                    w.Write("+1 555 " + (i % 10000000).ToString("D7", CultureInfo.InvariantCulture)); w.Write(',');
                    w.Write((i % 9000 + 1).ToString(CultureInfo.InvariantCulture) + " Main St"); w.Write(',');
                    w.Write(Cities[i % Cities.Length]); w.Write(",WA,");
                    w.Write((98000 + i % 1000).ToString(CultureInfo.InvariantCulture)); w.WriteLine(",USA");
                }
            }
            return new PhaseResult { Phase = "csv", Seconds = sw.Elapsed.TotalSeconds, Rows = rows };
        }

        /// <summary>Copies the WAL into the main file (from a second connection; the store's own may stay open if idle).</summary>
        public static void Checkpoint(string path)
        {
            using (var c = Open(path))
            using (var cmd = c.CreateCommand())
            {
                cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                cmd.ExecuteNonQuery();
            }
        }

        /// <summary>Closes pooled connections so the WAL is checkpointed into the file: the file alone is then a complete copy.</summary>
        public static void Close(string path)
        {
            SqliteConnection.ClearAllPools();
            using (var c = Open(path))
            using (var cmd = c.CreateCommand())
            {
                cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                cmd.ExecuteNonQuery();
            }
            SqliteConnection.ClearAllPools();
        }

        /// <summary>A plain connection to a store file (the harness's own, for the reference SQL and for counting).</summary>
        public static SqliteConnection Open(string path, bool readOnly = false)
        {
            StoreDatabase.EnsureSqliteProvider();
            var c = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
                Pooling = false,
                DefaultTimeout = 600,
            }.ToString());
            c.Open();
            using (var cmd = c.CreateCommand())
            {
                // The pragmas the core sets on every connection (StoreDatabase.ApplyPragmas), so the reference runs under the same rules.
                cmd.CommandText = "PRAGMA busy_timeout = 600000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;";
                cmd.ExecuteNonQuery();
            }
            return c;
        }
    }
}
