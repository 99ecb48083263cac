using Velocitas.Data.Storage;
using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Data.Tests;

/// <summary>
/// A sampled run keeps what the pages read (first, last, each bucket's extremes, every month's last point) and the same
/// figures as a full run; sampling while the curve is produced gives exactly what sampling the finished curve gives.
/// </summary>
public class EquitySamplingTests
{
    private static readonly Candle[] Candles = RandomWalk(150_000, seed: 3);

    [Fact]
    public void A_sampled_run_has_the_figures_and_trades_of_a_full_run_and_the_full_curves_sample()
    {
        var full = Backtester.Run(Candles, Strategy(), Settings());
        var sampled = Backtester.RunSampled(Candles, Strategy(), Settings());

        Assert.Equal(VelocitasJson.Serialize(full.Metrics), VelocitasJson.Serialize(sampled.Metrics));
        Assert.Equal(full.Trades, sampled.Trades);
        Assert.Equal(EquitySampler.Sample(full.Equity), sampled.Equity);
        Assert.InRange(sampled.Equity.Count, 3000, EquitySampler.DefaultMaxPoints);
        Assert.Equal(full.Equity[0], sampled.Equity[0]);
        Assert.Equal(full.Equity[^1], sampled.Equity[^1]);
        Assert.Equal(full.Metrics.FinalEquity, sampled.Equity[^1].Value);
    }

    [Fact]
    public void Monthly_and_yearly_returns_read_from_the_sample_are_exact()
    {
        var full = Backtester.Run(Candles, Strategy(), Settings());
        var sampled = Backtester.RunSampled(Candles, Strategy(), Settings());

        Assert.True(PeriodReturns.Monthly(full.Equity, 10_000m).Count >= 4);
        Assert.Equal(PeriodReturns.Monthly(full.Equity, 10_000m), PeriodReturns.Monthly(sampled.Equity, 10_000m));
        Assert.Equal(PeriodReturns.Yearly(full.Equity, 10_000m), PeriodReturns.Yearly(sampled.Equity, 10_000m));
    }

    [Fact]
    public void The_sample_holds_each_buckets_lowest_and_highest_point_in_time_order()
    {
        var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var curve = Enumerable.Range(0, 100_000).Select(i => new Equity(t0.AddMinutes(i * 7), 1000m + ((decimal)Math.Sin(i / 500.0) * 100m) + (i == 54_321 ? -400m : 0m) + (i == 77_777 ? 300m : 0m))).ToList();
        var sampled = EquitySampler.Sample(curve, 1000);

        Assert.True(sampled.Count <= 1000);
        Assert.Contains(curve[54_321], sampled);
        Assert.Contains(curve[77_777], sampled);
        Assert.True(sampled.Zip(sampled.Skip(1)).All(p => p.First.Time < p.Second.Time));
        var expected = Reference(curve, 1000);
        Assert.Equal(expected, sampled);
    }

    [Fact]
    public void A_short_curve_is_kept_whole()
    {
        var few = Candles[..3_000];
        var full = Backtester.Run(few, Strategy(), Settings());
        var sampled = Backtester.RunSampled(few, Strategy(), Settings());

        Assert.Equal(full.Equity, sampled.Equity);
    }

    // the rule written out plainly: buckets of the points between first and last, each bucket's first lowest and first
    // highest point, every month's last point, the first and the last point
    private static List<Equity> Reference(List<Equity> curve, int maxPoints)
    {
        int months = ((curve[^1].Time.Year * 12) + curve[^1].Time.Month) - ((curve[0].Time.Year * 12) + curve[0].Time.Month);
        int buckets = (maxPoints - 2 - months) / 2;
        double size = (curve.Count - 2) / (double)buckets;
        var keep = new SortedSet<int> { 0, curve.Count - 1 };
        for (int b = 0; b < buckets; b++)
        {
            int start = 1 + (int)(b * size), end = Math.Min(curve.Count - 1, 1 + (int)((b + 1) * size));
            if (start >= end) continue;
            int lo = start, hi = start;
            for (int i = start; i < end; i++)
            {
                if (curve[i].Value < curve[lo].Value) lo = i;
                if (curve[i].Value > curve[hi].Value) hi = i;
            }
            keep.Add(lo);
            keep.Add(hi);
        }
        for (int i = 0; i + 1 < curve.Count; i++)
        {
            if (curve[i].Time.Month != curve[i + 1].Time.Month) keep.Add(i);
        }
        return keep.Select(i => curve[i]).ToList();
    }

    private static IStrategy Strategy() => StrategyCatalog.Get("sma-crossover").Create(new Dictionary<string, double> { ["fast"] = 10, ["slow"] = 30 });

    private static ExecutionSettings Settings() => new() { FeeRate = 0.001m, LotStep = 0.0001m };

    private static Candle[] RandomWalk(int count, int seed)
    {
        var random = new Random(seed);
        var t0 = new DateTimeOffset(2023, 11, 20, 0, 0, 0, TimeSpan.Zero);
        var candles = new Candle[count];
        decimal price = 30_000m;
        for (int i = 0; i < count; i++)
        {
            decimal open = price;
            price = Math.Round(price * (decimal)(1 + ((random.NextDouble() - 0.5) * 0.004)), 2);
            decimal high = Math.Max(open, price) + 5m, low = Math.Min(open, price) - 5m;
            candles[i] = new Candle(t0.AddMinutes(i), open, high, low, price, 1 + random.Next(10));
        }
        return candles;
    }
}
