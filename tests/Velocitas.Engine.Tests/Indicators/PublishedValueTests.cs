namespace Velocitas.Engine.Tests.Indicators;

/// <summary>Our indicators reproduce Stock.Indicators' published results on its standard quotes to 1e-9.</summary>
public class PublishedValueTests
{
    public static TheoryData<string> Indicators => new(IndicatorProbe.All.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Indicators))]
    public void Indicator_matches_Stock_Indicators_published_values(string name)
    {
        var probe = IndicatorProbe.All.Single(p => p.Name == name);
        var expected = (ValueTuple<string, int, double?>[])typeof(PublishedValues).GetField(name)!.GetValue(null)!;
        var series = probe.Run(TestCandles.SkenderDefault);

        Assert.NotEmpty(expected);
        foreach (var (field, index, value) in expected)
        {
            double? actual = series[field][index];
            if (value is null)
            {
                Assert.True(actual is null, $"{name}.{field}[{index}] should be null during warm-up but was {actual}");
            }
            else
            {
                Assert.True(actual is not null, $"{name}.{field}[{index}] is null, expected {value}");
                Assert.True(Math.Abs(actual!.Value - value.Value) <= 1e-9, $"{name}.{field}[{index}] = {actual:R}, expected {value:R}");
            }
        }
    }

    [Theory]
    [InlineData("Sma20", "Value", 19)]
    [InlineData("Ema20", "Value", 19)]
    [InlineData("Rsi14", "Value", 14)]
    [InlineData("Roc14", "Value", 14)]
    [InlineData("Macd", "Line", 25)]
    [InlineData("Macd", "Signal", 33)]
    [InlineData("Bollinger", "Upper", 19)]
    [InlineData("Atr14", "Value", 14)]
    [InlineData("Adx14", "PlusDi", 14)]
    [InlineData("Adx14", "Value", 27)]
    [InlineData("Stoch", "K", 15)]
    [InlineData("Stoch", "D", 17)]
    [InlineData("Donchian20", "Upper", 20)]
    public void First_value_appears_exactly_where_the_published_series_starts(string name, string field, int firstIndex)
    {
        var series = IndicatorProbe.All.Single(p => p.Name == name).Run(TestCandles.SkenderDefault)[field];

        Assert.Null(series[firstIndex - 1]);
        Assert.NotNull(series[firstIndex]);
    }
}
