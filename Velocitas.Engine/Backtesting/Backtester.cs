using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Backtesting;

/// <summary>
/// Runs a strategy over historical candles with the live trading rules (<see cref="TradingSession"/>): a
/// plain deterministic loop, in time order, one candle at a time. The strategy is handed each candle as it
/// completes and never holds the series, so it cannot look ahead.
/// </summary>
public static class Backtester
{
    /// <summary>Runs <paramref name="strategy"/> (reset first) over <paramref name="candles"/>.</summary>
    /// <param name="candles">Candles in ascending time order.</param>
    /// <param name="strategy">The strategy; it is reset before the run.</param>
    /// <param name="settings">Execution rules; defaults when null.</param>
    /// <param name="timeframe">Candle interval for annualising; inferred from the candles when null.</param>
    /// <param name="recordEquity">False to skip storing the equity curve (metrics are still exact).</param>
    public static BacktestResult Run(
        ReadOnlySpan<Candle> candles,
        IStrategy strategy,
        ExecutionSettings? settings = null,
        Timeframe? timeframe = null,
        bool recordEquity = true) => Run(candles, strategy, settings, timeframe, recordEquity, warmUp: default);

    /// <summary>
    /// Runs <paramref name="strategy"/> over <paramref name="candles"/> after showing it <paramref name="warmUp"/> (the
    /// candles just before, which it reads but does not trade on), so its indicators are ready on the first candle.
    /// </summary>
    public static BacktestResult Run(
        ReadOnlySpan<Candle> candles,
        IStrategy strategy,
        ExecutionSettings? settings,
        Timeframe? timeframe,
        bool recordEquity,
        ReadOnlySpan<Candle> warmUp) =>
        Run(candles, strategy, settings, timeframe, recordEquity ? EquityRecording.Full : EquityRecording.None, warmUp);

    /// <summary>
    /// Runs <paramref name="strategy"/> over <paramref name="candles"/> keeping a sampled equity curve
    /// (<see cref="EquityCurveSampler"/>: what charts, period returns and History show) instead of one point per candle,
    /// so a long run does not hold a curve as long as its candles. Metrics, trades and output are those of a full run.
    /// </summary>
    public static BacktestResult RunSampled(ReadOnlySpan<Candle> candles, IStrategy strategy, ExecutionSettings? settings = null, Timeframe? timeframe = null) =>
        Run(candles, strategy, settings, timeframe, EquityRecording.Sampled, warmUp: default);

    private enum EquityRecording { Full, Sampled, None }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static BacktestResult Run(
        ReadOnlySpan<Candle> candles,
        IStrategy strategy,
        ExecutionSettings? settings,
        Timeframe? timeframe,
        EquityRecording recording,
        ReadOnlySpan<Candle> warmUp)
    {
        settings ??= ExecutionSettings.Default;
        strategy.Reset();
        var session = new TradingSession(strategy, settings);
        for (int i = 0; i < warmUp.Length; i++) session.WarmUp(warmUp[i]);
        bool full = recording == EquityRecording.Full;
        var equity = full ? GC.AllocateUninitializedArray<Equity>(candles.Length) : []; // every point is written below
        var sampler = recording == EquityRecording.Sampled && candles.Length > 0 ? new EquityCurveSampler(candles.Length, candles[0].Time, candles[^1].Time) : null;
        session.Statistics.Revisable = false; // only the last point can be revised (by Finish)
        for (int i = 0; i < candles.Length; i++)
        {
            if (i == candles.Length - 1) session.Statistics.Revisable = true;
            decimal value = session.ProcessValue(candles[i]);
            if (full) Equity.Write(ref equity[i], candles[i].Time, value);
            else sampler?.Add(i, candles[i].Time, value, session.Statistics.LastEquityDouble);
        }
        session.Finish();
        IReadOnlyList<Equity> curve = equity;
        if (full && candles.Length > 0) equity[^1] = equity[^1] with { Value = session.Statistics.LastEquity };
        if (sampler is not null) curve = sampler.Finish(new Equity(candles[^1].Time, session.Statistics.LastEquity));

        var tf = timeframe ?? Timeframe.Infer(candles) ?? Timeframe.OneDay;
        return Result(session, strategy, settings, candles.Length, candles.Length > 0 ? candles[0].Time : null, candles.Length > 0 ? candles[^1].Time : null,
            tf, curve, recording != EquityRecording.None);
    }

    /// <summary>
    /// <see cref="RunSampled(ReadOnlySpan{Candle}, IStrategy, ExecutionSettings?, Timeframe?)"/> over a series that need not be one
    /// array (a big dataset held compactly): the candles are decoded a stretch at a time into reused buffers. With two
    /// cores or more, one decodes and lets the strategy decide while the other trades the decisions
    /// (<see cref="TwoCoreBacktest"/>); a strategy that reads the account runs on one core, the next stretch decoding on
    /// the other. The same candles give the same result as the array run either way.
    /// </summary>
    public static BacktestResult RunSampled(CandleSeries candles, IStrategy strategy, ExecutionSettings? settings = null, Timeframe? timeframe = null)
    {
        if (candles.Array is { } array) return RunSampled(array, strategy, settings, timeframe);
        settings ??= ExecutionSettings.Default;
        int count = candles.Count;
        if (count == 0) return Run(ReadOnlySpan<Candle>.Empty, strategy, settings, timeframe, EquityRecording.Sampled, warmUp: default);
        var first = candles[0].Time;
        var last = candles[count - 1].Time;
        if (timeframe is null)
        {
            var start = new Candle[Math.Min(Stretch, count)]; // inferred from the first candles, as the array run does
            candles.CopyTo(0, start);
            timeframe = Timeframe.Infer(start) ?? Timeframe.OneDay;
        }
        var (session, sampler) = Fresh();
        if (Environment.ProcessorCount < 2 || !TwoCoreBacktest.Run(candles, strategy, session, sampler))
        {
            if (Environment.ProcessorCount > 1) (session, sampler) = Fresh(); // afresh: the two-core run stopped when the strategy read the account
            OneCore(candles, session, sampler);
        }
        session.Finish();
        var curve = sampler.Finish(new Equity(last, session.Statistics.LastEquity));
        return Result(session, strategy, settings, count, first, last, timeframe.Value, curve, withOutput: true);

        (TradingSession, EquityCurveSampler) Fresh()
        {
            strategy.Reset();
            return (new TradingSession(strategy, settings), new EquityCurveSampler(count, first, last));
        }
    }

    // one core trades while the next stretch decodes on another (or on this one, with a single core)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void OneCore(CandleSeries candles, TradingSession session, EquityCurveSampler sampler)
    {
        int count = candles.Count;
        var current = new Candle[Math.Min(Stretch, count)];
        var next = new Candle[current.Length];
        candles.CopyTo(0, current);
        Task? decoding = null;
        try
        {
            for (int start = 0; start < count;)
            {
                int n = Math.Min(Stretch, count - start);
                int following = start + n, m = Math.Min(Stretch, count - following);
                if (m > 0)
                {
                    var into = next;
                    decoding = Task.Run(() => candles.CopyTo(following, into.AsSpan(0, m)));
                }
                session.Statistics.Revisable = following == count; // only the last point can be revised (by Finish)
                for (int i = 0; i < n; i++)
                {
                    decimal value = session.ProcessValue(current[i]);
                    sampler.Add(start + i, current[i].Time, value, session.Statistics.LastEquityDouble);
                }
                if (decoding is not null)
                {
                    decoding.GetAwaiter().GetResult();
                    decoding = null;
                }
                (current, next) = (next, current);
                start = following;
            }
        }
        finally
        {
            // a strategy that failed mid-run leaves the next stretch decoding: let it finish before the buffers go
            if (decoding is not null) try { decoding.Wait(); } catch (AggregateException) { }
        }
    }

    /// <summary>Candles decoded at a time by <see cref="RunSampled(CandleSeries, IStrategy, ExecutionSettings?, Timeframe?)"/>.</summary>
    internal const int Stretch = 16_384;

    private static BacktestResult Result(TradingSession session, IStrategy strategy, ExecutionSettings settings, int count, DateTimeOffset? first,
        DateTimeOffset? last, Timeframe tf, IReadOnlyList<Equity> curve, bool withOutput) => new()
    {
        StrategyId = strategy.Definition.Id,
        Parameters = strategy.Parameters,
        Settings = settings,
        Candles = count,
        Timeframe = tf,
        First = first,
        Last = last,
        Metrics = PerformanceMetrics.Compute(session.Statistics, session.Ledger.Trades, session.Ledger.FeesPaid, tf.Duration),
        Trades = session.Ledger.Trades,
        Equity = curve,
        RejectedOrders = session.Broker.RejectedOrders,
        Output = withOutput ? strategy.Output : StrategyOutput.Empty,
    };

    /// <summary>Runs a strategy created from the catalogue.</summary>
    public static BacktestResult Run(
        IReadOnlyList<Candle> candles,
        string strategyId,
        IReadOnlyDictionary<string, double>? parameters = null,
        ExecutionSettings? settings = null) =>
        Run(AsSpan(candles), StrategyCatalog.Get(strategyId).Create(parameters), settings);

    private static ReadOnlySpan<Candle> AsSpan(IReadOnlyList<Candle> candles) => candles switch
    {
        Candle[] array => array,
        List<Candle> list => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list),
        _ => candles.ToArray(),
    };
}
