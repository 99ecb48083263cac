using Velocitas.Engine.Market;

namespace Velocitas.Engine.Tests.Market;

public class DecimalMathTests
{
    [Fact]
    public void Cash_plus_a_position_has_the_bits_of_the_decimal_operators_for_a_million_accounts_and_the_edges()
    {
        var random = new Random(11);
        var cases = new List<(decimal A, decimal B, decimal C)>
        {
            (0m, 0m, 0m), (10_000m, 0.1723m, 57000.50m), (0.000000001m, 1m, 1m), (1.10m, 2m, 3.0m), (5m, 0m, 42000.10m),
            (decimal.MaxValue, 1m, 1m), (1m, decimal.MaxValue, 1m), (79228162514264337593543950.335m, 0.001m, 1m),
            (1e-28m, 1e-14m, 1e-14m), (1m, 1e-14m, 1e-15m), (-5m, 1m, 2m), (5m, -1m, 2m), (5m, 1m, -2m),
            (1m, 18446744073709551615m, 18446744073709551615m), (1m, 4294967296m, 4294967296m), (0.5m, 0.0001m, 0.00000001m),
            (12345678901234567890.123456789m, 1.0000000001m, 1m), (7922816251426433759354395033.5m, 1m, 1m),
        };
        for (int i = 0; i < 1_000_000; i++)
        {
            // accounts as the ledger makes them: cash with fee digits, a lot-stepped quantity, a quoted price
            decimal cash = Math.Round((decimal)(random.NextDouble() * 100_000), random.Next(0, 16));
            decimal quantity = Math.Round((decimal)(random.NextDouble() * 10), random.Next(0, 9));
            decimal price = Math.Round((decimal)(random.NextDouble() * 100_000), random.Next(0, 9));
            cases.Add((cash, quantity, price));
            // and anything: any scale, mantissas near and over 64 and 96 bits
            cases.Add((Any(random), Any(random), Any(random)));
        }

        foreach (var (a, b, c) in cases)
        {
            decimal expected;
            try { expected = a + (b * c); }
            catch (OverflowException) { Assert.Throws<OverflowException>(() => DecimalMath.AddProduct(a, b, c)); continue; }
            Assert.Equal(decimal.GetBits(expected), decimal.GetBits(DecimalMath.AddProduct(a, b, c)));
        }
    }

    private static decimal Any(Random random) => new(random.Next(), random.Next(4) == 0 ? random.Next() : random.Next(0, 3),
        random.Next(5) == 0 ? random.Next() : 0, random.Next(8) == 0, (byte)random.Next(0, 29));
}
