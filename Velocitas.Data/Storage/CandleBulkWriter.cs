using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Npgsql;
using NpgsqlTypes;
using Velocitas.Engine.Market;

namespace Velocitas.Data.Storage;

/// <summary>
/// Inserts many candles inside the caller's transaction, bypassing change tracking: a prepared statement
/// on SQLite, binary COPY on PostgreSQL.
/// </summary>
internal static class CandleBulkWriter
{
    public static async Task WriteAsync(DbConnection connection, DbTransaction transaction, int datasetId, ReadOnlyMemory<Candle> candles, IProgress<double>? progress, CancellationToken ct)
    {
        switch (connection)
        {
            case SqliteConnection sqlite:
                WriteSqlite(sqlite, (SqliteTransaction)transaction, datasetId, candles.Span, progress, ct);
                break;
            case NpgsqlConnection npgsql:
                await WritePostgresAsync(npgsql, datasetId, candles, progress, ct);
                break;
            default:
                throw new NotSupportedException($"Bulk insert is not implemented for {connection.GetType().Name}.");
        }
    }

    /// <summary>
    /// SQLite: one prepared statement driven through SQLitePCL's raw API (bind, step, reset) inside the open
    /// transaction. Prices are bound as invariant text, exactly as EF Core stores decimals, without allocating.
    /// </summary>
    private static void WriteSqlite(SqliteConnection connection, SqliteTransaction transaction, int datasetId, ReadOnlySpan<Candle> candles, IProgress<double>? progress, CancellationToken ct)
    {
        _ = transaction; // the raw statement runs on the connection, inside the transaction the caller opened
        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        SqliteRaw.Check(db, raw.sqlite3_prepare_v2(db, "INSERT INTO \"Candles\" (\"DatasetId\", \"Time\", \"Open\", \"High\", \"Low\", \"Close\", \"Volume\") VALUES (?, ?, ?, ?, ?, ?, ?)", out sqlite3_stmt stmt));
        try
        {
            Span<byte> text = stackalloc byte[64];
            for (int i = 0; i < candles.Length; i++)
            {
                ref readonly var k = ref candles[i];
                raw.sqlite3_bind_int64(stmt, 1, datasetId);
                raw.sqlite3_bind_int64(stmt, 2, k.Time.ToUnixTimeMilliseconds());
                SqliteRaw.BindDecimal(stmt, 3, k.Open, text);
                SqliteRaw.BindDecimal(stmt, 4, k.High, text);
                SqliteRaw.BindDecimal(stmt, 5, k.Low, text);
                SqliteRaw.BindDecimal(stmt, 6, k.Close, text);
                raw.sqlite3_bind_double(stmt, 7, k.Volume);
                int rc = raw.sqlite3_step(stmt);
                if (rc != raw.SQLITE_DONE) SqliteRaw.Check(db, rc);
                raw.sqlite3_reset(stmt);
                if ((i & 0x3FFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Report((double)i / candles.Length);
                }
            }
        }
        finally
        {
            raw.sqlite3_finalize(stmt);
        }
        progress?.Report(1);
    }

    private static async Task WritePostgresAsync(NpgsqlConnection connection, int datasetId, ReadOnlyMemory<Candle> candles, IProgress<double>? progress, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY \"Candles\" (\"DatasetId\", \"Time\", \"Open\", \"High\", \"Low\", \"Close\", \"Volume\") FROM STDIN (FORMAT BINARY)", ct);
        for (int i = 0; i < candles.Length; i++)
        {
            var k = candles.Span[i];
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(datasetId, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(k.Time.ToUnixTimeMilliseconds(), NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync(k.Open, NpgsqlDbType.Numeric, ct);
            await writer.WriteAsync(k.High, NpgsqlDbType.Numeric, ct);
            await writer.WriteAsync(k.Low, NpgsqlDbType.Numeric, ct);
            await writer.WriteAsync(k.Close, NpgsqlDbType.Numeric, ct);
            await writer.WriteAsync(k.Volume, NpgsqlDbType.Double, ct);
            if ((i & 0x3FFF) == 0) progress?.Report((double)i / candles.Length);
        }
        await writer.CompleteAsync(ct);
        progress?.Report(1);
    }
}
