using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using CommerceSync.Data;
using Newtonsoft.Json;
using Sylvan.Data.Csv;

namespace CommerceSync.Services
{
    public sealed class ImportOptions
    {
        public string Path { get; set; } = null!; // always given: the file to read
        public ImportFormat Format { get; set; }
        /// <summary>CSV only; null detects it from the header line (comma, tab, semicolon or pipe).</summary>
        public char? Delimiter { get; set; }
        /// <summary>Null: UTF-8, or what the byte order mark says.</summary>
        public Encoding? Encoding { get; set; }
        /// <summary>The channel of rows that name none.</summary>
        public string? Channel { get; set; }
        /// <summary>Rows per transaction.</summary>
        public int ChunkSize { get; set; } = AsyncCustomerImport.DefaultChunkSize;
    }

    /// <summary>
    /// Loads async customers from a CSV or JSON Lines file as New-AsyncCustomer would create them from the same rows (same
    /// column names, same checks, same defaults), streaming: one transaction per chunk, a bad row refused alone with its line.
    /// </summary>
    public sealed class AsyncCustomerImport
    {
        public const int DefaultChunkSize = 10000;

        /// <summary>Each column a row may have, by the names (and aliases) New-AsyncCustomer binds by property name.</summary>
        public static readonly IReadOnlyDictionary<string, Action<CustomerDraft, string?>> Columns =
            new Dictionary<string, Action<CustomerDraft, string?>>(StringComparer.OrdinalIgnoreCase)
            {
                ["Channel"] = (d, v) => d.Channel = v,
                ["ChannelId"] = (d, v) => d.Channel = v,
                ["AsyncCustomerId"] = (d, v) => d.AsyncCustomerId = v,
                ["FirstName"] = (d, v) => d.FirstName = v,
                ["MiddleName"] = (d, v) => d.MiddleName = v,
                ["LastName"] = (d, v) => d.LastName = v,
                ["Name"] = (d, v) => d.Name = v,
                ["RelationshipType"] = (d, v) => d.RelationshipType = ParseEnum<RelationshipType>("RelationshipType", v),
                ["Email"] = (d, v) => d.Email = v,
                ["Phone"] = (d, v) => d.Phone = v,
                ["CustomerGroup"] = (d, v) => d.CustomerGroup = v,
                ["Currency"] = (d, v) => d.Currency = v,
                ["Language"] = (d, v) => d.Language = v,
                ["ReceiptOption"] = (d, v) => d.ReceiptOption = ParseEnum<ReceiptOption>("ReceiptOption", v),
                ["ReceiptEmail"] = (d, v) => d.ReceiptEmail = v,
                ["Street"] = (d, v) => d.Street = v,
                ["City"] = (d, v) => d.City = v,
                ["State"] = (d, v) => d.State = v,
                ["ZipCode"] = (d, v) => d.ZipCode = v,
                ["PostalCode"] = (d, v) => d.ZipCode = v,
                ["Zip"] = (d, v) => d.ZipCode = v,
                ["Country"] = (d, v) => d.Country = v,
                ["CountryRegion"] = (d, v) => d.Country = v,
            };

        private readonly StoreDatabase db;

        public AsyncCustomerImport(StoreDatabase db) { this.db = db; }

        public static ImportFormat FormatOf(string path, ImportFormat format)
        {
            if (format != ImportFormat.Auto) return format;
            var ext = System.IO.Path.GetExtension(path);
            return string.Equals(ext, ".jsonl", StringComparison.OrdinalIgnoreCase) || string.Equals(ext, ".ndjson", StringComparison.OrdinalIgnoreCase)
                ? ImportFormat.JsonLines : ImportFormat.Csv;
        }

        /// <summary>
        /// Imports one file. <paramref name="rowFailed"/> gets each refused row (its line and why) and the import goes on;
        /// <paramref name="progress"/> gets the share of the file read (0-100) and the rows read so far.
        /// </summary>
        public CustomerImportResult Run(ImportOptions options, Action<long, CommerceSyncException> rowFailed, Action<int, long>? progress = null)
        {
            if (options.ChunkSize < 1) throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument, "ChunkSize must be at least 1.", options.ChunkSize);
            var clock = Stopwatch.StartNew();
            var format = FormatOf(options.Path, options.Format);
            var result = new CustomerImportResult { Path = options.Path, Format = format };
            var channels = new ChannelStore(db);
            var known = new Dictionary<string, Channel?>(StringComparer.OrdinalIgnoreCase); // null: no such channel
            var defaults = new Dictionary<string, Customer?>(StringComparer.OrdinalIgnoreCase); // each channel's default customer, read once
            var customers = new AsyncCustomerStore(db);
            var catalog = new AttributeStore(db).Catalog(); // the attribute definitions, read once for the file
            var creation = new CustomerCreation(db);
            var given = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
            var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var chunk = new List<AsyncCustomer>(Math.Min(options.ChunkSize, DefaultChunkSize));

            void Flush()
            {
                if (chunk.Count == 0) return;
                creation.AppendAsync(chunk);
                result.Created += chunk.Count;
                foreach (var c in chunk) used.Add(c.ChannelId!); // Prepare gave each its channel
                chunk.Clear();
            }

            Stream stream;
            try
            {
                stream = new FileStream(options.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new CommerceSyncException(ErrorIds.ImportFileUnreadable, ErrorKind.InvalidArgument, "Cannot read '" + options.Path + "': " + ex.Message, options.Path, ex);
            }
            using (stream)
            // With no -Encoding the file must be UTF-8 (or say otherwise by its byte order mark): a Latin-1 file read as UTF-8
            // would be stored as replacement characters, so an invalid byte stops the file with a hint instead.
            using (var text = new StreamReader(stream, options.Encoding ?? new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16))
            {
                var length = Math.Max(1, stream.Length);
                var rows = format == ImportFormat.JsonLines ? ReadJsonLines(text, result) : ReadCsv(text, options.Delimiter, result);
                using (var next = rows.GetEnumerator())
                while (true)
                {
                    (long Line, CustomerDraft Draft, CommerceSyncException? Problem) row;
                    try
                    {
                        if (!next.MoveNext()) break;
                        row = next.Current;
                    }
                    catch (CommerceSyncException ex) when (ex.ErrorId == ErrorIds.ImportFileUnreadable)
                    {
                        // What was read before the broken line goes in; the rest of this file cannot be read.
                        Flush();
                        result.Failed++;
                        rowFailed(ex.Target is long at ? at : result.Rows + 1, ex);
                        break;
                    }
                    var (line, draft, problem) = row;
                    result.Rows++;
                    try
                    {
                        if (problem != null) throw problem;
                        if (CustomerDraft.Blank(draft.Channel) == null)
                        {
                            draft.Channel = options.Channel ?? throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument,
                                "The row names no Channel, and -Channel was not given.", line);
                        }
                        var channelId = draft.Channel!.Trim(); // not blank, or -Channel's
                        if (!known.TryGetValue(channelId, out var channel))
                        {
                            channel = channels.Find(channelId);
                            known[channelId] = channel;
                            if (channel != null) defaults[channelId] = customers.DefaultCustomerOf(channel);
                        }
                        if (channel == null) throw ChannelStore.NotFound(channelId);
                        var prepared = customers.Prepare(draft.ToAsyncCustomer(), channel, defaults[channelId], catalog);
                        if (CustomerDraft.Blank(draft.AsyncCustomerId) != null)
                        {
                            // Prepare gives every customer its id.
                            if (given.TryGetValue(prepared.AsyncCustomerId!, out var first))
                            {
                                throw new CommerceSyncException(ErrorIds.AsyncCustomerExists, ErrorKind.AlreadyExists,
                                    "Async customer '" + prepared.AsyncCustomerId + "' is given on line " + first.ToString(CultureInfo.InvariantCulture) + " already.", prepared.AsyncCustomerId);
                            }
                            given[prepared.AsyncCustomerId!] = line;
                        }
                        chunk.Add(prepared);
                    }
                    catch (CommerceSyncException ex)
                    {
                        // Everything before a refused row is in the store when its error is written: with -ErrorAction Stop
                        // the file is imported exactly up to its first bad row.
                        Flush();
                        result.Failed++;
                        rowFailed(line, ex);
                    }
                    if (chunk.Count >= options.ChunkSize)
                    {
                        Flush();
                    }
                    if ((result.Rows & 1023) == 0) progress?.Invoke((int)Math.Min(99, stream.Position * 100 / length), result.Rows);
                }
                Flush();
            }
            result.ChannelIds = used.OrderBy(c => c, StringComparer.OrdinalIgnoreCase).ToArray();
            result.IgnoredColumns = result.IgnoredColumns ?? Array.Empty<string>();
            result.Duration = clock.Elapsed;
            return result;
        }

        private static IEnumerable<(long Line, CustomerDraft Draft, CommerceSyncException? Problem)> ReadCsv(TextReader text, char? delimiter, CustomerImportResult result)
        {
            // A row may grow the buffer to 16 MB (a field that long is then refused by the rules, alone); only a longer one
            // stops the file.
            var options = new CsvDataReaderOptions { HasHeaders = true, BufferSize = 1 << 16, MaxBufferSize = MaxRowChars };
            if (delimiter.HasValue) options.Delimiter = delimiter.Value;
            CsvDataReader csv;
            try
            {
                csv = CsvDataReader.Create(text, options);
            }
            catch (Exception ex) when (IsFileProblem(ex))
            {
                throw Unreadable(1, ex);
            }
            using (csv)
            {
                var setters = new Action<CustomerDraft, string?>?[csv.FieldCount];
                var ignored = new List<string>();
                for (var i = 0; i < csv.FieldCount; i++)
                {
                    var name = csv.GetName(i).Trim();
                    if (Columns.TryGetValue(name, out var set)) setters[i] = set;
                    else ignored.Add(name);
                }
                result.IgnoredColumns = ignored.ToArray();
                if (setters.All(s => s == null))
                {
                    throw new CommerceSyncException(ErrorIds.ImportFileUnreadable, ErrorKind.InvalidData,
                        "The header line names no column of a customer (" + string.Join(", ", Columns.Keys) + ").", 1L);
                }
                // The line a row starts on: a quoted field may span lines, so count the line breaks each row holds.
                long line = 1;
                while (true)
                {
                    bool more;
                    CommerceSyncException? problem = null;
                    try
                    {
                        more = csv.Read();
                    }
                    catch (Exception ex) when (IsFileProblem(ex))
                    {
                        throw Unreadable(line + 1, ex);
                    }
                    if (!more) break;
                    line++;
                    var start = line;
                    // A blank line is no row (as Import-Csv has it).
                    if (csv.RowFieldCount <= 1 && csv.GetString(0).Length == 0) continue;
                    var draft = new CustomerDraft();
                    var fields = Math.Min(csv.RowFieldCount, setters.Length);
                    if (csv.RowFieldCount > setters.Length)
                    {
                        problem = new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument,
                            "The row has " + csv.RowFieldCount + " fields; the header names " + setters.Length + ".", start);
                    }
                    for (var i = 0; i < csv.RowFieldCount; i++)
                    {
                        var value = csv.GetString(i);
                        for (var k = 0; k < value.Length; k++) if (value[k] == '\n') line++;
                        if (i >= fields || setters[i] == null || problem != null) continue;
                        try
                        {
                            setters[i]!(draft, value); // null ones were skipped above
                        }
                        catch (CommerceSyncException ex)
                        {
                            problem = ex;
                        }
                    }
                    yield return (start, draft, problem);
                }
            }
        }

        private static IEnumerable<(long Line, CustomerDraft Draft, CommerceSyncException? Problem)> ReadJsonLines(TextReader text, CustomerImportResult result)
        {
            var ignored = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            long line = 0;
            while (true)
            {
                string? raw;
                try
                {
                    raw = text.ReadLine();
                }
                catch (DecoderFallbackException ex)
                {
                    throw Unreadable(line + 1, ex);
                }
                if (raw == null) break;
                line++;
                if (string.IsNullOrWhiteSpace(raw)) continue;
                var draft = new CustomerDraft();
                CommerceSyncException? problem = null;
                try
                {
                    using (var json = new JsonTextReader(new StringReader(raw)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal })
                    {
                        if (!json.Read() || json.TokenType != JsonToken.StartObject) throw Invalid("The line is not a JSON object.", line);
                        // A line cut short (a file still being written, a copy that stopped) ends before its object does.
                        var closed = false;
                        while (json.Read())
                        {
                            if (json.TokenType == JsonToken.EndObject) { closed = true; break; }
                            if (json.TokenType != JsonToken.PropertyName) throw Invalid("The line is not valid JSON.", line);
                            var name = (string)json.Value!; // a property name is text
                            json.Read();
                            if (json.TokenType == JsonToken.StartObject || json.TokenType == JsonToken.StartArray)
                                throw Invalid("The field '" + name + "' holds a nested value; a customer's fields are text, numbers or true/false.", line);
                            var value = json.Value == null ? null : Convert.ToString(json.Value, CultureInfo.InvariantCulture);
                            if (Columns.TryGetValue(name, out var set)) set(draft, value);
                            else ignored.Add(name);
                        }
                        if (!closed) throw Invalid("The line is not valid JSON: it ends before its object closes (was the file cut short?).", line);
                        if (json.Read()) throw Invalid("The line holds more than one JSON value.", line);
                    }
                }
                catch (JsonException ex)
                {
                    // Newtonsoft's position is within the line; the line number is ours.
                    var reason = ex.Message;
                    var at = reason.IndexOf(" Path '", StringComparison.Ordinal);
                    problem = Invalid("The line is not valid JSON: " + (at > 0 ? reason.Substring(0, at) : reason), line);
                }
                catch (CommerceSyncException ex)
                {
                    problem = ex;
                }
                yield return (line, draft, problem);
            }
            result.IgnoredColumns = ignored.ToArray();
        }

        /// <summary>The longest row a CSV file may hold, in characters.</summary>
        private const int MaxRowChars = 16 * 1024 * 1024;

        // What the CSV reader throws for a file it cannot read on (every exception of its own), and text that is not UTF-8.
        private static bool IsFileProblem(Exception ex) =>
            ex is DecoderFallbackException || ex.GetType().Namespace == typeof(CsvDataReader).Namespace;

        private static CommerceSyncException Unreadable(long line, Exception ex)
        {
            var at = "Line " + line.ToString(CultureInfo.InvariantCulture);
            var message = ex is DecoderFallbackException
                ? at + " is not valid UTF-8: give the file's encoding with -Encoding (latin1 for most Western European files, unicode for UTF-16)."
                : ex is CsvRecordTooLargeException
                    ? at + " starts a row longer than " + (MaxRowChars / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MB (a quote that never closes?)."
                    : at + " cannot be read as CSV: " + ex.Message;
            return new CommerceSyncException(ErrorIds.ImportFileUnreadable, ErrorKind.InvalidData, message + " The lines after it were not read.", line, ex);
        }

        private static CommerceSyncException Invalid(string message, long line) =>
            new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument, message, line);

        // A blank column gives no value: the store's default customer gives it.
        private static T? ParseEnum<T>(string column, string? value) where T : struct
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (Enum.TryParse(value.Trim(), true, out T parsed) && Enum.IsDefined(typeof(T), parsed) && !char.IsDigit(value.Trim()[0]))
                return parsed;
            throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument,
                column + " '" + value + "' is not one of: " + string.Join(", ", Enum.GetNames(typeof(T))) + ".", value);
        }
    }
}
