using System.Collections.Generic;
using System.Linq;

namespace CommerceSync.Data
{
    /// <summary>One number sequence of a legal entity: its code in number_sequence, the store setting that formats it, the default.</summary>
    public sealed class NumberSequence
    {
        internal NumberSequence(string code, string? formatSetting, string defaultFormat)
        {
            Code = code;
            FormatSetting = formatSetting;
            DefaultFormat = defaultFormat;
        }

        public string Code { get; }
        /// <summary>The store setting that holds the format of new sequences (null: always the default).</summary>
        public string? FormatSetting { get; }
        public string DefaultFormat { get; }
    }

    /// <summary>
    /// The legal entities' number sequences (customer accounts, sales orders, statements, loyalty cards) and the party ids,
    /// which the sync job, New-CommerceCustomer, orders, statements and loyalty cards all draw from. Numbers stay gapless:
    /// draw them inside the write transaction that uses them; a worker on a shared store holds <see cref="Claims.NumberSequences"/> first.
    /// </summary>
    public sealed class NumberSequences
    {
        /// <summary>Default account number format: prefix then one '#' per digit.</summary>
        public const string DefaultAccountNumberFormat = "C######";
        public const string AccountNumberFormatSetting = "AccountNumberFormat";

        public static readonly NumberSequence Customer = new NumberSequence("Customer", AccountNumberFormatSetting, DefaultAccountNumberFormat);
        public static readonly NumberSequence SalesOrder = new NumberSequence("SalesOrder", "SalesOrderNumberFormat", "SO######");
        public static readonly NumberSequence Statement = new NumberSequence("Statement", "StatementNumberFormat", "ST######");
        public static readonly NumberSequence LoyaltyCard = new NumberSequence("LoyaltyCard", null, "LC##########");

        private readonly StoreDatabase db;

        public NumberSequences(StoreDatabase db) { this.db = db; }

        /// <summary>Reserves <paramref name="count"/> customer account numbers of a legal entity. Call inside a write transaction.</summary>
        public List<string> AllocateAccountNumbers(string dataAreaId, int count) => Allocate(dataAreaId, Customer, count);

        /// <summary>
        /// Reserves <paramref name="count"/> numbers of a legal entity's sequence, creating it on first use in the format the
        /// store's setting names (else the default); returns them formatted. Call inside a write transaction.
        /// </summary>
        public List<string> Allocate(string dataAreaId, NumberSequence sequence, int count)
        {
            var format = AccountNumberFormat.Parse((sequence.FormatSetting == null ? null : db.GetSetting(sequence.FormatSetting)) ?? sequence.DefaultFormat);
            var code = sequence.Code;
            db.Execute("INSERT INTO number_sequence(data_area_id, code, prefix, width, next_value) VALUES ($a, $c, $p, $w, 1) ON CONFLICT DO NOTHING;",
                ("$a", dataAreaId), ("$c", code), ("$p", format.Prefix), ("$w", format.Width));
            var row = db.Stream("UPDATE number_sequence SET next_value = next_value + $n WHERE data_area_id = $a AND code = $c RETURNING next_value - $n, prefix, width;",
                r => (First: r.GetInt64(0), Prefix: r.GetString(1), Width: r.GetInt32(2)), ("$n", count), ("$a", dataAreaId), ("$c", code)).Single();
            var seq = AccountNumberFormat.Parse(row.Prefix + new string('#', row.Width));
            if (row.First + count - 1 > seq.MaxValue)
            {
                throw new CommerceSyncException(ErrorIds.NumberSequenceExhausted, ErrorKind.InvalidOperation,
                    "The " + code + " number sequence of legal entity '" + dataAreaId + "' (" + seq + ") has no numbers left.", dataAreaId);
            }
            var result = new List<string>(count);
            for (var i = 0; i < count; i++) result.Add(seq.Format(row.First + i));
            return result;
        }

        /// <summary>
        /// The first free party id: the caller numbers its new parties from it, in the write transaction that inserts them and
        /// while it holds <see cref="Claims.NumberSequences"/> or the store's lock, so no other writer takes the same ids.
        /// </summary>
        public long FirstFreePartyId() =>
            db.Scalar<long>("SELECT COALESCE(MAX(party_id), 0) + 1 FROM party;");
    }
}
