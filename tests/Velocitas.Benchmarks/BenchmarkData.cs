using Velocitas.Engine.Market;

namespace Velocitas.Benchmarks;

/// <summary>Deterministic inputs shared by the benchmarks.</summary>
public static class BenchmarkData
{
    private static readonly Lazy<Candle[]> Minutes = new(() =>
        SyntheticMarket.Generate(42, 30_000, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), Timeframe.OneMinute, 1_000_000, stepVolatility: 0.0004));

    /// <summary>1,000,000 synthetic one-minute candles.</summary>
    public static Candle[] MillionMinutes => Minutes.Value;
}
