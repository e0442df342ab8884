using CommerceSync.Data.Engines;
using CommerceSync.Data.Engines.Postgres;
using CommerceSync.Data.Engines.Sqlite;
using CommerceSync.Data;
using Xunit;

namespace CommerceSync.Core.Tests.Engines
{
    /// <summary>
    /// Planner hints are out of the shared SQL text: a placeholder that the SQLite engine writes out as SQLite's own syntax
    /// (so SQLite runs the text it ran before the hints moved, and plans it the same) and the PostgreSQL engine leaves out.
    /// </summary>
    public class PlannerHintTests
    {
        [Theory]
        [InlineData("SELECT seq FROM hq_change {0} WHERE seq > $from;", "SELECT seq FROM hq_change NOT INDEXED WHERE seq > $from;", "SELECT seq FROM hq_change WHERE seq > @from;")]
        [InlineData("SELECT a FROM k {1}JOIN t a ON a.id = k.id;", "SELECT a FROM k CROSS JOIN t a ON a.id = k.id;", "SELECT a FROM k JOIN t a ON a.id = k.id;")]
        [InlineData("SELECT a FROM t a {2} WHERE a.due = 1;", "SELECT a FROM t a INDEXED BY ix_t_due WHERE a.due = 1;", "SELECT a FROM t a WHERE a.due = 1;")]
        public void SqliteWritesHintsOutAndPostgresLeavesThemOut(string shared, string sqlite, string postgres)
        {
            var sql = string.Format(shared, PlannerHints.NotIndexed, PlannerHints.KeepJoinOrder, PlannerHints.IndexedBy("ix_t_due"));
            Assert.Equal(sqlite, SqliteEngine.Instance.Rewrite(sql));
            Assert.Equal(postgres, PostgresEngine.Instance.Rewrite(sql));
        }

        /// <summary>SQLite runs the hinted statements as it ran them when the hints were in the shared text, so its plans cannot change.</summary>
        [Fact]
        public void SqliteRunsTheHintedStatementsAsBefore()
        {
            Assert.Equal("SELECT data_area_id, account_number, MAX(seq) AS seq FROM hq_change NOT INDEXED WHERE seq > $from AND seq <= $to AND data_area_id = $area GROUP BY data_area_id, account_number",
                SqliteEngine.Instance.Rewrite(ChangeLog.LatestInWindow));
            Assert.Equal("json_each($k) k CROSS JOIN t a ON a.x = json_extract(k.value, '$[0]') AND a.y = json_extract(k.value, '$[1]')",
                SqliteEngine.Instance.Rewrite(SqlText.JoinKeys("$k", "t", "a", "x", "y")));
        }

        [Fact]
        public void SqlWithoutHintsIsRunAsWritten()
        {
            const string sql = "SELECT a FROM t WHERE b = $b;";
            Assert.Same(sql, SqliteEngine.Instance.Rewrite(sql));
        }

        [Fact]
        public void TheKeyJoinKeepsItsOrderOnSqliteOnly()
        {
            var join = SqlText.JoinKeys("$k", "t", "t", "a", "b");
            Assert.Contains("k CROSS JOIN t t ON", SqliteEngine.Instance.Rewrite(join));
            Assert.DoesNotContain("CROSS", PostgresEngine.Instance.Rewrite(join));
        }
    }
}
