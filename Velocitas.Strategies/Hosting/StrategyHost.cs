using System;
using System.Collections.Generic;

namespace Velocitas.Strategies.Hosting;

/// <summary>
/// Runs one <see cref="Strategy"/> object: starts it, advances the indicators it asked for, hands it each candle and
/// collects its order, risk levels, plots and log. Indicators come from the provider either as shared precomputed
/// series (the candles are then the provider's, in order) or as calculators fed here, one candle at a time, into
/// ring buffers of <see cref="Capacity"/> values. Not for strategy code.
/// </summary>
public sealed class StrategyHost
{
    /// <summary>Values kept per series when computed as candles arrive (a power of two above <see cref="Series.MaxBarsAgo"/>).</summary>
    public const int Capacity = 1024;

    /// <summary>Plot series a strategy may draw.</summary>
    public const int MaxPlots = 20;

    /// <summary>Points kept per plot series (later points are counted, not kept).</summary>
    public const int MaxPlotPoints = 200_000;

    /// <summary>Log lines kept (the newest).</summary>
    public const int MaxLogLines = 200;

    private readonly Strategy _strategy;
    private readonly IIndicatorProvider _provider;
    private readonly Cursor _cursor = new();
    private readonly Candle[]? _shared;
    private readonly Candle[] _candles;
    private readonly int _mask;
    private readonly Dictionary<IndicatorRequest, Series[]> _requested = [];
    private Feeder[] _feeders = [];
    private readonly Dictionary<string, List<PlotPoint>> _plots = new(StringComparer.Ordinal);
    private readonly Queue<LogLine> _log = new();
    private double[] _scratch = new double[5];
    private bool _starting;
    private bool _deciding;

    /// <summary>Binds <paramref name="strategy"/> to <paramref name="indicators"/>; call <see cref="Start"/> next.</summary>
    public StrategyHost(Strategy strategy, IIndicatorProvider indicators)
    {
        _strategy = strategy;
        _provider = indicators;
        _shared = indicators.Candles;
        _mask = _shared is null ? Capacity - 1 : -1;
        _candles = _shared ?? new Candle[Capacity];
        Candles = new CandleHistory(_cursor, _candles, _mask);
        strategy.Attach(this);
    }

    /// <summary>The strategy object.</summary>
    public Strategy Strategy => _strategy;

    /// <summary>Candles needed before every requested indicator has a value and the one before it (so a cross is defined).</summary>
    public int WarmUp { get; private set; }

    /// <summary>Index of the current candle (−1 before the first).</summary>
    public int Index => _cursor.Index;

    /// <summary>The candles of the run when the indicators are shared precomputed series, else null.</summary>
    public Candle[]? SharedCandles => _shared;

    /// <summary>The account the strategy reads (flat and empty until a trading session attaches one).</summary>
    public IAccountView Account { get; set; } = NoAccount.Instance;

    /// <summary>The order placed at the last close (<see cref="OrderIntent.None"/> when none).</summary>
    public OrderIntent Order { get; private set; }

    /// <summary>Risk levels the code set; <see cref="RiskOverrides.Unset"/> until it sets one.</summary>
    public RiskOverrides Risk { get; private set; } = RiskOverrides.Unset;

    /// <summary>True for compiled user code: each call into it gets a <see cref="Guard"/> budget.</summary>
    public bool Guarded { get; set; }

    /// <summary>False to skip keeping plot points (optimisations).</summary>
    public bool RecordPlots { get; set; } = true;

    /// <summary>Called with each log line as it is written (live instances show them).</summary>
    public Action<LogLine>? Logged { get; set; }

    /// <summary>Plot series by name, in the order first drawn.</summary>
    public IReadOnlyDictionary<string, List<PlotPoint>> Plots => _plots;

    /// <summary>Plot points not kept because a series reached <see cref="MaxPlotPoints"/>.</summary>
    public long DroppedPlotPoints { get; private set; }

    /// <summary>The newest log lines, oldest first.</summary>
    public IReadOnlyCollection<LogLine> LogLines => _log;

    /// <summary>The indicators the strategy asked for.</summary>
    public IEnumerable<IndicatorRequest> Requests => _requested.Keys;

    internal CandleHistory Candles { get; }

    internal Candle Current => _cursor.Index < 0
        ? throw new InvalidOperationException("No candle has closed yet: read Time and Candles in OnCandle.")
        : _candles[_cursor.Index & _mask]; // the ring (or the shared candles, mask −1) holds the current candle

    /// <summary>Calls <see cref="Strategy.OnStart"/> (where it asks for its indicators) and works out the warm-up.</summary>
    public void Start()
    {
        _starting = true;
        try
        {
            using var budget = Guarded ? Guard.Scope() : default;
            _strategy.OnStart();
        }
        catch (Exception error)
        {
            throw StrategyFaultException.From(error, _strategy, "OnStart");
        }
        finally
        {
            _starting = false;
        }
        int warmUp = 0;
        foreach (var request in _requested.Keys) warmUp = Math.Max(warmUp, _provider.WarmUp(request));
        WarmUp = warmUp + 1;
    }

    /// <summary>
    /// The next closed candle: advances the candle history and the indicators, then lets the strategy decide.
    /// With shared series, <paramref name="candle"/> must be the provider's next candle.
    /// </summary>
    public void Next(in Candle candle)
    {
        if (_shared is null)
        {
            Next(candle.Time, candle.Open, candle.High, candle.Low, candle.Close, candle.Volume);
            return;
        }
        int i = _cursor.Index + 1;
        if (i >= _shared.Length || _shared[i].Time != candle.Time) throw OtherCandles(i, candle.Time);
        Decide(i, _shared[i]);
    }

    /// <summary>
    /// The next closed candle given by its parts (indicators computed here, not shared): it is written straight into
    /// the candle history. Passing a candle just built would cost a stall per candle: the copy reads it back 32 bytes
    /// at a time before its 8-byte stores have reached the cache, and such a read cannot be served from the stores.
    /// </summary>
    public void Next(DateTimeOffset time, double open, double high, double low, double close, double volume)
    {
        if (_shared is not null)
        {
            Next(new Candle(time, open, high, low, close, volume));
            return;
        }
        int i = _cursor.Index + 1;
        int slot = i & _mask;
        ref var current = ref _candles[slot];
        current = new Candle(time, open, high, low, close, volume);
        var feeders = _feeders;
        for (int f = 0; f < feeders.Length; f++) feeders[f].Advance(current, close, slot, _scratch);
        Decide(i, current);
    }

    private void Decide(int index, in Candle candle)
    {
        _cursor.Index = index;
        Order = OrderIntent.None;
        _deciding = true;
        try
        {
            if (Guarded) DecideGuarded(candle);
            else _strategy.OnCandle(candle); // built-ins: no budget to set and restore (a thread-static write per candle)
        }
        catch (Exception error)
        {
            throw Fault(error, candle.Time);
        }
        finally
        {
            _deciding = false;
        }
    }

    // out of line, so the per-candle path keeps a small frame (no string building in it, nothing to zero on entry)
    private StrategyFaultException Fault(Exception error, DateTimeOffset time) =>
        StrategyFaultException.From(error, _strategy, $"OnCandle at {time:yyyy-MM-dd HH:mm}Z");

    private static InvalidOperationException OtherCandles(int index, DateTimeOffset time) =>
        new($"The shared indicator series were computed for other candles (candle {index} at {time:O}).");

    private void DecideGuarded(in Candle candle)
    {
        using var budget = Guard.Scope();
        _strategy.OnCandle(candle);
    }

    internal Series[] Request(IndicatorRequest request)
    {
        if (!_starting)
            throw new InvalidOperationException($"Ask for indicators in OnStart (asked for {request} later); OnCandle only reads them.");
        if (_requested.TryGetValue(request, out var known)) return known;
        string[] outputs = request.Outputs;
        int warmUp = _provider.WarmUp(request);
        double[][] values;
        int mask = _mask;
        if (_shared is not null)
        {
            values = _provider.Series(request);
        }
        else
        {
            values = new double[outputs.Length][];
            for (int o = 0; o < outputs.Length; o++) values[o] = new double[Capacity];
            _feeders = [.. _feeders, new Feeder(_provider.Calculator(request), values)];
            if (_scratch.Length < outputs.Length) _scratch = new double[outputs.Length];
        }
        var series = new Series[outputs.Length];
        for (int o = 0; o < outputs.Length; o++)
            series[o] = new Series(outputs.Length == 1 ? request.ToString() : $"{request}.{outputs[o]}", _cursor, values[o], mask, warmUp);
        _requested.Add(request, series);
        return series;
    }

    internal void Place(OrderIntent order)
    {
        if (!_deciding) throw new InvalidOperationException("Place orders in OnCandle: they are decided at a candle's close and fill at the next open.");
        Order = order;
    }

    internal void SetRisk(double? stopLoss = null, double? takeProfit = null, double? trailingStop = null)
    {
        var r = Risk;
        Risk = new RiskOverrides(stopLoss ?? r.StopLossPct, takeProfit ?? r.TakeProfitPct, trailingStop ?? r.TrailingStopPct);
    }

    internal void Plot(string name, double value)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("Plot needs a name, e.g. Plot(\"fast\", _fast[0]).", nameof(name));
        if (!_deciding) throw new InvalidOperationException("Plot in OnCandle: each point belongs to the candle that just closed.");
        if (!RecordPlots) return;
        if (!_plots.TryGetValue(name, out var points))
        {
            if (_plots.Count >= MaxPlots) throw new InvalidOperationException($"A strategy can draw at most {MaxPlots} plot series ('{name}' would be one more).");
            _plots.Add(name, points = []);
        }
        if (points.Count >= MaxPlotPoints)
        {
            DroppedPlotPoints++;
            return;
        }
        points.Add(new PlotPoint(Current.Time, value));
    }

    internal void Log(string message)
    {
        message ??= "";
        if (message.Length > 500) message = string.Concat(message.AsSpan(0, 500), "…");
        var line = new LogLine(_cursor.Index < 0 ? null : Current.Time, message);
        if (_log.Count == MaxLogLines) _log.Dequeue();
        _log.Enqueue(line);
        Logged?.Invoke(line);
    }

    private sealed class Feeder(IIndicatorCalculator calculator, double[][] outputs)
    {
        private readonly double[]? _single = outputs.Length == 1 ? outputs[0] : null;
        private readonly ICloseIndicatorCalculator? _close = outputs.Length == 1 ? calculator as ICloseIndicatorCalculator : null;

        public void Advance(in Candle candle, double closePrice, int slot, double[] scratch)
        {
            if (_close is { } close)
            {
                _single![slot] = close.Next(closePrice); // one call per candle, no output buffer, no read of the candle
                return;
            }
            calculator.Update(candle, scratch);
            if (_single is { } single)
            {
                single[slot] = scratch[0];
                return;
            }
            for (int o = 0; o < outputs.Length; o++) outputs[o][slot] = scratch[o];
        }
    }
}

/// <summary>One point of a strategy's plot series.</summary>
/// <param name="Time">Open time of the candle it belongs to.</param>
/// <param name="Value">The value (NaN draws a gap).</param>
public readonly record struct PlotPoint(DateTimeOffset Time, double Value);

/// <summary>One line of a strategy's log.</summary>
/// <param name="Time">Open time of the candle being decided, or null when written in OnStart.</param>
/// <param name="Message">The text (at most 500 characters).</param>
public sealed record LogLine(DateTimeOffset? Time, string Message);
