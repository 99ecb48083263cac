using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;

namespace Velocitas.Web.Components.UI;

/// <summary>Shapes engine data into what the chart module draws (Unix-millisecond x values, plain numbers).</summary>
public static class ChartData
{
    /// <summary>[time, open, high, low, close(, volume)] per candle; merges neighbours into buckets above <paramref name="max"/> candles.</summary>
    public static IReadOnlyList<decimal[]> Candles(IReadOnlyList<Candle> candles, int max = 1500, bool withVolume = false)
    {
        int n = candles.Count;
        if (n == 0) return [];
        int size = Math.Max(1, (int)Math.Ceiling(n / (double)max));
        var result = new List<decimal[]>((n / size) + 1);
        for (int start = 0; start < n; start += size)
        {
            int end = Math.Min(n, start + size);
            var first = candles[start];
            decimal high = first.High, low = first.Low;
            double volume = first.Volume;
            for (int i = start + 1; i < end; i++)
            {
                if (candles[i].High > high) high = candles[i].High;
                if (candles[i].Low < low) low = candles[i].Low;
                volume += candles[i].Volume;
            }
            result.Add(withVolume
                ? [first.Time.ToUnixTimeMilliseconds(), first.Open, high, low, candles[end - 1].Close, Math.Round((decimal)volume, 4)]
                : [first.Time.ToUnixTimeMilliseconds(), first.Open, high, low, candles[end - 1].Close]);
        }
        return result;
    }

    /// <summary>Buy and sell markers of the most recent <paramref name="max"/> trades (all by default: the chart shows those of its window).</summary>
    public static IReadOnlyList<ChartMarker> Markers(IEnumerable<Trade> trades, int max = int.MaxValue, bool labels = true)
    {
        var list = new List<ChartMarker>();
        foreach (var t in trades.TakeLast(max))
        {
            list.Add(new ChartMarker(t.EntryTime.ToUnixTimeMilliseconds(), t.EntryPrice, "buy", labels ? "B" : null));
            list.Add(new ChartMarker(t.ExitTime.ToUnixTimeMilliseconds(), t.ExitPrice, "sell", labels ? "S" : null));
        }
        return list;
    }

    /// <summary>[time, value] points of an equity curve, sampled to at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<decimal[]> Equity(IReadOnlyList<Equity> equity, int max = 2000) =>
        Velocitas.Data.Storage.EquitySampler.Sample(equity, max).Select(e => new[] { e.Time.ToUnixTimeMilliseconds(), Math.Round(e.Value, 2) }).ToList();

    /// <summary>Drawdown in percent (≤ 0) at each point of an equity curve, sampled.</summary>
    public static IReadOnlyList<decimal[]> Drawdown(IReadOnlyList<Equity> equity, int max = 2000)
    {
        var points = new List<Equity>(equity.Count);
        decimal peak = 0;
        foreach (var e in equity)
        {
            if (e.Value > peak) peak = e.Value;
            points.Add(new Equity(e.Time, peak == 0 ? 0 : (e.Value - peak) / peak * 100m));
        }
        return Velocitas.Data.Storage.EquitySampler.Sample(points, max).Select(e => new[] { e.Time.ToUnixTimeMilliseconds(), Math.Round(e.Value, 3) }).ToList();
    }
}
