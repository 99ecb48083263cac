using Velocitas.Engine.Indicators;
using Velocitas.Engine.Market;
using Velocitas.Strategies.Hosting;

namespace Velocitas.Engine.Strategies;

/// <summary>
/// Runs a strategy written on the strategy API (<see cref="Velocitas.Strategies.Strategy"/>) as an engine
/// <see cref="IStrategy"/>: one host per run, re-created (a fresh object, <c>OnStart</c> again) on <see cref="Reset"/>.
/// </summary>
public sealed class StrategyRunner : IStrategy
{
    private readonly StrategyClass _class;
    private readonly IIndicatorProvider _indicators;
    private IAccountView _account = NoAccount.Instance;
    private StrategyHost _host;
    private DateTimeOffset _lastTime = DateTimeOffset.MinValue;
    private bool _used;

    /// <summary>Creates and starts the strategy.</summary>
    public StrategyRunner(StrategyDefinition definition, ParameterSet parameters, StrategyClass strategyClass, IIndicatorProvider? indicators = null)
    {
        Definition = definition;
        Parameters = parameters;
        _class = strategyClass;
        _indicators = indicators ?? StreamingIndicators.Instance;
        _host = NewHost();
    }

    /// <inheritdoc />
    public StrategyDefinition Definition { get; }

    /// <inheritdoc />
    public ParameterSet Parameters { get; }

    /// <summary>The host of the current run.</summary>
    public StrategyHost Host => _host;

    /// <inheritdoc />
    public int WarmUpPeriod => _host.WarmUp;

    /// <inheritdoc />
    public OrderIntent Order => _host.Order;

    /// <inheritdoc />
    public RiskOverrides Risk => _host.Risk;

    /// <inheritdoc />
    public StrategyOutput Output => StrategyOutput.From(_host);

    /// <inheritdoc />
    public IReadOnlyList<LogLine> RecentLog(int count) => _host.LogLines.Count == 0 ? [] : _host.LogLines.TakeLast(count).ToArray();

    /// <inheritdoc />
    public Signal OnCandle(in Candle candle)
    {
        if (candle.Time <= _lastTime) throw OutOfOrder(candle.Time);
        _lastTime = candle.Time;
        _used = true;
        if (_host.SharedCandles is { } shared)
        {
            int i = _host.Index + 1;
            if (i >= shared.Length || shared[i].Time != candle.Time) throw OtherCandles(i, candle.Time);
            _host.Next(shared[i]);
        }
        else
        {
            // The prices one by one: the host writes them into its history in place (see StrategyHost.Next). Each is read
            // where it lies (CandleBits) and converted by scalar code (an AVX-512 conversion kept this method out of the
            // ahead-of-time image); the close first, since the indicators wait for it and each conversion is a division
            // queued for the one divider.
            ref readonly var prices = ref CandleBits.Of(candle);
            double close = ExactDouble.From(prices.Close);
            _host.Next(candle.Time, ExactDouble.From(prices.Open), ExactDouble.From(prices.High), ExactDouble.From(prices.Low), close, candle.Volume);
        }
        var order = _host.Order;
        return order.IsBuy ? Signal.Enter : order.IsSell ? Signal.Exit : Signal.None;
    }

    // the error paths are out of line, so the per-candle path keeps a small frame (no string building in it)
    private InvalidOperationException OutOfOrder(DateTimeOffset time) =>
        new($"{Definition.Id}: candles must arrive in time order; got {time:O} after {_lastTime:O}.");

    private InvalidOperationException OtherCandles(int index, DateTimeOffset time) =>
        new($"{Definition.Id}: the shared indicator series were computed for other candles (candle {index} at {time:O}).");

    /// <inheritdoc />
    public void Attach(IAccountView account)
    {
        _account = account;
        _host.Account = account;
    }

    /// <inheritdoc />
    public void Reset()
    {
        _lastTime = DateTimeOffset.MinValue;
        if (!_used) return;
        _host = NewHost();
        _used = false;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Definition.Id}({Parameters})";

    private StrategyHost NewHost()
    {
        var host = new StrategyHost(_class.Instantiate(Parameters), _indicators)
        {
            Account = _account,
            Guarded = _class.Guarded,
            RecordPlots = _indicators.Candles is null, // optimisations share series and keep no plots
        };
        host.Start();
        return host;
    }
}
