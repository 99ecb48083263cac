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
