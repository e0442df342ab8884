using System;
using System.Linq;
using CommerceSync.Data.Engines;
using CommerceSync.Data.Engines.Postgres;
using CommerceSync.Data.Migrations;
using CommerceSync.Data;
using Xunit;

namespace CommerceSync.Core.Tests.Engines
{
    /// <summary>
    /// The subset of SQLite's SQL the PostgreSQL translator accepts (Data/Engines/Postgres/README.md), without a server: each
    /// construct of it as PostgreSQL reads it, and what is outside it refused rather than passed through.
    /// </summary>
    public class PostgresTranslatorTests
    {
        [Theory]
        [InlineData("SELECT a FROM t WHERE b = $b AND c = $c;", "SELECT a FROM t WHERE b = @b AND c = @c;")]
        [InlineData("SELECT '$notAParameter', $p;", "SELECT '$notAParameter', @p;")]
        [InlineData("SELECT x FROM t WHERE c LIKE $p ESCAPE '\\';", "SELECT x FROM t WHERE c ILIKE @p ESCAPE '\\';")]
        [InlineData("SELECT * FROM temp.sync_chunk k JOIN hq_async_address a ON a.id = k.id;", "SELECT * FROM pg_temp.sync_chunk k JOIN hq_async_address a ON a.id = k.id;")]
        [InlineData("CREATE INDEX IF NOT EXISTS temp.ix_dup_key ON dup_key(key_type, key);", "CREATE INDEX IF NOT EXISTS ix_dup_key ON pg_temp.dup_key(key_type, key);")]
        [InlineData("CREATE TEMP TABLE IF NOT EXISTS c(a TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID;", "CREATE TEMP TABLE IF NOT EXISTS c(a TEXT NOT NULL PRIMARY KEY);")]
        [InlineData("SELECT group_concat(a, ',') FROM t;", "SELECT string_agg(a, ',') FROM t;")]
        [InlineData("WHERE a.sync_run_id IS NOT $retry AND b IS NULL AND c IS NOT NULL", "WHERE a.sync_run_id IS DISTINCT FROM @retry AND b IS NULL AND c IS NOT NULL")]
        [InlineData("WHERE is_new = 1 AND x IS $y AND f IS TRUE", "WHERE is_new = 1 AND x IS NOT DISTINCT FROM @y AND f IS TRUE")]
        [InlineData("SELECT h.a FROM t h WHERE h.b = json_extract(k.value, '$[1]');", "SELECT h.a FROM t h WHERE h.b = (CAST(k.value AS json)->>1);")]
        [InlineData("INSERT INTO s(key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value;", "INSERT INTO s(key, value) VALUES (@k, @v) ON CONFLICT(key) DO UPDATE SET value = excluded.value;")]
        public void TranslatesEachConstructOfTheSubset(string sqlite, string postgres) => Assert.Equal(postgres, PostgresSql.Rewrite(sqlite));

        [Fact]
        public void JsonArraysBecomeTheirElementsInAColumnNamedValue()
        {
            Assert.Equal("SELECT 1 FROM t WHERE c IN (SELECT value FROM json_array_elements_text(CAST(@ids AS json)) AS json_each(value));",
                PostgresSql.Rewrite("SELECT 1 FROM t WHERE c IN (SELECT value FROM json_each($ids));"));
            Assert.Equal("SELECT t.a FROM json_array_elements_text(CAST(@k AS json)) k(value) JOIN t t ON t.a = (CAST(k.value AS json)->>0) AND t.b = (CAST(k.value AS json)->>1)",
                PostgresEngine.Instance.Rewrite(SqlText.JoinKeys("$k", "t", "t", "a", "b").Insert(0, "SELECT t.a FROM ")));
        }

        [Fact]
        public void SubqueriesInFromGetANameWhereTheyHaveNone()
        {
            Assert.Equal("SELECT COUNT(*) FROM (SELECT a FROM t GROUP BY a HAVING COUNT(*) > 1) AS sub1;",
                PostgresSql.Rewrite("SELECT COUNT(*) FROM (SELECT a FROM t GROUP BY a HAVING COUNT(*) > 1);"));
            Assert.Equal("SELECT * FROM (SELECT 1 ORDER BY 1 LIMIT 2) AS x UNION ALL SELECT * FROM (SELECT ')' FROM u) AS sub1 ORDER BY 1;",
                PostgresSql.Rewrite("SELECT * FROM (SELECT 1 ORDER BY 1 LIMIT 2) AS x UNION ALL SELECT * FROM (SELECT ')' FROM u) ORDER BY 1;"));
            Assert.Equal("SELECT c FROM t WHERE c IN (SELECT d FROM u) AND EXISTS(SELECT 1 FROM (SELECT 2) y);",
                PostgresSql.Rewrite("SELECT c FROM t WHERE c IN (SELECT d FROM u) AND EXISTS(SELECT 1 FROM (SELECT 2) y);"));
        }

        [Fact]
        public void InsertOrIgnoreEndsEachOfItsStatementsWithOnConflictDoNothing()
        {
            Assert.Equal("DELETE FROM pg_temp.c;\nINSERT INTO pg_temp.c(a) SELECT a FROM w WHERE b = ';' ON CONFLICT DO NOTHING;\nUPDATE t SET x = 1;",
                PostgresSql.Rewrite("DELETE FROM temp.c;\nINSERT OR IGNORE INTO temp.c(a) SELECT a FROM w WHERE b = ';';\nUPDATE t SET x = 1;"));
        }

        [Fact]
        public void LeavesStringsQuotedNamesAndCommentsAlone()
        {
            const string sql = "SELECT \"LIKE\", 'x IS y LIKE temp.z $q INDEXED BY PRAGMA', a -- LIKE $w NOT INDEXED\nFROM t;";
            Assert.Equal("SELECT \"LIKE\", 'x IS y LIKE temp.z $q INDEXED BY PRAGMA', a -- LIKE $w NOT INDEXED\nFROM t;", PostgresSql.Rewrite(sql));
        }

        [Theory]
        [InlineData("SELECT x FROM t INDEXED BY ix_t_due WHERE y = 1;", "INDEXED BY")]
        [InlineData("SELECT x FROM t NOT INDEXED WHERE y = 1;", "NOT INDEXED")]
        [InlineData("SELECT * FROM k CROSS JOIN hq_async_address a ON a.id = k.id;", "CROSS JOIN")]
        [InlineData("INSERT OR REPLACE INTO t(a) VALUES (1);", "INSERT OR REPLACE")]
        [InlineData("REPLACE INTO t(a) VALUES (1);", "REPLACE INTO")]
        [InlineData("PRAGMA foreign_keys = ON;", "PRAGMA")]
        [InlineData("SELECT name FROM sqlite_master;", "sqlite_master")]
        [InlineData("SELECT rowid FROM t;", "rowid")]
        [InlineData("SELECT a FROM t WHERE a GLOB 'x*';", "GLOB")]
        [InlineData("SELECT strftime('%Y', created_at) FROM t;", "strftime")]
        [InlineData("SELECT IFNULL(a, 0) FROM t;", "IFNULL")]
        [InlineData("SELECT value FROM json_each('[1,2]');", "json_each")]
        [InlineData("SELECT json_extract(v, '$.name') FROM t;", "json_extract")]
        [InlineData("SELECT a /* a comment */ FROM t;", "/*")]
        public void RefusesWhatIsOutsideTheSubset(string sql, string construct)
        {
            var ex = Assert.Throws<NotSupportedException>(() => PostgresSql.Rewrite(sql));
            Assert.Contains(construct, ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("README.md", ex.Message);
        }

        [Fact]
        public void RefusesInMigrationsToo() =>
            Assert.Throws<NotSupportedException>(() => PostgresSql.Ddl("CREATE TABLE t(id INTEGER PRIMARY KEY AUTOINCREMENT);"));

        [Fact]
        public void MigrationsGetPostgresTypes()
        {
            var ddl = PostgresSql.Ddl(@"CREATE TABLE channel(
  channel_id TEXT PRIMARY KEY COLLATE NOCASE,
  data_area_id TEXT NOT NULL COLLATE NOCASE,
  next_counter INTEGER NOT NULL DEFAULT 1,
  share REAL);
CREATE TABLE party(party_id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE x(a TEXT NOT NULL COLLATE NOCASE REFERENCES channel(channel_id), n INTEGER NOT NULL, PRIMARY KEY(a, n)) WITHOUT ROWID;");
            Assert.Contains("channel_id public.citext PRIMARY KEY,", ddl);
            Assert.Contains("data_area_id public.citext NOT NULL,", ddl);
            Assert.Contains("next_counter BIGINT NOT NULL DEFAULT 1", ddl);
            Assert.Contains("share DOUBLE PRECISION", ddl);
            Assert.Contains("party_id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", ddl);
            Assert.Contains("a public.citext NOT NULL REFERENCES channel(channel_id), n BIGINT NOT NULL, PRIMARY KEY(a, n));", ddl);
            Assert.DoesNotContain("ROWID", ddl);
            Assert.DoesNotContain("NOCASE", ddl);
        }

        [Fact]
        public void EveryMigrationTranslatesWithoutSqliteLeftOver()
        {
            foreach (var step in Migrator.Scripts.Select(m => m.Sql))
            {
                var ddl = PostgresSql.Ddl(step);
                Assert.DoesNotContain("NOCASE", ddl);
                Assert.DoesNotContain("WITHOUT ROWID", ddl);
                Assert.DoesNotContain("INTEGER", ddl);
                Assert.DoesNotContain("INSERT OR", ddl);
            }
        }
    }
}
