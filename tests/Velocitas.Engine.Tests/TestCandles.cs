using System.Globalization;
using Velocitas.Engine.Market;

namespace Velocitas.Engine.Tests;

/// <summary>Candle fixtures for engine tests.</summary>
internal static class TestCandles
{
    private static readonly Lazy<Candle[]> Default = new(() => ReadSimpleCsv(Path.Combine(AppContext.BaseDirectory, "TestData", "skender-default-quotes.csv")));

    /// <summary>Stock.Indicators' standard 502 daily quotes (2017-01-03 .. 2018-12-31).</summary>
    public static Candle[] SkenderDefault => Default.Value;

    /// <summary>Reads a Date,Open,High,Low,Close,Volume file (the engine tests' own minimal reader).</summary>
    public static Candle[] ReadSimpleCsv(string path) =>
        File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var f = line.Split(',');
            var time = new DateTimeOffset(DateTime.SpecifyKind(DateTime.Parse(f[0], CultureInfo.InvariantCulture), DateTimeKind.Utc));
            return new Candle(time, decimal.Parse(f[1], CultureInfo.InvariantCulture), decimal.Parse(f[2], CultureInfo.InvariantCulture),
                decimal.Parse(f[3], CultureInfo.InvariantCulture), decimal.Parse(f[4], CultureInfo.InvariantCulture), double.Parse(f[5], CultureInfo.InvariantCulture));
        }).ToArray();

    /// <summary>Daily candles from (open, high, low, close) tuples starting 2024-01-01.</summary>
    public static Candle[] Daily(params (decimal O, decimal H, decimal L, decimal C)[] bars) =>
        bars.Select((b, i) => new Candle(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i), b.O, b.H, b.L, b.C, 1000)).ToArray();

    /// <summary>Daily candles where open = high = low = close = each price.</summary>
    public static Candle[] FromCloses(params decimal[] closes) =>
        Daily(closes.Select(c => (c, c, c, c)).ToArray());

    /// <summary>A deterministic synthetic hourly series with regimes.</summary>
    public static Candle[] Synthetic(int count, int seed = 7, double startPrice = 100) =>
        SyntheticMarket.Generate(seed, startPrice, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), Timeframe.OneHour, count);
}
