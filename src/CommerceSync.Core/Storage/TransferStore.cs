using System;
using System.Data.Common;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CommerceSync.Storage
{
    /// <summary>How many rows an export or import moved, per table.</summary>
    public sealed class TransferResult
    {
        public string Path { get; set; }
        public int SchemaVersion { get; set; }
        public long Rows { get; set; }
        public Dictionary<string, long> RowsByTable { get; set; } = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);

        public override string ToString() => Path + ": " + Rows + " rows";
    }

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
            "store_setting", "number_sequence", "channel",
            "ch_async_customer", "ch_async_address", "ch_async_attribute", "ch_async_contact", "ch_async_affiliation",
            "off_async_customer", "off_async_address", "off_async_attribute",
            "job_run",
            "hq_async_customer", "hq_async_address", "hq_async_attribute", "hq_async_contact", "hq_async_affiliation", "hq_customer_failure",
            "party", "cust_table", "retail_cust_table", "hq_address", "hq_customer_attribute", "hq_customer_contact", "hq_customer_affiliation",
            "hq_change", "distribution_watermark", "channel_customer",
            "ch_transaction", "ch_transaction_line", "hq_transaction", "sales_order", "statement", "loyalty_card",
        };

        private readonly StoreDatabase db;

        public TransferStore(StoreDatabase db) { this.db = db; }

        /// <summary>The store's tables that the export does not know (must be empty for a release).</summary>
        public IReadOnlyList<string> TablesNotExported() =>
            db.TableNames().Where(t => Array.IndexOf(TableOrder, t) < 0).ToList();

        public TransferResult Export(TextWriter writer, Action<long> progress = null)
        {
            var result = new TransferResult { SchemaVersion = db.SchemaVersion };
            using (var json = new JsonTextWriter(writer) { Formatting = Formatting.None, CloseOutput = false })
            {
                json.WriteStartObject();
                json.WritePropertyName("format"); json.WriteValue(Format);
                json.WritePropertyName("schemaVersion"); json.WriteValue(result.SchemaVersion);
                json.WriteEndObject();
                json.Flush();
                writer.Write('\n');
                // One read transaction: a consistent snapshot even while jobs write.
                using (var snapshot = db.BeginSnapshot())
                {
                    db.CurrentTransaction = snapshot;
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
                                    json.Flush();
                                    writer.Write('\n');
                                    n++;
                                    if (++result.Rows % 10000 == 0) progress?.Invoke(result.Rows);
                                }
                            }
                            result.RowsByTable[table] = n;
                        }
                    }
                    finally
                    {
                        db.CurrentTransaction = null;
                    }
                }
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

        /// <summary>Loads an export into this store, which must be empty and of the same schema version. All or nothing.</summary>
        public TransferResult Import(TextReader reader, Action<long> progress = null)
        {
            var result = new TransferResult { SchemaVersion = db.SchemaVersion };
            var header = reader.ReadLine();
            JObject head = null;
            try { head = header == null ? null : Parse(header); } catch (JsonException) { }
            if (head == null || (string)head["format"] != Format)
            {
                throw new CommerceSyncException(ErrorIds.ImportFormatInvalid, ErrorKind.InvalidData, "The file is not a CommerceSync export (its first line is not the export header).", null);
            }
            var version = (int?)head["schemaVersion"] ?? 0;
            if (version != result.SchemaVersion)
            {
                throw new CommerceSyncException(ErrorIds.ImportFormatInvalid, ErrorKind.InvalidData,
                    "The export has schema version " + version + "; this store has " + result.SchemaVersion + ". Import into a store of the same version.", version);
            }
            if (db.Count("channel") + db.Count("cust_table") + db.Count("job_run") > 0)
            {
                throw new CommerceSyncException(ErrorIds.StoreNotEmpty, ErrorKind.InvalidOperation, "Import goes into a new, empty store; this one already holds data.", db.Path);
            }
            var commands = new Dictionary<string, DbCommand>();
            using (var tx = db.BeginWrite())
            {
                try
                {
                    // The header of a new store (settings) is replaced by the exported one.
                    db.Execute("DELETE FROM store_setting;");
                    string line;
                    var lineNumber = 1;
                    while ((line = reader.ReadLine()) != null)
                    {
                        lineNumber++;
                        if (line.Length == 0) continue;
                        JObject row;
                        try { row = Parse(line); }
                        catch (JsonException ex)
                        {
                            throw new CommerceSyncException(ErrorIds.ImportFormatInvalid, ErrorKind.InvalidData, "Line " + lineNumber + " is not valid JSON: " + ex.Message, lineNumber);
                        }
                        var table = (string)row["t"];
                        var values = row["r"] as JObject;
                        if (table == null || values == null || Array.IndexOf(TableOrder, table) < 0)
                        {
                            throw new CommerceSyncException(ErrorIds.ImportFormatInvalid, ErrorKind.InvalidData, "Line " + lineNumber + " names no table of this store.", lineNumber);
                        }
                        var columns = values.Properties().Select(p => p.Name).ToList();
                        var key = table + "(" + string.Join(",", columns) + ")";
                        DbCommand cmd;
                        if (!commands.TryGetValue(key, out cmd))
                        {
                            foreach (var c in columns)
                            {
                                if (c.Any(ch => !(char.IsLetterOrDigit(ch) || ch == '_')))
                                {
                                    throw new CommerceSyncException(ErrorIds.ImportFormatInvalid, ErrorKind.InvalidData, "Line " + lineNumber + " has a column name that is not a column.", c);
                                }
                            }
                            cmd = db.Command("INSERT INTO " + table + "(" + string.Join(", ", columns.Select(c => "\"" + c + "\"")) + ") VALUES (" +
                                string.Join(", ", columns.Select((c, i) => "$p" + i.ToString(CultureInfo.InvariantCulture))) + ");");
                            commands[key] = cmd;
                        }
                        var index = 0;
                        foreach (var p in values.Properties())
                        {
                            var v = p.Value as JValue;
                            db.Bind(cmd, ("$p" + (index++).ToString(CultureInfo.InvariantCulture), v?.Value));
                        }
                        try { cmd.ExecuteNonQuery(); }
                        catch (DbException ex)
                        {
                            throw new CommerceSyncException(ErrorIds.ImportFormatInvalid, ErrorKind.InvalidData, "Line " + lineNumber + " (" + table + ") could not be stored: " + ex.Message, lineNumber, ex);
                        }
                        long n;
                        result.RowsByTable[table] = result.RowsByTable.TryGetValue(table, out n) ? n + 1 : 1;
                        if (++result.Rows % 10000 == 0) progress?.Invoke(result.Rows);
                    }
                    db.Dialect.AfterImport(db);
                    tx.Commit();
                }
                finally
                {
                    foreach (var c in commands.Values) c.Dispose();
                }
            }
            return result;
        }
    }
}
