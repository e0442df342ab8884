#nullable enable
using System.Linq;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>
    /// StoreDatabase.InsertRows on SQLite, where the engine steps one statement of its own per row: what it writes must be what
    /// a command of the provider writes for the same values, with the same refusal of broken text and the same errors.
    /// (PostgreSQL sends the provider's own multi-row commands, which the stores' tests cover on that pass.)
    /// </summary>
    [Trait("Backend", "SQLite")]
    public class InsertRowsTests
    {
        private static readonly object?[] Values = { null, "text", 5L, 7, true, 1.5, 12.34m, (short)3, (byte)9 };

        [Fact]
        public void WritesEachValueAsACommandWould()
        {
            using (var s = new TestStore())
            {
                s.Db.Execute("CREATE TABLE insert_probe(k INTEGER NOT NULL, a TEXT, b TEXT, c INTEGER, d INTEGER, e INTEGER, f REAL, g TEXT, h INTEGER, i INTEGER);");
                var columns = new[] { "k", "a", "b", "c", "d", "e", "f", "g", "h", "i" };
                s.Db.InsertRows("insert_probe", columns, new[] { new object?[] { 1L }.Concat(Values).ToArray() });
                s.Db.Execute("INSERT INTO insert_probe(" + string.Join(", ", columns) + ") VALUES ($k, $a, $b, $c, $d, $e, $f, $g, $h, $i);",
                    new[] { ("$k", (object?)2L) }.Concat(Values.Select((v, n) => ("$" + columns[n + 1], v))).ToArray());
                string? Row(long k) => s.Db.Scalar<string>("SELECT COALESCE(a, '<null>') || '|' || b || '|' || c || '|' || d || '|' || e || '|' || f || '|' || g || '|' || h || '|' || i FROM insert_probe WHERE k = $k;", ("$k", k));
                Assert.Equal(Row(2), Row(1));
                Assert.Equal("<null>|text|5|7|1|1.5|12.34|3|9", Row(1));
            }
        }

        [Fact]
        public void RefusesTextThatIsNotValidUtf16()
        {
            using (var s = new TestStore())
            {
                s.Db.Execute("CREATE TABLE insert_probe(a TEXT);");
                var ex = Assert.Throws<CommerceSyncException>(() => s.Db.InsertRows("insert_probe", new[] { "a" }, new[] { new object?[] { "broken \ud800" } }));
                Assert.Equal(ErrorIds.InvalidValue, ex.ErrorId);
            }
        }

        [Fact]
        public void AConstraintItBreaksIsTheStoresErrorNotTheEngines()
        {
            using (var s = new TestStore())
            {
                s.Db.Execute("CREATE TABLE insert_probe(a TEXT PRIMARY KEY);");
                var ex = Record.Exception(() => s.Db.InsertRows("insert_probe", new[] { "a" }, new[] { new object?[] { "x" }, new object?[] { "x" } }));
                Assert.NotNull(ex);
                // The same exception a command breaking the key gets (translated by the engine, not the provider's own).
                var viaCommand = Record.Exception(() => s.Db.Execute("INSERT INTO insert_probe(a) VALUES ('x');"));
                Assert.Equal(viaCommand!.GetType(), ex!.GetType());
                Assert.Equal((viaCommand as CommerceSyncException)?.ErrorId, (ex as CommerceSyncException)?.ErrorId);
            }
        }
    }
}
