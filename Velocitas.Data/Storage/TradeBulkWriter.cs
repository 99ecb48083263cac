using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;
using Velocitas.Data.Entities;

namespace Velocitas.Data.Storage;

/// <summary>
/// Inserts a saved backtest's trades inside the caller's transaction without change tracking (a run can hold thousands):
/// a prepared statement on SQLite, binary COPY on PostgreSQL. Values are stored exactly as EF Core stores a
/// <see cref="TradeEntity"/>: times as Unix milliseconds, decimals on SQLite as EF's invariant text.
/// </summary>
internal static class TradeBulkWriter
{
    // the text EF Core's SQLite provider writes for a decimal (at least one decimal place, no trailing zeros after it)
    private const string SqliteDecimal = "0.0###########################";

    public static async Task WriteAsync(DbConnection connection, int backtestRunId, IReadOnlyList<TradeEntity> trades, CancellationToken ct)
    {
        switch (connection)
        {
            case SqliteConnection sqlite:
                WriteSqlite(sqlite, backtestRunId, trades, ct);
                break;
            case NpgsqlConnection npgsql:
                await WritePostgresAsync(npgsql, backtestRunId, trades, ct);
                break;
            default:
                throw new NotSupportedException($"Bulk insert is not implemented for {connection.GetType().Name}.");
        }
    }

    private static void WriteSqlite(SqliteConnection connection, int runId, IReadOnlyList<TradeEntity> trades, CancellationToken ct)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        SqliteRaw.Check(db, raw.sqlite3_prepare_v2(db, "INSERT INTO \"Trades\" (\"BacktestRunId\", \"Symbol\", \"EntryTime\", \"ExitTime\", \"Quantity\", \"EntryPrice\", \"ExitPrice\", \"Pnl\", \"Fees\", \"ReturnPct\", \"ExitReason\") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", out sqlite3_stmt stmt));
        try
        {
            Span<byte> text = stackalloc byte[96];
            for (int i = 0; i < trades.Count; i++)
            {
                var t = trades[i];
                raw.sqlite3_bind_int64(stmt, 1, runId);
                raw.sqlite3_bind_text(stmt, 2, t.Symbol);
                raw.sqlite3_bind_int64(stmt, 3, t.EntryTime.ToUnixTimeMilliseconds());
                raw.sqlite3_bind_int64(stmt, 4, t.ExitTime.ToUnixTimeMilliseconds());
                SqliteRaw.BindDecimal(stmt, 5, t.Quantity, text, SqliteDecimal);
                SqliteRaw.BindDecimal(stmt, 6, t.EntryPrice, text, SqliteDecimal);
                SqliteRaw.BindDecimal(stmt, 7, t.ExitPrice, text, SqliteDecimal);
                SqliteRaw.BindDecimal(stmt, 8, t.Pnl, text, SqliteDecimal);
                SqliteRaw.BindDecimal(stmt, 9, t.Fees, text, SqliteDecimal);
                SqliteRaw.BindDecimal(stmt, 10, t.ReturnPct, text, SqliteDecimal);
                raw.sqlite3_bind_text(stmt, 11, t.ExitReason);
                int rc = raw.sqlite3_step(stmt);
                if (rc != raw.SQLITE_DONE) SqliteRaw.Check(db, rc);
                raw.sqlite3_reset(stmt);
                if ((i & 0xFFF) == 0) ct.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            raw.sqlite3_finalize(stmt);
        }
    }

    private static async Task WritePostgresAsync(NpgsqlConnection connection, int runId, IReadOnlyList<TradeEntity> trades, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY \"Trades\" (\"BacktestRunId\", \"Symbol\", \"EntryTime\", \"ExitTime\", \"Quantity\", \"EntryPrice\", \"ExitPrice\", \"Pnl\", \"Fees\", \"ReturnPct\", \"ExitReason\") FROM STDIN (FORMAT BINARY)", ct);
        foreach (var t in trades)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(runId, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(t.Symbol, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(t.EntryTime.ToUnixTimeMilliseconds(), NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync(t.ExitTime.ToUnixTimeMilliseconds(), NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync(t.Quantity, NpgsqlDbType.Numeric, ct);
            await writer.WriteAsync(t.EntryPrice, NpgsqlDbType.Numeric, ct);
            await writer.WriteAsync(t.ExitPrice, NpgsqlDbType.Numeric, ct);
            await writer.WriteAsync(t.Pnl, NpgsqlDbType.Numeric, ct);
            await writer.WriteAsync(t.Fees, NpgsqlDbType.Numeric, ct);
            await writer.WriteAsync(t.ReturnPct, NpgsqlDbType.Numeric, ct);
            await writer.WriteAsync(t.ExitReason, NpgsqlDbType.Text, ct);
        }
        await writer.CompleteAsync(ct);
    }
}
