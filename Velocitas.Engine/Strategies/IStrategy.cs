using Velocitas.Engine.Market;

namespace Velocitas.Engine.Strategies;

/// <summary>
/// A trading rule fed one closed candle at a time, in time order. It never sees a later candle: there is
/// no indexable access to the series, so look-ahead is impossible by construction. The same object type
/// runs in backtests, optimisations and live trading.
/// </summary>
public interface IStrategy
{
    /// <summary>The catalogue entry this strategy was created from.</summary>
    StrategyDefinition Definition { get; }

    /// <summary>The validated parameter values.</summary>
    ParameterSet Parameters { get; }

    /// <summary>Candles needed before the strategy can emit a signal.</summary>
    int WarmUpPeriod { get; }

    /// <summary>Consumes a closed candle and returns the signal at its close.</summary>
    Signal OnCandle(in Candle candle);

    /// <summary>Forgets all candles seen.</summary>
    void Reset();
}
