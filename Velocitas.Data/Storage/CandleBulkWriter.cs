using System.Data.Common;
using Microsoft.Data.Sqlite;
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

    private static void WriteSqlite(SqliteConnection connection, SqliteTransaction transaction, int datasetId, ReadOnlySpan<Candle> candles, IProgress<double>? progress, CancellationToken ct)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "INSERT INTO Candles (DatasetId, Time, Open, High, Low, Close, Volume) VALUES ($d, $t, $o, $h, $l, $c, $v)";
        var d = cmd.Parameters.Add("$d", SqliteType.Integer);
        var t = cmd.Parameters.Add("$t", SqliteType.Integer);
        var o = cmd.Parameters.Add("$o", SqliteType.Text);
        var h = cmd.Parameters.Add("$h", SqliteType.Text);
        var l = cmd.Parameters.Add("$l", SqliteType.Text);
        var c = cmd.Parameters.Add("$c", SqliteType.Text);
        var v = cmd.Parameters.Add("$v", SqliteType.Real);
        cmd.Prepare();
        d.Value = datasetId;
        for (int i = 0; i < candles.Length; i++)
        {
            ref readonly var k = ref candles[i];
            t.Value = k.Time.ToUnixTimeMilliseconds();
            o.Value = k.Open;
            h.Value = k.High;
            l.Value = k.Low;
            c.Value = k.Close;
            v.Value = k.Volume;
            cmd.ExecuteNonQuery();
            if ((i & 0x3FFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report((double)i / candles.Length);
            }
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
