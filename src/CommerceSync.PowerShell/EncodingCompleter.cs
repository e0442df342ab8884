using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text;

namespace CommerceSync
{
    /// <summary>The encodings a text file is usually in, as PowerShell's own -Encoding names them.</summary>
    public sealed class EncodingCompleter : IArgumentCompleter
    {
        private static readonly string[] Names = { "utf8", "utf8BOM", "utf8NoBOM", "unicode", "bigendianunicode", "utf32", "ascii", "latin1" };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            System.Management.Automation.Language.CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters) =>
            Names.Where(n => n.StartsWith(wordToComplete ?? "", StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));

        /// <summary>A name PowerShell's -Encoding takes, an encoding's web name, or a code page number.</summary>
        public static Encoding Parse(string name)
        {
            switch (name.Trim().ToLowerInvariant())
            {
                case "utf8": case "utf8nobom": case "utf-8": return new UTF8Encoding(false);
                case "utf8bom": return new UTF8Encoding(true);
                case "unicode": return System.Text.Encoding.Unicode;
                case "bigendianunicode": return System.Text.Encoding.BigEndianUnicode;
                case "utf32": return System.Text.Encoding.UTF32;
                case "ascii": return System.Text.Encoding.ASCII;
                case "latin1": return System.Text.Encoding.GetEncoding(28591);
            }
            try
            {
                return int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var codePage)
                    ? System.Text.Encoding.GetEncoding(codePage) : System.Text.Encoding.GetEncoding(name.Trim());
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException)
            {
                throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument,
                    "'" + name + "' is not an encoding this system knows. Use one of: " + string.Join(", ", Names) + ", or a code page number.", name);
            }
        }
    }
}
