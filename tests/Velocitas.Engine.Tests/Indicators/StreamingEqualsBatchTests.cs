using Velocitas.Engine.Market;

namespace Velocitas.Engine.Tests.Indicators;

/// <summary>Each O(1) streaming indicator gives exactly the series its textbook batch definition gives.</summary>
public class StreamingEqualsBatchTests
{
    public static TheoryData<string> Series => new("skender", "synthetic");

    private static Candle[] Load(string series) => series == "skender" ? TestCandles.SkenderDefault : TestCandles.Synthetic(3000, seed: 11);

    private static double[] Closes(Candle[] c) => c.Select(x => (double)x.Close).ToArray();

    private static void AssertSeries(double?[] expected, double?[] actual, string label, double tolerance = 1e-9)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i] is null) Assert.True(actual[i] is null, $"{label}[{i}] should be null, was {actual[i]}");
            else
            {
                Assert.True(actual[i] is not null, $"{label}[{i}] is null, expected {expected[i]}");
                double scale = Math.Max(1, Math.Abs(expected[i]!.Value));
                Assert.True(Math.Abs(actual[i]!.Value - expected[i]!.Value) <= tolerance * scale, $"{label}[{i}] = {actual[i]:R}, batch {expected[i]:R}");
            }
        }
    }

    [Theory, MemberData(nameof(Series))]
    public void Sma_streaming_equals_batch(string series)
    {
        var c = Load(series);
        AssertSeries(NaiveSeries.Sma(Closes(c), 20), IndicatorProbe.Sma20.Run(c)["Value"], "SMA");
    }

    [Theory, MemberData(nameof(Series))]
    public void Ema_streaming_equals_batch(string series)
    {
        var c = Load(series);
        AssertSeries(NaiveSeries.Ema(Closes(c), 20), IndicatorProbe.Ema20.Run(c)["Value"], "EMA");
    }

    [Theory, MemberData(nameof(Series))]
    public void Rsi_streaming_equals_batch(string series)
    {
        var c = Load(series);
        AssertSeries(NaiveSeries.Rsi(Closes(c), 14), IndicatorProbe.Rsi14.Run(c)["Value"], "RSI");
    }

    [Theory, MemberData(nameof(Series))]
    public void Roc_streaming_equals_batch(string series)
    {
        var c = Load(series);
        AssertSeries(NaiveSeries.Roc(Closes(c), 14), IndicatorProbe.Roc14.Run(c)["Value"], "ROC");
    }

    [Theory, MemberData(nameof(Series))]
    public void Macd_streaming_equals_batch(string series)
    {
        var c = Load(series);
        var (line, signal) = NaiveSeries.Macd(Closes(c), 12, 26, 9);
        var s = IndicatorProbe.Macd.Run(c);
        AssertSeries(line, s["Line"], "MACD line");
        AssertSeries(signal, s["Signal"], "MACD signal");
        AssertSeries(line.Zip(signal, (l, g) => l - g).ToArray(), s["Histogram"], "MACD histogram");
    }

    [Theory, MemberData(nameof(Series))]
    public void Bollinger_streaming_equals_batch(string series)
    {
        var c = Load(series);
        var (mid, up, lo) = NaiveSeries.Bollinger(Closes(c), 20, 2);
        var s = IndicatorProbe.Bollinger.Run(c);
        AssertSeries(mid, s["Middle"], "BB middle");
        AssertSeries(up, s["Upper"], "BB upper");
        AssertSeries(lo, s["Lower"], "BB lower");
    }

    [Theory, MemberData(nameof(Series))]
    public void Atr_streaming_equals_batch(string series)
    {
        var c = Load(series);
        AssertSeries(NaiveSeries.Atr(c, 14), IndicatorProbe.Atr14.Run(c)["Value"], "ATR");
    }

    [Theory, MemberData(nameof(Series))]
    public void Adx_streaming_equals_batch(string series)
    {
        var c = Load(series);
        var (pdi, mdi, adx) = NaiveSeries.Adx(c, 14);
        var s = IndicatorProbe.Adx14.Run(c);
        AssertSeries(pdi, s["PlusDi"], "+DI");
        AssertSeries(mdi, s["MinusDi"], "-DI");
        AssertSeries(adx, s["Value"], "ADX");
    }

    [Theory, MemberData(nameof(Series))]
    public void Stochastic_streaming_equals_batch(string series)
    {
        var c = Load(series);
        var (k, d) = NaiveSeries.Stochastic(c, 14, 3, 3);
        var s = IndicatorProbe.Stoch.Run(c);
        AssertSeries(k, s["K"], "%K");
        AssertSeries(d, s["D"], "%D");
    }

    [Theory, MemberData(nameof(Series))]
    public void Donchian_streaming_equals_batch(string series)
    {
        var c = Load(series);
        var (up, lo) = NaiveSeries.Donchian(c, 20);
        var s = IndicatorProbe.Donchian20.Run(c);
        AssertSeries(up, s["Upper"], "Donchian upper", 0);
        AssertSeries(lo, s["Lower"], "Donchian lower", 0);
    }
}
