using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CommerceSync.Data
{
    /// <summary>
    /// Customers that look like the same person: async customers not converted yet (as the POS last edited them) and HQ
    /// customers, across channels.
    /// Candidates meet only through blocking keys (normalized email, phone, name + postal code), never all pairs, so a large
    /// store stays fast; a key shared by more than <see cref="MaxBlock"/> customers is too common to mean anything and is skipped.
    /// </summary>
    public sealed class DuplicateStore
    {
        public const int MaxBlock = 50;
        private static readonly (string Key, double Weight, string Reason)[] Keys =
        {
            ("email", 0.6, "same email"),
            ("phone", 0.3, "same phone"),
            ("name+zip", 0.4, "same name and postal code"),
        };

        private readonly StoreDatabase db;

        public DuplicateStore(StoreDatabase db) { this.db = db; }

        public IEnumerable<DuplicateCandidate> Find(string[]? channelIds, double minimumScore)
        {
            var asyncScope = new SqlFilter().In(channelIds, "c.channel_id", "$channels");
            var hqScope = new SqlFilter().In(channelIds, "r.origin_channel_id", "$channels");
            db.Execute("CREATE TEMP TABLE IF NOT EXISTS dup_key(key_type TEXT NOT NULL, key TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, name TEXT, channel_id TEXT);");
            db.Execute("DELETE FROM temp.dup_key;");
            using (var tx = db.BeginWrite())
            {
                var candidates = db.Stream(@"
SELECT 'Async', c.async_customer_id, COALESCE(NULLIF(TRIM(c.name), ''), TRIM(COALESCE(c.first_name, '') || ' ' || COALESCE(c.last_name, ''))),
       COALESCE((SELECT e.email FROM ch_async_customer e WHERE e.async_customer_id = c.async_customer_id AND e.operation = 2 AND e.email IS NOT NULL ORDER BY e.counter DESC LIMIT 1), c.email),
       COALESCE((SELECT e.phone FROM ch_async_customer e WHERE e.async_customer_id = c.async_customer_id AND e.operation = 2 AND e.phone IS NOT NULL ORDER BY e.counter DESC LIMIT 1), c.phone),
       (SELECT a.zip_code FROM ch_async_address a WHERE a.async_customer_id = c.async_customer_id ORDER BY a.counter LIMIT 1), c.channel_id
FROM ch_async_customer c
WHERE c.operation = 1 AND NOT EXISTS(SELECT 1 FROM retail_cust_table r WHERE r.cust_account_async = c.async_customer_id)" + asyncScope.Sql + @"
UNION ALL
SELECT 'Customer', c.data_area_id || ':' || c.account_number, c.name, c.email, c.phone,
       (SELECT a.zip_code FROM hq_address a WHERE a.data_area_id = c.data_area_id AND a.account_number = c.account_number ORDER BY a.is_primary DESC LIMIT 1),
       r.origin_channel_id
FROM cust_table c LEFT JOIN retail_cust_table r ON r.data_area_id = c.data_area_id AND r.account_number = c.account_number
WHERE 1 = 1" + hqScope.Sql + ";",
                    r => (Kind: r.GetString(0), Id: r.GetString(1), Name: r.Str(2), Email: r.Str(3), Phone: r.Str(4), Zip: r.Str(5), Channel: r.Str(6)), asyncScope.Args);
                // Streamed (on SQLite): the keys go to the temp table as the candidates are read, so a large store never sits in memory.
                db.InsertRows("temp.dup_key", new[] { "key_type", "key", "kind", "id", "name", "channel_id" },
                    candidates.SelectMany(c => BlockingKeys(c.Name, c.Email, c.Phone, c.Zip).Select(k => new object?[] { k.Type, k.Key, c.Kind, c.Id, c.Name, c.Channel })));
                tx.Commit();
            }
            db.Execute("CREATE INDEX IF NOT EXISTS temp.ix_dup_key ON dup_key(key_type, key);");
            var pairs = db.ReadAll(@"
WITH blocks AS (SELECT key_type, key FROM temp.dup_key GROUP BY key_type, key HAVING COUNT(*) BETWEEN 2 AND $max)
SELECT a.kind, a.id, a.name, a.channel_id, b.kind, b.id, b.name, b.channel_id, group_concat(a.key_type, ',')
FROM blocks k
JOIN temp.dup_key a ON a.key_type = k.key_type AND a.key = k.key
JOIN temp.dup_key b ON b.key_type = k.key_type AND b.key = k.key AND (a.kind || a.id) < (b.kind || b.id)
GROUP BY a.kind, a.id, a.name, a.channel_id, b.kind, b.id, b.name, b.channel_id;",
                r => new { AKind = r.GetString(0), AId = r.GetString(1), AName = r.Str(2), ACh = r.Str(3), BKind = r.GetString(4), BId = r.GetString(5), BName = r.Str(6), BCh = r.Str(7), Keys = r.GetString(8) },
                ("$max", MaxBlock));
            return pairs.Select(p =>
            {
                var matched = Keys.Where(k => p.Keys.Split(',').Contains(k.Key)).ToList();
                return new DuplicateCandidate
                {
                    Score = Math.Round(Math.Min(1.0, matched.Sum(k => k.Weight)), 2),
                    Reason = string.Join(", ", matched.Select(k => k.Reason)),
                    FirstKind = p.AKind, FirstId = p.AId, FirstName = p.AName, FirstChannelId = p.ACh,
                    SecondKind = p.BKind, SecondId = p.BId, SecondName = p.BName, SecondChannelId = p.BCh,
                };
            }).Where(d => d.Score >= minimumScore).OrderByDescending(d => d.Score).ThenBy(d => d.FirstId, StringComparer.Ordinal).ToList();
        }

        /// <summary>The normalized keys one customer is filed under.</summary>
        internal static IEnumerable<(string Type, string Key)> BlockingKeys(string? name, string? email, string? phone, string? zip)
        {
            if (!string.IsNullOrWhiteSpace(email) && email.IndexOf('@') > 0) yield return ("email", email.Trim().ToLowerInvariant());
            var digits = new string((phone ?? "").Where(char.IsDigit).ToArray());
            if (digits.Length >= 7) yield return ("phone", digits.Length > 10 ? digits.Substring(digits.Length - 10) : digits);
            var letters = Fold(name);
            var postal = new string((zip ?? "").Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
            if (letters.Length >= 3 && postal.Length >= 3) yield return ("name+zip", letters + "|" + postal);
        }

        /// <summary>Lower-case letters only, accents removed, so "Zoë  O'Neil" and "zoe oneil" meet.</summary>
        private static string Fold(string? name)
        {
            if (string.IsNullOrEmpty(name)) return "";
            var sb = new StringBuilder(name.Length);
            foreach (var ch in name.Normalize(NormalizationForm.FormD))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
                if (char.IsLetter(ch)) sb.Append(char.ToLowerInvariant(ch));
            }
            return sb.ToString();
        }
    }
}
