using Velocitas.Engine.Indicators;
using Velocitas.Engine.Market;

namespace Velocitas.Engine.Strategies;

/// <summary>
/// Bollinger reversion: buys when the close is below the lower band; sells when it is back above the middle
/// band (the mean it reverts to).
/// </summary>
public sealed class BollingerStrategy : StrategyBase
{
    /// <summary>Catalogue entry.</summary>
    public static readonly StrategyDefinition CatalogEntry = new(
        "bollinger", "Bollinger reversion", StrategyStyle.MeanReversion,
        "Buy when the close is below the lower Bollinger band; sell when it is back above the middle band (the SMA).",
        [
            ParameterSpec.Int("period", "Period", 20, 2, 300, "Length of the moving average and of the deviation window, in candles."),
            ParameterSpec.Real("stddev", "Std deviations", 2, 0.5, 5, 0.25, "Distance of the bands from the middle, in population standard deviations."),
        ],
        (d, p, s) => new BollingerStrategy(d, p, s),
        legacyName: "Bollinger_Bands");

    private readonly IIndicatorStream _bands;
    private readonly int _period;

    private BollingerStrategy(StrategyDefinition definition, ParameterSet parameters, IIndicatorSource indicators) : base(definition, parameters)
    {
        _period = parameters.Int("period");
        _bands = indicators.Get(IndicatorKey.Bollinger(_period, parameters.Real("stddev")));
    }

    /// <inheritdoc />
    public override int WarmUpPeriod => _period;

    /// <inheritdoc />
    protected override Signal Decide(in Candle candle)
    {
        _bands.Advance(candle);
        double close = (double)candle.Close, middle = _bands[0], lower = _bands[1];
        return close < lower ? Signal.Enter : close > middle ? Signal.Exit : Signal.None;
    }

    /// <inheritdoc />
    protected override void ResetState() => _bands.Reset();
}
