using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Velocitas.Data.Storage;

/// <summary>What the bulk writers share when they drive a prepared SQLite statement through SQLitePCL's raw API.</summary>
internal static class SqliteRaw
{
    /// <summary>Binds <paramref name="value"/> as invariant text in <paramref name="format"/> (null: every digit and the scale), without allocating.</summary>
    public static void BindDecimal(sqlite3_stmt stmt, int index, decimal value, Span<byte> buffer, string? format = null)
    {
        value.TryFormat(buffer, out int written, format, CultureInfo.InvariantCulture);
        raw.sqlite3_bind_text(stmt, index, buffer[..written]);
    }

    /// <summary>Throws the connection's error when <paramref name="rc"/> is neither OK nor DONE.</summary>
    public static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE)
            throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc);
    }
}
