namespace Velocitas.Strategies.Hosting;

/// <summary>
/// Where a strategy's indicators come from. The engine supplies one: values computed as candles arrive (live trading,
/// single backtests), or series computed once per candle series and shared by every run on it (optimisations).
/// Not for strategy code.
/// </summary>
public interface IIndicatorProvider
{
    /// <summary>The candles of the run when they are known in advance (shared series), else null.</summary>
    Candle[]? Candles { get; }

    /// <summary>Candles needed before every output of <paramref name="request"/> is defined.</summary>
    int WarmUp(IndicatorRequest request);

    /// <summary>Every output of <paramref name="request"/> for every candle of <see cref="Candles"/> (NaN during warm-up).</summary>
    double[][] Series(IndicatorRequest request);

    /// <summary>A fresh calculator fed one candle at a time.</summary>
    IIndicatorCalculator Calculator(IndicatorRequest request);
}

/// <summary>An indicator fed one candle at a time. Not for strategy code.</summary>
public interface IIndicatorCalculator
{
    /// <summary>Consumes the next candle and writes every output (NaN during warm-up).</summary>
    void Update(in Candle candle, System.Span<double> outputs);
}

/// <summary>
/// An indicator of the close with one output (SMA, EMA, RSI, ROC): the host feeds it the close and takes the value back,
/// without an output buffer. The same values as <see cref="IIndicatorCalculator.Update"/>. Not for strategy code.
/// </summary>
public interface ICloseIndicatorCalculator : IIndicatorCalculator
{
    /// <summary>Consumes the next close and returns the output (NaN during warm-up).</summary>
    double Next(double close);
}
