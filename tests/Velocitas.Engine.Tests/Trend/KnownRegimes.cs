using Velocitas.Engine.Market;

namespace Velocitas.Engine.Tests.Trend;

/// <summary>
/// Hourly candles whose regime is known by construction: uptrend (+0.25 % drift per candle, 0.6 % noise), downtrend
/// (−0.25 %), range (pulled back to where it started, 0.5 % noise) and volatile (3 % noise, no drift), in
/// segments of 250–450 candles in a seeded random order. Each candle is built from 6 steps so high and low are real.
/// </summary>
internal static class KnownRegimes
{
    public static (Candle[] Candles, MarketRegime[] Regimes) Generate(int seed, int segments = 24)
    {
        var random = new Random(seed);
        var candles = new List<Candle>();
        var regimes = new List<MarketRegime>();
        double price = 100;
        var time = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var previous = MarketRegime.Volatile;
        for (int s = 0; s < segments; s++)
        {
            MarketRegime regime;
            do regime = (MarketRegime)random.Next(4);
            while (regime == previous);
            previous = regime;
            int length = 250 + random.Next(201);
            double anchor = price;
            for (int i = 0; i < length; i++)
            {
                double open = price, high = open, low = open;
                for (int step = 0; step < 6; step++)
                {
                    double z = Normal(random);
                    double r = regime switch
                    {
                        MarketRegime.Uptrend => (0.0025 / 6) + (0.006 / Math.Sqrt(6) * z),
                        MarketRegime.Downtrend => (-0.0025 / 6) + (0.006 / Math.Sqrt(6) * z),
                        MarketRegime.Ranging => (0.05 * Math.Log(anchor / price)) + (0.005 / Math.Sqrt(6) * z),
                        _ => 0.03 / Math.Sqrt(6) * z,
                    };
                    price *= Math.Exp(r);
                    high = Math.Max(high, price);
                    low = Math.Min(low, price);
                }
                candles.Add(new Candle(time, R(open), R(high), R(low), R(price), 1000));
                regimes.Add(regime);
                time = time.AddHours(1);
            }
        }
        return (candles.ToArray(), regimes.ToArray());
    }

    private static decimal R(double v) => Math.Round((decimal)v, 6);

    private static double Normal(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
