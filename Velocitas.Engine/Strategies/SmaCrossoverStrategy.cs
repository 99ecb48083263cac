using Velocitas.Engine.Indicators;
using Velocitas.Engine.Market;

namespace Velocitas.Engine.Strategies;

/// <summary>Buys when the fast SMA crosses above the slow SMA; sells when it crosses below.</summary>
public sealed class SmaCrossoverStrategy : StrategyBase
{
    /// <summary>Catalogue entry.</summary>
    public static readonly StrategyDefinition CatalogEntry = new(
        "sma-crossover", "SMA crossover", StrategyStyle.TrendFollowing,
        "Buy when the fast simple moving average of the close crosses above the slow one; sell when it crosses below.",
        [
            ParameterSpec.Int("fast", "Fast SMA", 10, 2, 200, "Length of the fast moving average, in candles."),
            ParameterSpec.Int("slow", "Slow SMA", 30, 3, 500, "Length of the slow moving average, in candles."),
        ],
        (d, p, s) => new SmaCrossoverStrategy(d, p, s),
        p => p.Int("fast") < p.Int("slow") ? null
            : new ParameterError("fast", $"fast ({p.Int("fast")}) must be less than slow ({p.Int("slow")})."),
        legacyName: "SMA_Crossover");

    private readonly IIndicatorStream _fast;
    private readonly IIndicatorStream _slow;
    private readonly int _slowPeriod;
    private double _prevFast = double.NaN, _prevSlow = double.NaN;

    private SmaCrossoverStrategy(StrategyDefinition definition, ParameterSet parameters, IIndicatorSource indicators) : base(definition, parameters)
    {
        _fast = indicators.Get(IndicatorKey.Sma(parameters.Int("fast")));
        _slow = indicators.Get(IndicatorKey.Sma(parameters.Int("slow")));
        _slowPeriod = parameters.Int("slow");
    }

    /// <inheritdoc />
    public override int WarmUpPeriod => _slowPeriod + 1;

    /// <inheritdoc />
    protected override Signal Decide(in Candle candle)
    {
        _fast.Advance(candle);
        _slow.Advance(candle);
        double fast = _fast[0], slow = _slow[0];
        var signal = Cross.Above(_prevFast, _prevSlow, fast, slow) ? Signal.Enter
            : Cross.Below(_prevFast, _prevSlow, fast, slow) ? Signal.Exit
            : Signal.None;
        _prevFast = fast;
        _prevSlow = slow;
        return signal;
    }

    /// <inheritdoc />
    protected override void ResetState()
    {
        _fast.Reset();
        _slow.Reset();
        _prevFast = _prevSlow = double.NaN;
    }
}
