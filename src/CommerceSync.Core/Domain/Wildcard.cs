using System.Text;
using System.Text.RegularExpressions;

namespace CommerceSync
{
    /// <summary>
    /// PowerShell wildcards (* ? [set] and ` as escape) without a PowerShell dependency: the core filters with the same
    /// patterns a user types at the prompt, matched case-insensitively over the whole text.
    /// </summary>
    public static class Wildcard
    {
        public static bool HasCharacterSet(string pattern)
        {
            for (var i = 0; i < pattern.Length; i++)
            {
                if (pattern[i] == '`') { i++; continue; }
                if (pattern[i] == '[') return true;
            }
            return false;
        }

        public static Regex ToRegex(string pattern)
        {
            var sb = new StringBuilder("^");
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                if (c == '`' && i + 1 < pattern.Length) { sb.Append(Regex.Escape(pattern[++i].ToString())); continue; }
                switch (c)
                {
                    case '*': sb.Append(".*"); break;
                    case '?': sb.Append('.'); break;
                    case '[':
                        var end = pattern.IndexOf(']', i + 1);
                        if (end < 0) { sb.Append("\\["); break; }
                        var set = pattern.Substring(i + 1, end - i - 1);
                        sb.Append('[').Append(set.Replace("\\", "\\\\").Replace("^", "\\^").Replace("[", "\\[")).Append(']');
                        i = end;
                        break;
                    default: sb.Append(Regex.Escape(c.ToString())); break;
                }
            }
            return new Regex(sb.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
        }

        public static bool IsMatch(string pattern, string? text) => text != null && ToRegex(pattern).IsMatch(text);
    }
}
