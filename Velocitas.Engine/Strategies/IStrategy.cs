using Velocitas.Engine.Market;
using Velocitas.Strategies.Hosting;

namespace Velocitas.Engine.Strategies;

/// <summary>
/// A trading rule fed one closed candle at a time, in time order. It never sees a later candle: there is
/// no indexable access to the future, so look-ahead is impossible by construction. The same object type
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

    /// <summary>Consumes a closed candle and returns the signal at its close (a buy is <see cref="Signal.Enter"/>, a sell <see cref="Signal.Exit"/>).</summary>
    Signal OnCandle(in Candle candle);

    /// <summary>The order behind the last signal, for the broker to fill at the next open.</summary>
    OrderIntent Order { get; }

    /// <summary>Stop-loss, take-profit and trailing-stop levels set from the strategy's code (they replace the run's settings).</summary>
    RiskOverrides Risk { get; }

    /// <summary>What the strategy drew and logged during the run.</summary>
    StrategyOutput Output { get; }

    /// <summary>The newest <paramref name="count"/> lines of the strategy's log, oldest first (cheap: live snapshots read it).</summary>
    IReadOnlyList<Velocitas.Strategies.Hosting.LogLine> RecentLog(int count) => Output.Log.TakeLast(count).ToList();

    /// <summary>Shows the strategy the account it trades (cash, equity, position).</summary>
    void Attach(IAccountView account);

    /// <summary>Forgets all candles seen.</summary>
    void Reset();
}
