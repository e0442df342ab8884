using System;
using System.Data.Common;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using CommerceSync.Storage;

namespace CommerceSync.Data
{

    /// <summary>
    /// Moves a whole store as JSON Lines: a header line, then one line per row ({"t": table, "r": {column: value}}), tables in
    /// an order that satisfies their references. Ids, replication counters, links and history travel as they are, and both
    /// directions stream, so a million rows never sit in memory.
    /// </summary>
    public sealed class TransferStore
    {
        public const string Format = "CommerceSync";

        /// <summary>Parents before children. Every table of the schema must be listed; a test checks it.</summary>
        public static readonly string[] TableOrder =
        {
            "store_setting", "number_sequence", "distribution_schedule", "distribution_schedule_group", "channel",
            "ch_async_customer", "ch_async_address", "ch_async_attribute", "ch_async_contact", "ch_async_affiliation",
            "off_async_customer", "off_async_address", "off_async_attribute",
            "job_run", "data_session",
            "hq_async_customer", "hq_async_address", "hq_async_attribute", "hq_async_contact", "hq_async_affiliation", "hq_customer_failure",
            "customer_attribute_definition",
            "party", "cust_table", "retail_cust_table", "hq_address", "hq_customer_attribute", "hq_customer_contact", "hq_customer_affiliation",
            "hq_change", "distribution_watermark", "channel_customer",
            "ch_transaction", "ch_transaction_line", "hq_transaction", "sales_order", "statement", "loyalty_card",
        };

        private readonly StoreDatabase db;

        public TransferStore(StoreDatabase db) { this.db = db; }

        /// <summary>The store's tables that the export does not know (must be empty for a release).</summary>
        public IReadOnlyList<string> TablesNotExported() =>
            db.TableNames().Where(t => Array.IndexOf(TableOrder, t) < 0).ToList();

        /// <summary>
        /// Writes an export to <paramref name="path"/>: into an owner-only temporary file beside it, renamed into place only when
        /// whole, so a cut-short export never sits under the name (a killed or failed export leaves no file there).
        /// </summary>
        public TransferResult ExportToFile(string path, Action<long>? progress = null)
        {
            db.CheckDestination(path, force: true, anyOpenedStore: true);
            string? temp = null;
            try
            {
                TransferResult result;
                var file = StoreFiles.CreateTemporaryBeside(path, 1 << 16);
                temp = file.Path;
                using (var stream = file.Stream)
                using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16))
                {
                    result = Export(writer, progress);
                    writer.Flush();
                    stream.Flush(true);
                }
                StoreFiles.Publish(temp, path);
                temp = null;
                result.Path = path;
                return result;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new CommerceSyncException(ErrorIds.ExportFailed, ErrorKind.InvalidOperation,
                    "The export to '" + path + "' could not be written: " + ex.Message + " No file was left there.", path, ex);
            }
            finally
            {
                StoreFiles.DeleteQuietly(temp);
            }
        }

        /// <summary>
        /// The lines of an export and their checksum: SHA-256 over the UTF-8 bytes of every line before the trailer, each ended by
        /// '\n'. The trailer ({"trailer":"CommerceSync","rows":{table:count},"sha256":hex}) closes the file.
        /// </summary>
        private sealed class Checksum : IDisposable
        {
            private readonly SHA256 sha = SHA256.Create();
            private static readonly byte[] NewLine = { (byte)'\n' };
            private byte[] buffer = new byte[4096];

            public void Add(string line)
            {
                var n = Encoding.UTF8.GetMaxByteCount(line.Length);
                if (buffer.Length < n) buffer = new byte[Math.Max(n, buffer.Length * 2)];
                var length = Encoding.UTF8.GetBytes(line, 0, line.Length, buffer, 0);
                sha.TransformBlock(buffer, 0, length, null, 0);
                sha.TransformBlock(NewLine, 0, 1, null, 0);
            }

            public string Finish()
            {
                sha.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
                // Set by TransformFinalBlock just above.
                return string.Concat(sha.Hash!.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
            }

            public void Dispose() => sha.Dispose();
        }

        public const string TrailerTag = "CommerceSync";

        public TransferResult Export(TextWriter writer, Action<long>? progress = null)
        {
            var result = new TransferResult { SchemaVersion = db.SchemaVersion };
            var line = new StringBuilder(1024);
            using (var checksum = new Checksum())
            using (var json = new JsonTextWriter(new StringWriter(line, CultureInfo.InvariantCulture)) { Formatting = Formatting.None })
            {
                void EndLine()
                {
                    json.Flush();
                    var text = line.ToString();
                    line.Clear();
                    checksum.Add(text);
                    writer.Write(text);
                    writer.Write('\n');
                }

                json.WriteStartObject();
                json.WritePropertyName("format"); json.WriteValue(Format);
                json.WritePropertyName("schemaVersion"); json.WriteValue(result.SchemaVersion);
                json.WriteEndObject();
                EndLine();
                // One read transaction: a consistent snapshot even while jobs write.
                using (db.Snapshot())
                {
                    try
                    {
                        foreach (var table in TableOrder)
                        {
                            long n = 0;
                            using (var cmd = db.Command("SELECT * FROM " + table + ";"))
                            using (var reader = db.Reader(cmd))
                            {
                                while (reader.Read())
                                {
                                    json.WriteStartObject();
                                    json.WritePropertyName("t"); json.WriteValue(table);
                                    json.WritePropertyName("r");
                                    json.WriteStartObject();
                                    for (var i = 0; i < reader.FieldCount; i++)
                                    {
                                        json.WritePropertyName(reader.GetName(i));
                                        if (reader.IsDBNull(i)) json.WriteNull();
                                        else if (reader.GetFieldType(i) == typeof(long)) json.WriteValue(reader.GetInt64(i));
                                        else if (reader.GetFieldType(i) == typeof(double)) json.WriteValue(reader.GetDouble(i));
                                        else json.WriteValue(reader.GetString(i));
                                    }
                                    json.WriteEndObject();
                                    json.WriteEndObject();
                                    EndLine();
                                    n++;
                                    if (++result.Rows % 10000 == 0) progress?.Invoke(result.Rows);
                                }
                            }
                            result.RowsByTable[table] = n;
                        }
                    }
                    catch (DbException ex)
                    {
                        throw db.Translate(ex);
                    }
                }
                var trailer = new JObject
                {
                    ["trailer"] = TrailerTag,
                    ["rows"] = new JObject(TableOrder.Where(t => result.RowsByTable[t] > 0).Select(t => new JProperty(t, result.RowsByTable[t]))),
                    ["sha256"] = checksum.Finish(),
                };
                writer.Write(trailer.ToString(Formatting.None));
                writer.Write('\n');
            }
            return result;
        }

        /// <summary>Times stay the text they were: JSON.NET would otherwise turn them into dates and back in another format.</summary>
        private static JObject Parse(string line)
        {
            using (var r = new JsonTextReader(new StringReader(line)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double })
            {
                return JObject.Load(r);
            }
        }

        private static CommerceSyncException Invalid(string message, object? target = null, Exception? inner = null) =>
            new CommerceSyncException(ErrorIds.ImportFormatInvalid, ErrorKind.InvalidData, message + " Nothing was imported.", target, inner);

        /// <summary>Imports an export file. A file without its trailer (cut short) is refused before the store is touched.</summary>
        public TransferResult ImportFromFile(string path, Action<long>? progress = null)
        {
            // Opening a store's file outside SQLite would drop this process's locks on it, and a store is no export anyway.
            var store = db.StoreFileAt(path, anyOpenedStore: true);
            if (store != null)
            {
                throw new CommerceSyncException(ErrorIds.DestinationIsStore, ErrorKind.InvalidArgument,
                    "'" + path + "' is the store '" + store + "', not an export. Import reads files written by Export-CommerceData.", path);
            }
            try
            {
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
                {
                    var tail = ReadTail(stream);
                    if (tail != null) throw Invalid("'" + path + "' " + tail, path);
                    stream.Position = 0;
                    using (var reader = new StreamReader(stream, Encoding.UTF8, true, 1 << 16))
                    {
                        var result = Import(reader, progress);
                        result.Path = path;
                        return result;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw Invalid("'" + path + "' cannot be read: " + ex.Message, path, ex);
            }
        }

        // The last line, read from the end, must be the trailer: else the file is not whole. Null when it is; else what is wrong.
        private static string? ReadTail(Stream stream)
        {
            var tail = (int)Math.Min(stream.Length, 1 << 16);
            var bytes = new byte[tail];
            stream.Position = stream.Length - tail;
            var read = 0;
            while (read < tail)
            {
                var n = stream.Read(bytes, read, tail - read);
                if (n == 0) break;
                read += n;
            }
            var lines = Encoding.UTF8.GetString(bytes, 0, read).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
            if (lines.Count > 0 && IsTrailer(lines[lines.Count - 1])) return null;
            if (lines.Take(lines.Count - 1).Any(IsTrailer)) return "has lines after the export's trailer: the file was changed after it was written.";
            return "does not end with the export's trailer: the export was cut short or is not a CommerceSync export.";
        }

        private static bool IsTrailer(string line)
        {
            if (!line.StartsWith("{\"trailer\":", StringComparison.Ordinal)) return false;
            try { return (string?)Parse(line)["trailer"] == TrailerTag; }
            catch (JsonException) { return false; }
        }

        /// <summary>
        /// Loads an export into this store, which must be empty and of the same schema version. All or nothing: the rows go in
        /// one transaction that commits only when the trailer's counts and checksum match and the store's rules hold for what
        /// came in (a value of the wrong type, a number sequence behind its accounts, missing settings: refused, with the reason).
        /// </summary>
        public TransferResult Import(TextReader reader, Action<long>? progress = null)
        {
            var result = new TransferResult { SchemaVersion = db.SchemaVersion };
            var header = reader.ReadLine();
            JObject? head = null;
            try { head = header == null ? null : Parse(header); } catch (JsonException) { }
            if (header == null || head == null || (string?)head["format"] != Format)
            {
                throw Invalid("The file is not a CommerceSync export (its first line is not the export header).");
            }
            var version = (int?)head["schemaVersion"] ?? 0;
            if (version != result.SchemaVersion)
            {
                throw Invalid("The export has schema version " + version + "; this store has " + result.SchemaVersion + ". Import into a store of the same version.", version);
            }
            if (db.Count("channel") + db.Count("cust_table") + db.Count("job_run") > 0)
            {
                throw new CommerceSyncException(ErrorIds.StoreNotEmpty, ErrorKind.InvalidOperation, "Import goes into a new, empty store; this one already holds data.", db.Path);
            }
            var commands = new Dictionary<string, (DbCommand Command, Type[] Types)>();
            var columnTypes = new Dictionary<string, Dictionary<string, Type>>(StringComparer.Ordinal);
            using (var checksum = new Checksum())
            using (var tx = db.BeginWrite())
            {
                try
                {
                    checksum.Add(header);
                    // The settings and distribution schedules of a new store are replaced by the exported ones.
                    db.Execute("DELETE FROM store_setting; DELETE FROM distribution_schedule_group; DELETE FROM distribution_schedule;");
                    string? line;
                    var lineNumber = 1;
                    JObject? trailer = null;
                    // A row the store refuses may be one a hand edit broke (a removed channel fails its customers' foreign keys):
                    // the rest of the file is still read and checked, so a changed file is refused as changed, not for that row.
                    CommerceSyncException? notStored = null;
                    while ((line = reader.ReadLine()) != null)
                    {
                        lineNumber++;
                        if (line.Length == 0) continue;
                        if (trailer != null) throw Invalid("Line " + lineNumber + " comes after the trailer: the file was changed after it was written.", lineNumber);
                        JObject row;
                        try { row = Parse(line); }
                        catch (JsonException ex)
                        {
                            throw Invalid("Line " + lineNumber + " is not valid JSON: " + ex.Message, lineNumber);
                        }
                        if (row["trailer"] != null)
                        {
                            trailer = row;
                            continue;
                        }
                        checksum.Add(line);
                        var table = (string?)row["t"];
                        var values = row["r"] as JObject;
                        if (table == null || values == null || Array.IndexOf(TableOrder, table) < 0)
                        {
                            throw Invalid("Line " + lineNumber + " names no table of this store.", lineNumber);
                        }
                        long n;
                        result.RowsByTable[table] = result.RowsByTable.TryGetValue(table, out n) ? n + 1 : 1;
                        if (notStored != null) continue;
                        Dictionary<string, Type>? types;
                        if (!columnTypes.TryGetValue(table, out types)) columnTypes[table] = types = ColumnTypes(table);
                        var columns = values.Properties().Select(p => p.Name).ToList();
                        var key = table + "(" + string.Join(",", columns) + ")";
                        if (!commands.TryGetValue(key, out var insert))
                        {
                            foreach (var c in columns)
                            {
                                if (!types.ContainsKey(c)) throw Invalid("Line " + lineNumber + " (" + table + ") has a column '" + c + "' that the table does not have.", c);
                            }
                            insert = (db.Command("INSERT INTO " + table + "(" + string.Join(", ", columns.Select(c => "\"" + c + "\"")) + ") VALUES (" +
                                string.Join(", ", columns.Select((c, i) => "$p" + i.ToString(CultureInfo.InvariantCulture))) + ");"), columns.Select(c => types[c]).ToArray());
                            commands[key] = insert;
                        }
                        var index = 0;
                        foreach (var p in values.Properties())
                        {
                            var value = CheckValue(p.Value, insert.Types[index], table, p.Name, lineNumber);
                            db.Bind(insert.Command, ("$p" + (index++).ToString(CultureInfo.InvariantCulture), value));
                        }
                        try { insert.Command.ExecuteNonQuery(); }
                        catch (DbException ex)
                        {
                            notStored = Invalid("Line " + lineNumber + " (" + table + ") could not be stored: " + ex.Message, lineNumber, ex);
                            continue;
                        }
                        if (++result.Rows % 10000 == 0) progress?.Invoke(result.Rows);
                    }
                    CheckTrailer(trailer, checksum.Finish(), result);
                    if (notStored != null) throw notStored;
                    CheckRules();
                    db.AfterImport();
                    tx.Commit();
                }
                finally
                {
                    foreach (var c in commands.Values) c.Command.Dispose();
                }
            }
            return result;
        }

        // The column types of a table, as the engine reports them for its columns.
        private Dictionary<string, Type> ColumnTypes(string table)
        {
            var types = new Dictionary<string, Type>(StringComparer.Ordinal);
            using (var cmd = db.Command("SELECT * FROM " + table + " WHERE 1 = 0;"))
            using (var reader = db.Reader(cmd))
            {
                for (var i = 0; i < reader.FieldCount; i++) types[reader.GetName(i)] = reader.GetFieldType(i);
            }
            return types;
        }

        // A value must be a plain JSON value of its column's kind: SQLite would store text in a number column as it is, and a
        // nested object would turn into NULL.
        private static object? CheckValue(JToken token, Type type, string table, string column, int lineNumber)
        {
            var value = token as JValue;
            if (value == null)
            {
                throw Invalid("Line " + lineNumber + " (" + table + "): '" + column + "' holds a nested JSON value; exports hold plain values only.", column);
            }
            if (value.Type == JTokenType.Null) return null;
            var number = value.Type == JTokenType.Integer || value.Type == JTokenType.Float;
            var integral = type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(bool);
            var real = type == typeof(double) || type == typeof(float) || type == typeof(decimal);
            if ((integral && value.Type != JTokenType.Integer && value.Type != JTokenType.Boolean) || (real && !number) || (!integral && !real && value.Type != JTokenType.String))
            {
                throw Invalid("Line " + lineNumber + " (" + table + "): '" + column + "' is " + value.Type.ToString().ToLowerInvariant() + " where the store keeps " +
                    (integral ? "a whole number" : real ? "a number" : "text") + ".", column);
            }
            if (value.Type == JTokenType.Float && double.IsNaN((double)value) || value.Type == JTokenType.Float && double.IsInfinity((double)value))
            {
                throw Invalid("Line " + lineNumber + " (" + table + "): '" + column + "' is not a finite number.", column);
            }
            return value.Value;
        }

        private void CheckTrailer(JObject? trailer, string sha256, TransferResult result)
        {
            if (trailer == null || (string?)trailer["trailer"] != TrailerTag)
            {
                throw Invalid("The export has no trailer: it was cut short.");
            }
            if (!string.Equals((string?)trailer["sha256"], sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid("The export's checksum does not match its rows: the file was changed or damaged after it was written.");
            }
            var rows = trailer["rows"] as JObject;
            foreach (var table in TableOrder)
            {
                var expected = (long?)rows?[table] ?? 0;
                long actual;
                result.RowsByTable.TryGetValue(table, out actual);
                if (expected != actual)
                {
                    throw Invalid("The export's trailer counts " + expected + " rows of " + table + " but the file holds " + actual + ".", table);
                }
            }
        }

        // What an export of a sound store always has: its settings, and every invariant holding (the number sequence ahead of
        // every account it issued among them), so an edited file cannot leave a store that every later job fails on.
        private void CheckRules()
        {
            if (string.IsNullOrEmpty(db.GetSetting(NumberSequences.AccountNumberFormatSetting)))
            {
                throw Invalid("The export holds no store settings (AccountNumberFormat is missing).");
            }
            var broken = new IntegrityStore(db).Check().Where(c => c.Count > 0).ToList();
            if (broken.Count > 0)
            {
                throw Invalid("The export breaks the store's rules: " + string.Join("; ", broken.Select(b => b.Check + " (" + b.Count + "): " + b.Description)));
            }
        }
    }
}
