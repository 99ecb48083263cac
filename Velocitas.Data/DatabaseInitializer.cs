using Microsoft.EntityFrameworkCore;
using Velocitas.Data.Storage;
using Velocitas.Engine.Market;

namespace Velocitas.Data;

/// <summary>Applies the committed migrations, switches SQLite to WAL and seeds the demo datasets.</summary>
public static class DatabaseInitializer
{
    /// <summary>The deterministic demo datasets every fresh database gets, so the app works offline.</summary>
    public static readonly (string Name, string Symbol, int Seed, double StartPrice, double StepVolatility)[] Demos =
    [
        ("BTC demo (synthetic)", "BTCUSDT", 1, 42_000, 0.0025),
        ("ETH demo (synthetic)", "ETHUSDT", 2, 2_300, 0.003),
        ("SOL demo (synthetic)", "SOLUSDT", 3, 100, 0.004),
    ];

    /// <summary>Start of the demo series.</summary>
    public static readonly DateTimeOffset DemoStart = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Hourly candles per demo dataset.</summary>
    public const int DemoCandles = 6000;

    /// <summary>Migrates the database and seeds demo data when no demo dataset exists.</summary>
    public static async Task InitializeAsync(IDbContextFactory<VelocitasDbContext> factory, DatasetStore datasets, CancellationToken ct = default)
    {
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await db.Database.MigrateAsync(ct);
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
            if (await db.Datasets.AnyAsync(d => d.Source == "demo", ct)) return;
        }
        foreach (var (name, symbol, seed, price, vol) in Demos)
        {
            var candles = SyntheticMarket.Generate(seed, price, DemoStart, Timeframe.OneHour, DemoCandles, stepVolatility: vol);
            await datasets.SaveAsync(name, symbol, Timeframe.OneHour, candles, "demo", ct: ct);
        }
    }
}
