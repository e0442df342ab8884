#if NET8_0_OR_GREATER
using System;
using System.Collections;
using System.Data.Common;
using System.Globalization;

namespace CommerceSync.Data.Engines.Postgres
{
    /// <summary>
    /// Reads PostgreSQL's results the way the stores read SQLite's: every integer as a 64-bit or 32-bit integer as asked,
    /// booleans (the value of a comparison) as 0 or 1, sums (numeric) as integers.
    /// </summary>
    internal sealed class LenientReader : DbDataReader
    {
        private readonly DbDataReader inner;

        public LenientReader(DbDataReader inner) { this.inner = inner; }

        private object Value(int i) => inner.GetValue(i) is bool b ? (b ? 1L : 0L) : inner.GetValue(i);

        public override long GetInt64(int ordinal) => Convert.ToInt64(Value(ordinal), CultureInfo.InvariantCulture);
        public override int GetInt32(int ordinal) => Convert.ToInt32(Value(ordinal), CultureInfo.InvariantCulture);
        public override short GetInt16(int ordinal) => Convert.ToInt16(Value(ordinal), CultureInfo.InvariantCulture);
        public override bool GetBoolean(int ordinal) => Convert.ToInt64(Value(ordinal), CultureInfo.InvariantCulture) != 0;
        public override double GetDouble(int ordinal) => Convert.ToDouble(Value(ordinal), CultureInfo.InvariantCulture);
        public override decimal GetDecimal(int ordinal) => Convert.ToDecimal(Value(ordinal), CultureInfo.InvariantCulture);
        public override float GetFloat(int ordinal) => Convert.ToSingle(Value(ordinal), CultureInfo.InvariantCulture);
        // A reader gives DBNull, never null, for a NULL; the text of any value it gives is a string.
        public override string GetString(int ordinal) => Convert.ToString(inner.GetValue(ordinal), CultureInfo.InvariantCulture)!;
        public override object GetValue(int ordinal) => Value(ordinal);

        public override Type GetFieldType(int ordinal)
        {
            var t = inner.GetFieldType(ordinal);
            if (t == typeof(int) || t == typeof(short) || t == typeof(bool)) return typeof(long);
            if (t == typeof(decimal)) return typeof(long);
            return t;
        }

        public override bool IsDBNull(int ordinal) => inner.IsDBNull(ordinal);
        public override int FieldCount => inner.FieldCount;
        public override object this[int ordinal] => GetValue(ordinal);
        public override object this[string name] => GetValue(GetOrdinal(name));
        public override int RecordsAffected => inner.RecordsAffected;
        public override bool HasRows => inner.HasRows;
        public override bool IsClosed => inner.IsClosed;
        public override int Depth => inner.Depth;
        public override bool NextResult() => inner.NextResult();
        public override bool Read() => inner.Read();
        public override string GetName(int ordinal) => inner.GetName(ordinal);
        public override int GetOrdinal(string name) => inner.GetOrdinal(name);
        public override string GetDataTypeName(int ordinal) => inner.GetDataTypeName(ordinal);
        public override byte GetByte(int ordinal) => Convert.ToByte(Value(ordinal), CultureInfo.InvariantCulture);
        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => inner.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);
        public override char GetChar(int ordinal) => inner.GetChar(ordinal);
        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => inner.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);
        public override DateTime GetDateTime(int ordinal) => inner.GetDateTime(ordinal);
        public override Guid GetGuid(int ordinal) => inner.GetGuid(ordinal);
        public override int GetValues(object[] values)
        {
            var n = Math.Min(values.Length, FieldCount);
            for (var i = 0; i < n; i++) values[i] = GetValue(i);
            return n;
        }
        public override IEnumerator GetEnumerator() => ((IEnumerable)inner).GetEnumerator();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
#endif
