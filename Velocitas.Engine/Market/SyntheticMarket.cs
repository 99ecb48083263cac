namespace Velocitas.Engine.Market;

/// <summary>
/// A deterministic, seeded price process that switches between regimes (uptrend, downtrend, range, high
/// volatility) so every strategy has something to do. The same seed always gives the same prices; nothing
/// reads the clock.
/// </summary>
public sealed class SyntheticMarket
{
    private readonly Random _random;
    private readonly double _sigma;
    private readonly double _tick;
    private double _price;
    private double _anchor;
    private int _left;
    private double _spare = double.NaN;

    /// <summary>Creates the process.</summary>
    /// <param name="seed">Seed of the random generator.</param>
    /// <param name="startPrice">First price.</param>
    /// <param name="stepVolatility">Standard deviation of a log-return per step in normal regimes (0.002 = 0.2 %).</param>
    /// <param name="meanRegimeLength">Average steps a regime lasts.</param>
    /// <param name="tickSize">Prices are rounded to this increment.</param>
    public SyntheticMarket(int seed, double startPrice, double stepVolatility = 0.002, int meanRegimeLength = 1200, decimal tickSize = 0.01m)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(startPrice);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepVolatility);
        ArgumentOutOfRangeException.ThrowIfLessThan(meanRegimeLength, 10);
        _random = new Random(seed);
        _price = _anchor = startPrice;
        _sigma = stepVolatility;
        MeanRegimeLength = meanRegimeLength;
        _tick = (double)tickSize;
        TickSize = tickSize;
        NextRegime();
    }

    /// <summary>Average regime length in steps.</summary>
    public int MeanRegimeLength { get; }

    /// <summary>Price increment.</summary>
    public decimal TickSize { get; }

    /// <summary>The regime driving the current step.</summary>
    public MarketRegime Regime { get; private set; }

    /// <summary>The latest price.</summary>
    public decimal Price => Round(_price);

    /// <summary>Advances one step and returns the new price.</summary>
    public decimal Next()
    {
        if (--_left <= 0) NextRegime();
        double z = Normal();
        double r = Regime switch
        {
            MarketRegime.Uptrend => (0.06 * _sigma) + (_sigma * z),
            MarketRegime.Downtrend => (-0.06 * _sigma) + (_sigma * z),
            MarketRegime.Ranging => (0.04 * Math.Log(_anchor / _price)) + (0.7 * _sigma * z),
            _ => 3.0 * _sigma * z,
        };
        _price = Math.Max(_price * Math.Exp(r), _tick * 10);
        return Price;
    }

    /// <summary>
    /// Builds a candle from <paramref name="stepsPerCandle"/> steps: open = previous price, close = last step,
    /// high/low = extremes of the path. Volume grows with the path's movement.
    /// </summary>
    public Candle NextCandle(DateTimeOffset openTime, int stepsPerCandle = 8)
    {
        decimal open = Price, high = open, low = open, close = open;
        double travelled = 0;
        for (int i = 0; i < stepsPerCandle; i++)
        {
            decimal before = close;
            close = Next();
            if (close > high) high = close;
            if (close < low) low = close;
            travelled += Math.Abs((double)(close - before));
        }
        double volume = Math.Round(50 + (travelled / (double)open * 20_000) + (_random.NextDouble() * 25), 4);
        return new Candle(openTime, open, high, low, close, volume);
    }

    /// <summary>Generates <paramref name="count"/> consecutive candles from <paramref name="start"/>.</summary>
    public static Candle[] Generate(int seed, double startPrice, DateTimeOffset start, Timeframe timeframe, int count, MarketRegime[]? regimes = null, double stepVolatility = 0.002)
    {
        var market = new SyntheticMarket(seed, startPrice, stepVolatility);
        var candles = new Candle[count];
        for (int i = 0; i < count; i++)
        {
            candles[i] = market.NextCandle(start + (timeframe.Duration * i));
            if (regimes is not null && i < regimes.Length) regimes[i] = market.Regime;
        }
        return candles;
    }

    private void NextRegime()
    {
        var previous = Regime;
        do
        {
            Regime = (MarketRegime)_random.Next(4);
        }
        while (Regime == previous && _random.Next(3) > 0);
        _left = (MeanRegimeLength / 2) + _random.Next(MeanRegimeLength);
        _anchor = _price;
    }

    private double Normal()
    {
        if (!double.IsNaN(_spare))
        {
            double s = _spare;
            _spare = double.NaN;
            return s;
        }
        double u1 = 1.0 - _random.NextDouble(), u2 = _random.NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        _spare = radius * Math.Sin(2 * Math.PI * u2);
        return radius * Math.Cos(2 * Math.PI * u2);
    }

    private decimal Round(double price) => Math.Round((decimal)price / TickSize, MidpointRounding.AwayFromZero) * TickSize;
}
