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
        (d, p) => new RsiStrategy(d, p),
        p => p.Real("oversold") < p.Real("overbought") ? null
            : new ParameterError("oversold", $"oversold ({p.Real("oversold")}) must be less than overbought ({p.Real("overbought")})."),
        legacyName: "RSI");

    private readonly Rsi _rsi;
    private readonly double _oversold, _overbought;

    private RsiStrategy(StrategyDefinition definition, ParameterSet parameters) : base(definition, parameters)
    {
        _rsi = new Rsi(parameters.Int("period"));
        _oversold = parameters.Real("oversold");
        _overbought = parameters.Real("overbought");
    }

    /// <inheritdoc />
    public override int WarmUpPeriod => _rsi.WarmUpPeriod;

    /// <inheritdoc />
    protected override Signal Decide(in Candle candle)
    {
        _rsi.Update((double)candle.Close);
        double rsi = _rsi.Current;
        return rsi < _oversold ? Signal.Enter : rsi > _overbought ? Signal.Exit : Signal.None;
    }

    /// <inheritdoc />
    protected override void ResetState() => _rsi.Reset();
}
