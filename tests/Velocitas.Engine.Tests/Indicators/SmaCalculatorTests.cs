using Velocitas.Engine.Indicators;
using Velocitas.Strategies.Hosting;

namespace Velocitas.Engine.Tests.Indicators;

/// <summary>The strategy API's SMA calculator is the <see cref="Sma"/> indicator in one step: the same bits, value by value.</summary>
public class SmaCalculatorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(30)]
    [InlineData(200)]
    public void Gives_the_indicators_bits_for_every_value(int period)
    {
        var random = new Random(period);
        var sma = new Sma(period);
        var calculator = (ICloseIndicatorCalculator)IndicatorCalculators.Create(new IndicatorRequest(IndicatorKind.Sma, period));
        var outputs = new double[1];
        var viaUpdate = IndicatorCalculators.Create(new IndicatorRequest(IndicatorKind.Sma, period));
        double price = 30_000;
        for (int i = 0; i < 5_000; i++)
        {
            // prices across magnitudes and with long fractions, so the running sum rounds differently from a fresh sum
            price = i % 997 == 0 ? price * 1e3 : i % 1009 == 0 ? price / 1e4 : price * (1 + ((random.NextDouble() - 0.5) * 0.01));
            sma.Add(price);
            double value = calculator.Next(price);
            viaUpdate.Update(new Velocitas.Strategies.Candle(DateTimeOffset.UnixEpoch.AddMinutes(i), price, price, price, price, 1), outputs);
            Assert.Equal(BitConverter.DoubleToInt64Bits(sma.Current), BitConverter.DoubleToInt64Bits(value));
            Assert.Equal(BitConverter.DoubleToInt64Bits(sma.Current), BitConverter.DoubleToInt64Bits(outputs[0]));
            Assert.Equal(i + 1 < period, double.IsNaN(value));
        }
        Assert.Equal(period, IndicatorCalculators.WarmUp(new IndicatorRequest(IndicatorKind.Sma, period)));
    }

    [Fact]
    public void Refuses_a_period_below_one()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => IndicatorCalculators.Create(new IndicatorRequest(IndicatorKind.Sma, 0)));
        Assert.Contains("SMA: period must be at least 1 (was 0)", error.Message);
    }
}
