using System;
using System.Globalization;

namespace CommerceSync.Data
{
    /// <summary>A number sequence format: a literal prefix followed by one '#' per digit, e.g. "C######" or "US-########".</summary>
    public sealed class AccountNumberFormat
    {
        private AccountNumberFormat(string prefix, int width)
        {
            Prefix = prefix;
            Width = width;
        }

        public string Prefix { get; }
        public int Width { get; }
        public long MaxValue => (long)Math.Pow(10, Width) - 1;

        public static AccountNumberFormat Parse(string? format)
        {
            if (string.IsNullOrWhiteSpace(format)) throw Invalid(format);
            var hashes = 0;
            while (hashes < format.Length && format[format.Length - 1 - hashes] == '#') hashes++;
            var prefix = format.Substring(0, format.Length - hashes);
            if (hashes < 3 || hashes > 18 || prefix.IndexOf('#') >= 0 || prefix.Length > 10) throw Invalid(format);
            foreach (var c in prefix)
            {
                if (!(char.IsLetterOrDigit(c) || c == '-' || c == '_')) throw Invalid(format);
            }
            return new AccountNumberFormat(prefix, hashes);
        }

        private static CommerceSyncException Invalid(string? format) =>
            new CommerceSyncException(ErrorIds.AccountNumberFormatInvalid, ErrorKind.InvalidArgument,
                "Account number format '" + format + "' is not valid: use up to 10 letters, digits, '-' or '_' followed by 3 to 18 '#' (e.g. 'C######').", format);

        public string Format(long value) => Prefix + value.ToString(CultureInfo.InvariantCulture).PadLeft(Width, '0');

        public override string ToString() => Prefix + new string('#', Width);
    }
}
