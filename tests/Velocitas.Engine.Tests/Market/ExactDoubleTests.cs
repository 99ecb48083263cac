using Velocitas.Engine.Market;

namespace Velocitas.Engine.Tests.Market;

public class ExactDoubleTests
{
    [Fact]
    public void Gives_the_same_double_as_the_runtimes_cast_for_a_million_prices_amounts_and_extremes()
    {
        foreach (decimal value in Values())
            Assert.Equal(BitConverter.DoubleToInt64Bits((double)value), BitConverter.DoubleToInt64Bits(ExactDouble.From(value)));
    }

    [Fact]
    public void Converts_a_candles_four_prices_at_once_to_the_same_doubles_as_the_cast_of_each()
    {
        // neighbours of the list, so each candle mixes scales, signs and 96-bit mantissas
        var values = Values();
        for (int i = 0; i + 3 < values.Count; i++)
        {
            var candle = new Candle(DateTimeOffset.UnixEpoch.AddMinutes(i), values[i], values[i + 1], values[i + 2], values[i + 3], i);
            var prices = ExactDouble.FromPrices(candle);
            Assert.Equal(BitConverter.DoubleToInt64Bits((double)candle.Open), BitConverter.DoubleToInt64Bits(prices[0]));
            Assert.Equal(BitConverter.DoubleToInt64Bits((double)candle.High), BitConverter.DoubleToInt64Bits(prices[1]));
            Assert.Equal(BitConverter.DoubleToInt64Bits((double)candle.Low), BitConverter.DoubleToInt64Bits(prices[2]));
            Assert.Equal(BitConverter.DoubleToInt64Bits((double)candle.Close), BitConverter.DoubleToInt64Bits(prices[3]));
        }
    }

    private static List<decimal> Values()
    {
        var random = new Random(7);
        var values = new List<decimal>
        {
            0m, -0m, 1m, -1m, 0.1m, 0.0001m, 42000.10m, 42000.100m, 57345.67000000m, 0.00000123m, 123456789.123456m,
            decimal.MaxValue, decimal.MinValue, 1e-28m, -1e-28m, 79228162514264337593543950.335m, 10_000m, 9_999.9999999999999999m,
        };
        for (int i = 0; i < 1_000_000; i++)
        {
            int scale = random.Next(0, 29);
            var value = new decimal(random.Next(), random.Next(), i % 3 == 0 ? random.Next() : 0, random.Next(2) == 0, (byte)scale);
            values.Add(value);
            values.Add(Math.Round((decimal)(random.NextDouble() * 100_000), random.Next(0, 9)));
        }
        return values;
    }
}
