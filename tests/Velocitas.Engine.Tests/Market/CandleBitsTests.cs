using Velocitas.Engine.Market;

namespace Velocitas.Engine.Tests.Market;

/// <summary>A candle read in place as <see cref="CandleBits"/> has the candle's own fields: every price's bits, the time, the volume.</summary>
public class CandleBitsTests
{
    [Fact]
    public void Reads_every_field_where_it_lies()
    {
        var candles = new[]
        {
            new Candle(new DateTimeOffset(2021, 5, 1, 0, 0, 0, TimeSpan.Zero), 57_714.66m, 57_800.000m, -1.5m, 0.0000000001m, 12.345),
            new Candle(DateTimeOffset.MaxValue, decimal.MaxValue, decimal.MinValue, 0m, 42_000.100m, double.MaxValue),
        };
        foreach (var candle in candles)
        {
            ref readonly var bits = ref CandleBits.Of(candle);
            Assert.Equal(candle.Time, bits.Time);
            Assert.Equal(candle.Volume, bits.Volume);
            AssertSame(candle.Open, bits.Open);
            AssertSame(candle.High, bits.High);
            AssertSame(candle.Low, bits.Low);
            AssertSame(candle.Close, bits.Close);
        }
    }

    [Fact]
    public void Converts_a_price_as_the_decimal_overload_does()
    {
        var random = new Random(5);
        for (int i = 0; i < 10_000; i++)
        {
            decimal price = new(random.Next(), random.Next(), i % 7 == 0 ? random.Next() : 0, i % 3 == 0, (byte)random.Next(0, 29));
            var candle = new Candle(DateTimeOffset.UnixEpoch, price, price, price, price, 1);
            Assert.Equal(BitConverter.DoubleToInt64Bits((double)price), BitConverter.DoubleToInt64Bits(ExactDouble.From(CandleBits.Of(candle).Close)));
        }
    }

    private static void AssertSame(decimal expected, in DecimalBits actual)
    {
        int[] parts = decimal.GetBits(expected); // lo, mid, hi, flags
        Assert.Equal(parts[3], actual.Flags);
        Assert.Equal((uint)parts[2], actual.High32);
        Assert.Equal(((ulong)(uint)parts[1] << 32) | (uint)parts[0], actual.Low64);
    }
}
