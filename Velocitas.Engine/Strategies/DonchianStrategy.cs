using Velocitas.Engine.Indicators;
using Velocitas.Engine.Market;

namespace Velocitas.Engine.Strategies;

/// <summary>
/// Donchian breakout (turtle style): buys when the close breaks above the highest high of the previous
/// <c>entry</c> candles; sells when it breaks below the lowest low of the previous <c>exit</c> candles.
/// </summary>
public sealed class DonchianStrategy : StrategyBase
{
    /// <summary>Catalogue entry.</summary>
    public static readonly StrategyDefinition CatalogEntry = new(
        "donchian", "Donchian breakout", StrategyStyle.Breakout,
        "Buy when the close breaks above the highest high of the previous entry candles; sell when it breaks below the lowest low of the previous exit candles.",
        [
            ParameterSpec.Int("entry", "Entry channel", 20, 2, 500, "Candles whose highest high the close must break to buy."),
            ParameterSpec.Int("exit", "Exit channel", 10, 2, 500, "Candles whose lowest low the close must break to sell."),
        ],
        (d, p, s) => new DonchianStrategy(d, p, s),
        legacyName: "Donchian_Breakout");

    private readonly IIndicatorStream _entry;
    private readonly IIndicatorStream _exit;
    private readonly int _warmUp;

    private DonchianStrategy(StrategyDefinition definition, ParameterSet parameters, IIndicatorSource indicators) : base(definition, parameters)
    {
        _entry = indicators.Get(IndicatorKey.Donchian(parameters.Int("entry")));
        _exit = indicators.Get(IndicatorKey.Donchian(parameters.Int("exit")));
        _warmUp = Math.Min(parameters.Int("entry"), parameters.Int("exit")) + 1;
    }

    /// <inheritdoc />
    public override int WarmUpPeriod => _warmUp;

    /// <inheritdoc />
    protected override Signal Decide(in Candle candle)
    {
        _entry.Advance(candle);
        _exit.Advance(candle);
        double close = (double)candle.Close;
        if (close > _entry[0]) return Signal.Enter;
        if (close < _exit[1]) return Signal.Exit;
        return Signal.None;
    }

    /// <inheritdoc />
    protected override void ResetState()
    {
        _entry.Reset();
        _exit.Reset();
    }
}
