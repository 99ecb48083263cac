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
        (d, p) => new MomentumStrategy(d, p),
        legacyName: "Momentum");

    private readonly Roc _roc;
    private readonly double _threshold;

    private MomentumStrategy(StrategyDefinition definition, ParameterSet parameters) : base(definition, parameters)
    {
        _roc = new Roc(parameters.Int("lookback"));
        _threshold = parameters.Real("threshold");
    }

    /// <inheritdoc />
    public override int WarmUpPeriod => _roc.WarmUpPeriod;

    /// <inheritdoc />
    protected override Signal Decide(in Candle candle)
    {
        _roc.Update((double)candle.Close);
        double roc = _roc.Current;
        return roc > _threshold ? Signal.Enter : roc < -_threshold ? Signal.Exit : Signal.None;
    }

    /// <inheritdoc />
    protected override void ResetState() => _roc.Reset();
}
