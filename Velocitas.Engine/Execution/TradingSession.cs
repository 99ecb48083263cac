using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Execution;

/// <summary>
/// One strategy trading one coin: the strategy, its broker and ledger, and the running equity statistics.
/// Backtests call <see cref="Process"/> per candle; live trading calls <see cref="OnOpen"/> when a candle
/// starts and <see cref="OnClose"/> when it completes. Both paths run the same code, so the same candles give
/// the same trades.
/// </summary>
public sealed class TradingSession
{
    private DateTimeOffset _lastClose = DateTimeOffset.MinValue;
    private Candle _lastCandle;
    private bool _exposed;

    /// <summary>Creates a session for <paramref name="strategy"/> under <paramref name="settings"/>.</summary>
    public TradingSession(IStrategy strategy, ExecutionSettings settings)
    {
        Strategy = strategy;
        Broker = new SimulatedBroker(settings);
        Statistics = new EquityStatistics(settings.InitialCash);
    }

    /// <summary>The strategy deciding at each close.</summary>
    public IStrategy Strategy { get; }

    /// <summary>The broker filling its orders.</summary>
    public SimulatedBroker Broker { get; }

    /// <summary>The account.</summary>
    public Ledger Ledger => Broker.Ledger;

    /// <summary>Running equity, drawdown and return statistics.</summary>
    public EquityStatistics Statistics { get; }

    /// <summary>Signal the strategy gave at the last close.</summary>
    public Signal LastSignal { get; private set; }

    /// <summary>The last completed candle, if any.</summary>
    public Candle? LastCandle => Statistics.Candles == 0 ? null : _lastCandle;

    /// <summary>Processes a completed candle: open, range, close. Returns the equity at its close.</summary>
    public Equity Process(in Candle candle)
    {
        OnOpen(candle.Time, candle.Open);
        return OnClose(candle);
    }

    /// <summary>A candle opened at <paramref name="open"/>: pending orders fill now.</summary>
    public void OnOpen(DateTimeOffset time, decimal open)
    {
        Broker.OnOpen(time, open);
        _exposed = Ledger.IsLong;
    }

    /// <summary>
    /// A candle completed: risk exits are checked against its range, equity is marked at its close, and
    /// the strategy decides (its order fills at the next open).
    /// </summary>
    public Equity OnClose(in Candle candle)
    {
        if (candle.Time <= _lastClose)
            throw new InvalidOperationException($"Candles must arrive in time order: {candle.Time:O} came after {_lastClose:O}.");
        _lastClose = candle.Time;
        _lastCandle = candle;
        Broker.OnRange(candle.Time, candle.Open, candle.High, candle.Low);
        decimal equity = Ledger.Equity(candle.Close);
        Statistics.Add(candle.Time, equity, candle.Close, _exposed);
        _exposed = Ledger.IsLong;
        var signal = Strategy.OnCandle(candle);
        LastSignal = signal;
        Broker.Submit(signal);
        return new Equity(candle.Time, equity);
    }

    /// <summary>
    /// Data ended: an open position is closed at the last close (<see cref="ExitReason.EndOfData"/>) and the
    /// final equity point is replaced by the cash after that sale.
    /// </summary>
    public void Finish()
    {
        if (Statistics.Candles == 0) return;
        bool wasLong = Ledger.IsLong;
        Broker.CloseAll(_lastCandle.Time, _lastCandle.Close, ExitReason.EndOfData);
        if (wasLong) Statistics.ReviseLast(Ledger.Cash);
    }
}
