using Velocitas.Engine.Indicators;
using Velocitas.Engine.Market;

namespace Velocitas.Engine.Strategies;

/// <summary>
/// Buys when the rate of change over the look-back exceeds +threshold %; sells when it falls below
/// −threshold %.
/// </summary>
public sealed class MomentumStrategy : StrategyBase
{
    /// <summary>Catalogue entry.</summary>
    public static readonly StrategyDefinition CatalogEntry = new(
        "momentum", "Momentum", StrategyStyle.Momentum,
        "Buy when the close is more than threshold % above the close lookback candles ago; sell when it is more than threshold % below.",
        [
            ParameterSpec.Int("lookback", "Look-back", 20, 1, 500, "How many candles back the rate of change is measured."),
            ParameterSpec.Real("threshold", "Threshold %", 2, 0, 100, 0.5, "Rate of change, in percent, that counts as momentum (0 = any rise or fall)."),
        ],
        (d, p, s) => new MomentumStrategy(d, p, s),
        legacyName: "Momentum");

    private readonly IIndicatorStream _roc;
    private readonly double _threshold;
    private readonly int _lookback;

    private MomentumStrategy(StrategyDefinition definition, ParameterSet parameters, IIndicatorSource indicators) : base(definition, parameters)
    {
        _lookback = parameters.Int("lookback");
        _roc = indicators.Get(IndicatorKey.Roc(_lookback));
        _threshold = parameters.Real("threshold");
    }

    /// <inheritdoc />
    public override int WarmUpPeriod => _lookback + 1;

    /// <inheritdoc />
    protected override Signal Decide(in Candle candle)
    {
        _roc.Advance(candle);
        double roc = _roc[0];
        return roc > _threshold ? Signal.Enter : roc < -_threshold ? Signal.Exit : Signal.None;
    }

    /// <inheritdoc />
    protected override void ResetState() => _roc.Reset();
}
