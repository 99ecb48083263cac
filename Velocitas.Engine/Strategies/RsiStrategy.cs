using Velocitas.Engine.Indicators;
using Velocitas.Engine.Market;

namespace Velocitas.Engine.Strategies;

/// <summary>Buys when RSI is below the oversold level; sells when it is above the overbought level.</summary>
public sealed class RsiStrategy : StrategyBase
{
    /// <summary>Catalogue entry.</summary>
    public static readonly StrategyDefinition CatalogEntry = new(
        "rsi", "RSI reversion", StrategyStyle.MeanReversion,
        "Buy when the RSI is below the oversold level; sell when it is above the overbought level.",
        [
            ParameterSpec.Int("period", "RSI period", 14, 2, 200, "Wilder smoothing length of the RSI, in candles."),
            ParameterSpec.Real("oversold", "Oversold", 30, 1, 99, 5, "Buy when the RSI is below this level."),
            ParameterSpec.Real("overbought", "Overbought", 70, 1, 99, 5, "Sell when the RSI is above this level."),
        ],
        (d, p, s) => new RsiStrategy(d, p, s),
        p => p.Real("oversold") < p.Real("overbought") ? null
            : new ParameterError("oversold", $"oversold ({p.Real("oversold")}) must be less than overbought ({p.Real("overbought")})."),
        legacyName: "RSI");

    private readonly IIndicatorStream _rsi;
    private readonly double _oversold, _overbought;
    private readonly int _period;

    private RsiStrategy(StrategyDefinition definition, ParameterSet parameters, IIndicatorSource indicators) : base(definition, parameters)
    {
        _period = parameters.Int("period");
        _rsi = indicators.Get(IndicatorKey.Rsi(_period));
        _oversold = parameters.Real("oversold");
        _overbought = parameters.Real("overbought");
    }

    /// <inheritdoc />
    public override int WarmUpPeriod => _period + 1;

    /// <inheritdoc />
    protected override Signal Decide(in Candle candle)
    {
        _rsi.Advance(candle);
        double rsi = _rsi[0];
        return rsi < _oversold ? Signal.Enter : rsi > _overbought ? Signal.Exit : Signal.None;
    }

    /// <inheritdoc />
    protected override void ResetState() => _rsi.Reset();
}
