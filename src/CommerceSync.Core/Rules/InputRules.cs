using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CommerceSync.Rules
{
    /// <summary>
    /// The shape rules every value a user gives goes through, whatever the cmdlet: ids, text, amounts, dates, currency codes
    /// and numbers. Each returns the problem (never echoing the value) or null; <see cref="Refuse"/> turns one into InvalidValue.
    /// </summary>
    public static class InputRules
    {
        public const int MaxChannelIdLength = 30;
        public const int MaxDataAreaIdLength = 4;
        public const int MaxItemIdLength = 20;
        public const int MaxDatabaseGroupLength = 30;
        public const int MaxCustomerGroupLength = 30;
        public const int MaxTransactionIdLength = 60;
        /// <summary>The store keeps money in hundredths.</summary>
        public const int AmountDecimals = 2;
        public const decimal MaxAmount = 1000000000m;
        public const decimal MaxQuantity = 1000000000m;
        /// <summary>Business dates before this are typing mistakes ([datetime]::MinValue, a year 0001), not sales.</summary>
        public static readonly DateTime MinBusinessDate = new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        /// <summary>A register may run ahead of UTC, not by more than this.</summary>
        public static readonly TimeSpan MaxBusinessDateAhead = TimeSpan.FromDays(366);

        /// <summary>
        /// Characters an id may not hold: ',' (lists of ids, such as a job run's channels, are kept comma-separated), the
        /// PowerShell wildcards '*', '?', '[' and ']' (an id must be matchable exactly by -Channel and the like), and control
        /// characters. '%' and '_' are allowed: every LIKE escapes them, so they match only themselves; '|' too, as keys
        /// are looked up as pairs, never as joined text.
        /// </summary>
        public const string ForbiddenIdCharacters = ",*?[]";

        private static readonly Regex CurrencyCode = new Regex("^[A-Z]{3}$", RegexOptions.CultureInvariant);

        /// <summary>Whether a text is valid UTF-16: no surrogate without its pair (which would be stored as U+FFFD).</summary>
        public static bool IsValidUtf16(string? value)
        {
            if (value == null) return true;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (char.IsHighSurrogate(c))
                {
                    if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])) return false;
                    i++;
                }
                else if (char.IsLowSurrogate(c))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>A free text value (name, street, ...): at most <paramref name="max"/> characters of valid UTF-16. Null is fine.</summary>
        public static string? CheckText(string field, string? value, int max)
        {
            if (value == null) return null;
            if (!IsValidUtf16(value)) return field + " is not valid text: it holds half of a surrogate pair (a broken character).";
            return value.Length > max ? field + " is longer than " + max.ToString(CultureInfo.InvariantCulture) + " characters." : null;
        }

        /// <summary>An id: 1 to <paramref name="max"/> characters after trimming, none of them a control character or one of <see cref="ForbiddenIdCharacters"/>.</summary>
        public static string? CheckId(string field, string? value, int max)
        {
            if (string.IsNullOrWhiteSpace(value)) return field + " needs 1 to " + max.ToString(CultureInfo.InvariantCulture) + " characters.";
            var text = CheckText(field, value, int.MaxValue);
            if (text != null) return text;
            var trimmed = value.Trim();
            if (trimmed.Length > max) return field + " needs 1 to " + max.ToString(CultureInfo.InvariantCulture) + " characters.";
            foreach (var c in trimmed)
            {
                if (char.IsControl(c)) return field + " may not hold control characters (tabs, line breaks).";
                if (ForbiddenIdCharacters.IndexOf(c) >= 0) return field + " may not hold any of " + string.Join(" ", ForbiddenIdCharacters.ToCharArray()) + ".";
            }
            return null;
        }

        /// <summary>A currency code as HQ takes it: three letters A-Z (after upper-casing).</summary>
        public static string? CheckCurrency(string field, string? value) =>
            value == null || CurrencyCode.IsMatch(value.Trim().ToUpperInvariant()) ? null : field + " must be a three-letter ISO currency code (A-Z), such as USD.";

        /// <summary>A money amount: at most two decimals (the store keeps hundredths), from 0 (or above 0) up to <see cref="MaxAmount"/>.</summary>
        public static string? CheckAmount(string field, decimal value, bool zeroAllowed)
        {
            if (decimal.Round(value, AmountDecimals) != value) return field + " has more than " + AmountDecimals + " decimals; the store keeps hundredths.";
            if (value < 0 || (!zeroAllowed && value == 0) || value > MaxAmount)
            {
                return field + " must be " + (zeroAllowed ? "0 or more" : "greater than 0") + " and at most 1,000,000,000.";
            }
            return null;
        }

        /// <summary>A line quantity: above 0 and at most <see cref="MaxQuantity"/>.</summary>
        public static string? CheckQuantity(string field, decimal value) =>
            value > 0 && value <= MaxQuantity ? null : field + " must be greater than 0 and at most 1,000,000,000.";

        /// <summary>A business date: from 1900 to a year ahead of today.</summary>
        public static string? CheckBusinessDate(DateTime value)
        {
            if (value < MinBusinessDate || value > DateTime.UtcNow.Date + MaxBusinessDateAhead)
            {
                return "BusinessDate must be between 1900-01-01 and a year from today.";
            }
            return null;
        }

        /// <summary>
        /// A number a user gave as any .NET value (text included, read invariantly): as a decimal. NaN, infinities, numbers
        /// beyond decimal's range and text that is not a number are refused.
        /// </summary>
        public static decimal ToNumber(string field, object? value)
        {
            try
            {
                switch (value)
                {
                    case null:
                        break;
                    case double d when double.IsNaN(d) || double.IsInfinity(d):
                    case float f when float.IsNaN(f) || float.IsInfinity(f):
                        throw Refuse(field + " must be a finite number (not NaN or infinity).", field);
                    case string s:
                        return decimal.Parse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);
                    default:
                        return Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                }
            }
            catch (Exception ex) when (ex is FormatException || ex is OverflowException || ex is InvalidCastException)
            {
                throw Refuse(field + " must be a number (digits, with '.' for decimals) of at most 28 digits.", field, ex);
            }
            throw Refuse(field + " needs a number.", field);
        }

        /// <summary>Throws InvalidValue for a problem one of the checks found.</summary>
        public static void Check(string? problem, object? target)
        {
            if (problem != null) throw Refuse(problem, target);
        }

        public static CommerceSyncException Refuse(string problem, object? target, Exception? inner = null) =>
            new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument, problem, target, inner);
    }
}
