using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CommerceSync.Rules;

namespace CommerceSync.Data
{
    public sealed class OperationFilter
    {
        public string[]? ChannelIds { get; set; }
        public string[]? AsyncCustomerIds { get; set; }
        public string[]? AccountNumbers { get; set; }
        public OperationSyncStatus[]? SyncStatuses { get; set; }
        public string[]? Kinds { get; set; }
        /// <summary>Only operations the P-job has uploaded (the HQ page shows only those).</summary>
        public bool UploadedOnly { get; set; }
        /// <summary>PowerShell wildcards the last known error must match (any of them); an operation without an error matches none.</summary>
        public string[]? ErrorWildcards { get; set; }
    }

    /// <summary>Fields an admin may correct in a failed uploaded operation before synchronizing it again.</summary>
    public sealed class OperationFix
    {
        public string? FirstName, LastName, Name, Email, Phone, Currency, CustomerGroup;
        public string? Street, City, ZipCode, Country;
        /// <summary>The corrected attribute (already checked against its definition); null leaves attribute operations alone.</summary>
        public CustomerAttribute? Attribute;
    }

    /// <summary>The "Customer synchronization status" page: every async operation with its sync status and last known error.</summary>
    public sealed class OperationStore
    {
        private static readonly (string Kind, string Channel, string Hq, string AccountColumn)[] Tables =
        {
            ("Customer", "ch_async_customer", "hq_async_customer", "h.account_number"),
            ("Address", "ch_async_address", "hq_async_address", "h.resolved_account"),
            ("Attribute", "ch_async_attribute", "hq_async_attribute", "h.resolved_account"),
            ("Contact", "ch_async_contact", "hq_async_contact", "h.resolved_account"),
            ("Affiliation", "ch_async_affiliation", "hq_async_affiliation", "h.resolved_account"),
        };

        // The content columns every branch of the union selects, in this order; a kind without the field selects NULL.
        private static readonly string[] ContentFields =
            { "first_name", "last_name", "name", "email", "phone", "currency", "customer_group", "street", "city", "state", "zip_code", "country", "purpose", "attribute_name", "attribute_value", "affiliation", "address_id", "old_value" };

        private static string Content(string kind)
        {
            // HQ's copy where uploaded (it carries corrections made at HQ), else the channel's row.
            string Col(string column) => "COALESCE(h." + column + ", c." + column + ")";
            const string contactType = "COALESCE(h.contact_type, c.contact_type)";
            return string.Join(", ", ContentFields.Select(f =>
            {
                string? e = null;
                switch (kind)
                {
                    case "Customer":
                        if (Array.IndexOf(new[] { "first_name", "last_name", "name", "email", "phone", "currency", "customer_group" }, f) >= 0) e = Col(f);
                        break;
                    case "Address":
                        if (Array.IndexOf(new[] { "name", "street", "city", "state", "zip_code", "country", "purpose" }, f) >= 0) e = Col(f);
                        if (f == "address_id") e = "c.address_id";
                        break;
                    case "Attribute":
                        if (f == "attribute_name") e = Col("name");
                        if (f == "attribute_value") e = Col("value");
                        // The value HQ had before: kept when the operation was applied, else what HQ has now.
                        if (f == "old_value") e = "CASE WHEN h.online_operation_completed = 1 THEN h.old_value ELSE (SELECT v.value FROM hq_customer_attribute v JOIN channel vc ON vc.channel_id = c.channel_id" +
                            " WHERE v.data_area_id = vc.data_area_id AND v.account_number = COALESCE(c.account_number, h.resolved_account, r.account_number) AND v.name = " + Col("name") + ") END";
                        break;
                    case "Contact":
                        if (f == "email") e = "CASE WHEN " + contactType + " = " + (int)CommerceSync.ContactType.Email + " THEN " + Col("locator") + " END";
                        if (f == "phone") e = "CASE WHEN " + contactType + " = " + (int)CommerceSync.ContactType.Phone + " THEN " + Col("locator") + " END";
                        break;
                    case "Affiliation":
                        if (f == "affiliation") e = Col("affiliation");
                        break;
                }
                return (e ?? "CAST(NULL AS TEXT)") + " AS " + f;
            }));
        }

        private readonly StoreDatabase db;

        public OperationStore(StoreDatabase db) { this.db = db; }

        public IEnumerable<AsyncCustomerOperation> Read(OperationFilter? filter)
        {
            filter = filter ?? new OperationFilter();
            var scope = new SqlFilter().In(filter.ChannelIds, "c.channel_id", "$channels").In(filter.AsyncCustomerIds, "c.async_customer_id", "$ids");
            var union = string.Join("\nUNION ALL\n", Tables.Select(t => "SELECT '" + t.Kind + "' AS kind, c.channel_id, c.counter, c.async_customer_id, COALESCE(c.account_number, " + t.AccountColumn +
                ", r.account_number) AS account, c.operation, c.created_at, h.counter IS NOT NULL AS uploaded, COALESCE(h.sync_status, 0) AS sync_status, h.last_error, " + Content(t.Kind) + "\nFROM " + t.Channel +
                " c LEFT JOIN " + t.Hq + " h ON h.channel_id = c.channel_id AND h.counter = c.counter LEFT JOIN retail_cust_table r ON r.cust_account_async = c.async_customer_id" +
                "\nWHERE 1 = 1" + scope.Sql));
            var outer = new SqlFilter()
                .In(filter.Kinds?.Select(k => Tables.FirstOrDefault(t => string.Equals(t.Kind, k, StringComparison.OrdinalIgnoreCase)).Kind ?? k), "o.kind", "$kinds")
                .InIntegers(filter.SyncStatuses?.Select(s => (int)s), "o.sync_status", "$statuses")
                .In(filter.AccountNumbers, "o.account", "$accounts")
                .When(filter.UploadedOnly, "o.uploaded = 1");
            var errors = filter.ErrorWildcards?.Where(p => p != null).ToArray();
            if (errors != null)
            {
                // Any of the patterns, as LIKE with their own % and _ escaped; character sets are re-checked below.
                outer.When(true, "(" + (errors.Length == 0 ? "1 = 0" : string.Join(" OR ", errors.Select((p, i) => "o.last_error LIKE $err" + i + " ESCAPE '\\'"))) + ")",
                    errors.Select((p, i) => ("$err" + i, (object?)SqlText.WildcardToLikeSuperset(p))).ToArray());
            }
            var recheck = errors != null && errors.Any(Wildcard.HasCharacterSet);
            var rows = db.Stream("SELECT * FROM (" + union + @") o
WHERE 1 = 1" + outer.Sql + @"
ORDER BY o.channel_id, o.counter;", r => new AsyncCustomerOperation
            {
                Kind = r.GetString(0), ChannelId = r.GetString(1), ReplicationCounter = r.GetInt64(2), AsyncCustomerId = r.Str(3), AccountNumber = r.Str(4),
                Operation = (AsyncOperation)r.GetInt32(5), Timestamp = r.Time(6), Uploaded = r.Bool(7), SyncStatus = (OperationSyncStatus)r.GetInt32(8), Error = r.Str(9),
                FirstName = r.Str(10), LastName = r.Str(11), Name = r.Str(12), Email = r.Str(13), Phone = r.Str(14), Currency = r.Str(15), CustomerGroup = r.Str(16),
                Street = r.Str(17), City = r.Str(18), State = r.Str(19), ZipCode = r.Str(20), Country = r.Str(21), Purpose = r.Str(22),
                AttributeName = r.Str(23), AttributeValue = r.Str(24), Affiliation = r.Str(25), AddressId = r.Str(26),
                OldValue = r.Str(27), NewValue = r.GetString(0) == "Attribute" ? r.Str(24) : null,
            },
                scope.With(outer.Args));
            return recheck ? rows.Where(o => errors!.Any(p => Wildcard.IsMatch(p, o.Error))) : rows; // recheck: errors given
        }

        /// <summary>
        /// Corrects an uploaded customer or address operation that HQ has not completed, and sets it back to Pending so the next
        /// sync (or Convert-AsyncCustomer -AsyncCustomerId) takes it again. The channel's own row stays as the POS recorded it.
        /// </summary>
        public AsyncCustomerOperation Fix(string channelId, long counter, OperationFix fix)
        {
            using (var tx = db.BeginWrite())
            {
                var n = db.Execute(@"UPDATE hq_async_customer SET first_name = COALESCE($fn, first_name), last_name = COALESCE($ln, last_name), name = COALESCE($name, name),
  email = COALESCE($email, email), phone = COALESCE($phone, phone), currency = COALESCE($cur, currency), customer_group = COALESCE($grp, customer_group),
  sync_status = 0, last_error = NULL
WHERE channel_id = $ch AND counter = $n AND online_operation_completed = 0;",
                    ("$fn", fix.FirstName), ("$ln", fix.LastName), ("$name", fix.Name), ("$email", fix.Email), ("$phone", fix.Phone),
                    ("$cur", fix.Currency), ("$grp", fix.CustomerGroup), ("$ch", channelId), ("$n", counter));
                if (n > 0) SyncStore.ClearFailure(db, channelId, counter, DateTime.UtcNow);
                n += db.Execute(@"UPDATE hq_async_address SET street = COALESCE($street, street), city = COALESCE($city, city), zip_code = COALESCE($zip, zip_code),
  country = COALESCE($country, country), sync_status = 0, last_error = NULL
WHERE channel_id = $ch AND counter = $n AND online_operation_completed = 0;",
                    ("$street", fix.Street), ("$city", fix.City), ("$zip", fix.ZipCode), ("$country", fix.Country), ("$ch", channelId), ("$n", counter));
                // An attribute operation takes its corrected value, or goes back to Pending as it is (its definition may have changed).
                n += db.Execute(@"UPDATE hq_async_attribute SET " + (fix.Attribute == null ? "" : "name = $name, data_type = $type, value = $value, ") + @"sync_status = 0, last_error = NULL
WHERE channel_id = $ch AND counter = $n AND online_operation_completed = 0;",
                    fix.Attribute == null ? new (string, object?)[] { ("$ch", channelId), ("$n", counter) }
                        : new (string, object?)[] { ("$name", fix.Attribute.Name), ("$type", (int)fix.Attribute.DataType), ("$value", fix.Attribute.Value), ("$ch", channelId), ("$n", counter) });
                if (n == 0) throw OperationRules.NotCorrectable(channelId, counter);
                tx.Commit();
            }
            return Read(new OperationFilter { ChannelIds = new[] { channelId } }).First(o => o.ReplicationCounter == counter);
        }
    }
}
