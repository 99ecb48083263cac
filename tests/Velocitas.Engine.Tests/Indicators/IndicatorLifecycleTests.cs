using Velocitas.Engine.Indicators;

namespace Velocitas.Engine.Tests.Indicators;

public class IndicatorLifecycleTests
{
    public static TheoryData<string> Indicators => new(IndicatorProbe.All.Select(p => p.Name));

    [Theory, MemberData(nameof(Indicators))]
    public void Reset_then_replay_gives_identical_values(string name)
    {
        var probe = IndicatorProbe.All.Single(p => p.Name == name);
        var indicator = probe.Create();
        var candles = TestCandles.SkenderDefault;
        var first = probe.Run(candles, indicator);

        indicator.Reset();
        Assert.Equal(0, indicator.Samples);
        Assert.False(indicator.IsReady);
        var second = probe.Run(candles, indicator);

        foreach (string f in probe.Fields) Assert.Equal(first[f], second[f]);
    }

    [Theory, MemberData(nameof(Indicators))]
    public void IsReady_turns_true_exactly_at_the_warm_up_period(string name)
    {
        var probe = IndicatorProbe.All.Single(p => p.Name == name);
        var indicator = probe.Create();
        var candles = TestCandles.SkenderDefault;
        for (int i = 0; i < indicator.WarmUpPeriod; i++)
        {
            Assert.False(indicator.IsReady);
            probe.Feed(indicator, candles[i]);
        }
        Assert.True(indicator.IsReady);
        foreach (string f in probe.Fields) Assert.NotNull(probe.Read(indicator, f));
    }

    [Theory, MemberData(nameof(Indicators))]
    public void Updates_allocate_nothing(string name)
    {
        var probe = IndicatorProbe.All.Single(p => p.Name == name);
        var indicator = probe.Create();
        var candles = TestCandles.Synthetic(5000);
        probe.Feed(indicator, candles[0]); // JIT the path first

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1; i < candles.Length; i++) probe.Feed(indicator, candles[i]);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_period_below_one_is_rejected_with_a_clear_message()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Sma(0));
        Assert.Equal("period", ex.ParamName);
        Assert.Contains("SMA: period must be at least 1 (was 0)", ex.Message);

        var macd = Assert.Throws<ArgumentOutOfRangeException>(() => new Macd(26, 12, 9));
        Assert.Contains("fastPeriod (26) must be less than slowPeriod (12)", macd.Message);

        Assert.Throws<ArgumentOutOfRangeException>(() => new BollingerBands(20, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Stochastic(14, 0, 3));
    }

    [Fact]
    public void Stochastic_gives_exact_bounds_when_the_close_is_at_the_range_edge()
    {
        var stoch = new Stochastic(3, 1, 1);
        stoch.Update(10, 8, 9);
        stoch.Update(11, 9, 10);
        stoch.Update(12, 9, 12); // close at the highest high
        Assert.Equal(100, stoch.K);
        stoch.Update(12, 8, 8); // close at the lowest low
        Assert.Equal(0, stoch.K);
    }

    [Fact]
    public void RollingExtreme_tracks_the_window_maximum_and_minimum()
    {
        var max = new RollingExtreme(3, maximum: true);
        var min = new RollingExtreme(3, maximum: false);
        double[] values = [5, 1, 4, 2, 8, 3, 3, 0];
        double[] expectedMax = [5, 5, 5, 4, 8, 8, 8, 3];
        double[] expectedMin = [5, 1, 1, 1, 2, 2, 3, 0];
        for (int i = 0; i < values.Length; i++)
        {
            max.Add(values[i]);
            min.Add(values[i]);
            Assert.Equal(expectedMax[i], max.Value);
            Assert.Equal(expectedMin[i], min.Value);
        }
    }
}
