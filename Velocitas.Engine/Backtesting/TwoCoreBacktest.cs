using System.Runtime.ExceptionServices;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;
using Position = Velocitas.Strategies.Position;
using Velocitas.Strategies.Hosting;

namespace Velocitas.Engine.Backtesting;

/// <summary>
/// One backtest of a series held as blocks on two cores. One core decodes each stretch of candles and lets the strategy
/// decide on it; the other trades those decisions a stretch behind (fills, risk exits, equity, statistics, sampled
/// curve). A decision at a close depends only on the candles so far, unless the strategy reads the account, so the
/// result is the one-core run's, bit for bit. The strategy is given an account that stops the run at its first read
/// (<see cref="Run"/> then returns false and the caller runs on one core).
/// </summary>
internal sealed class TwoCoreBacktest
{
    private const int Stretch = Backtester.Stretch; // candles decoded and decided at a time
    private const int InFlight = 3;     // stretches between the cores: one being decided, one being traded, one spare

    private readonly CandleSeries _candles;
    private readonly IStrategy _strategy;
    private readonly TradingSession _session;
    private readonly EquityCurveSampler _sampler;
    private readonly AccountTripwire _tripwire = new();
    private readonly SemaphoreSlim _free = new(InFlight, InFlight);
    private readonly SemaphoreSlim _ready = new(0, InFlight);
    private readonly Part[] _parts;
    private volatile bool _stop;

    private TwoCoreBacktest(CandleSeries candles, IStrategy strategy, TradingSession session, EquityCurveSampler sampler)
    {
        _candles = candles;
        _strategy = strategy;
        _session = session;
        _sampler = sampler;
        int size = Math.Min(Stretch, candles.Count);
        _parts = [.. Enumerable.Range(0, InFlight).Select(_ => new Part(size))];
    }

    /// <summary>
    /// Runs <paramref name="strategy"/> (reset by the caller) over <paramref name="candles"/> (at least one) through
    /// <paramref name="session"/> into <paramref name="sampler"/>; false, with the session and strategy to be thrown
    /// away, when the strategy read the account.
    /// </summary>
    public static bool Run(CandleSeries candles, IStrategy strategy, TradingSession session, EquityCurveSampler sampler) =>
        new TwoCoreBacktest(candles, strategy, session, sampler).RunBothCores();

    private bool RunBothCores()
    {
        _strategy.Attach(_tripwire);
        var deciding = Task.Factory.StartNew(Decide, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            return Trade();
        }
        finally
        {
            // leaving early (a fault, the account read): the deciding core stops at its next stretch
            _stop = true;
            if (_free.CurrentCount < InFlight) _free.Release(InFlight - _free.CurrentCount);
            try { deciding.Wait(); } catch (AggregateException) { }
        }
    }

    // the trading core: each stretch as the deciding core hands it over, in order (compiled optimised at once: it is
    // called once a run, so it would otherwise not reach its optimised tier for many runs)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private bool Trade()
    {
        int count = _candles.Count;
        for (int start = 0, k = 0; start < count; k = (k + 1) % InFlight)
        {
            _ready.Wait();
            var part = _parts[k];
            if (_tripwire.Read) return false;
            part.Failure?.Throw();
            _session.Statistics.Revisable = start + part.Count == count; // only the last point can be revised (by Finish)
            for (int i = 0; i < part.Count; i++)
            {
                ref readonly var candle = ref part.Candles[i];
                decimal value = _session.ProcessDecided(candle, part.Decisions[i]);
                if (i == part.FaultAt) part.Fault!.Throw(); // the strategy failed deciding this close, as it would have on one core
                _sampler.Add(start + i, candle.Time, value, _session.Statistics.LastEquityDouble);
            }
            start += part.Count;
            _free.Release();
        }
        return !_tripwire.Read;
    }

    // the deciding core: decode a stretch, let the strategy decide on each candle, hand it over (optimised at once, as Trade)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Decide()
    {
        int count = _candles.Count;
        for (int start = 0, k = 0; start < count; k = (k + 1) % InFlight)
        {
            _free.Wait();
            if (_stop) return;
            var part = _parts[k];
            try
            {
                part.Reset(Math.Min(Stretch, count - start));
                _candles.CopyTo(start, part.Candles.AsSpan(0, part.Count));
                if (!DecideOn(part)) return; // the strategy failed: handed over with its error
            }
            catch (Exception ex)
            {
                // a damaged block, or anything else that is not the strategy's: the trading core throws it in turn
                part.Failure = ExceptionDispatchInfo.Capture(ex);
                _ready.Release();
                return;
            }
            _ready.Release();
            if (_tripwire.Read) return; // the run is void: the trading core stops at this stretch
            start += part.Count;
        }
    }

    // false when the strategy threw: the part then ends at that candle and carries the error (optimised at once: it is
    // called once a stretch, some 600 times for 10 M candles, so tiering would leave it unoptimised for most of a first run)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private bool DecideOn(Part part)
    {
        for (int i = 0; i < part.Count; i++)
        {
            var risk = RiskOverrides.Unset;
            try
            {
                risk = _strategy.Risk;
                var signal = _strategy.OnCandle(part.Candles[i]);
                part.Decisions[i] = new StrategyDecision(signal, _strategy.Order, risk);
            }
            catch (Exception ex)
            {
                part.Decisions[i] = new StrategyDecision(Signal.None, OrderIntent.None, risk);
                part.Fault = ExceptionDispatchInfo.Capture(ex);
                part.FaultAt = i;
                part.Count = i + 1;
                _ready.Release();
                return false;
            }
            if (_tripwire.Read) break; // read even if the strategy caught the error: nothing more to decide
        }
        return true;
    }

    /// <summary>A stretch between the cores: its candles, the decisions on them, and how deciding ended if it failed.</summary>
    private sealed class Part(int size)
    {
        public readonly Candle[] Candles = new Candle[size];
        public readonly StrategyDecision[] Decisions = new StrategyDecision[size];
        public int Count;
        public int FaultAt = -1;
        public ExceptionDispatchInfo? Fault;   // the strategy's, at FaultAt
        public ExceptionDispatchInfo? Failure; // decoding's, before any candle of the stretch

        public void Reset(int count)
        {
            Count = count;
            FaultAt = -1;
            Fault = Failure = null;
        }
    }

    /// <summary>
    /// The account as a strategy run ahead of its trades sees it: there is none to see yet, so the first read marks the
    /// run void (even if the strategy catches what is thrown) and stops it.
    /// </summary>
    private sealed class AccountTripwire : IAccountView
    {
        private volatile bool _read;

        public bool Read => _read;

        public double Cash => Trip<double>();

        public double Equity => Trip<double>();

        public Position Position => Trip<Position>();

        private T Trip<T>()
        {
            _read = true;
            throw new AccountReadAheadException();
        }
    }

    private sealed class AccountReadAheadException() : InvalidOperationException("The account cannot be read by a strategy run ahead of its trades.");
}
