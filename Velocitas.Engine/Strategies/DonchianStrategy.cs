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
        (d, p) => new DonchianStrategy(d, p),
        legacyName: "Donchian_Breakout");

    private readonly Donchian _entry;
    private readonly Donchian _exit;

    private DonchianStrategy(StrategyDefinition definition, ParameterSet parameters) : base(definition, parameters)
    {
        _entry = new Donchian(parameters.Int("entry"));
        _exit = new Donchian(parameters.Int("exit"));
    }

    /// <inheritdoc />
    public override int WarmUpPeriod => Math.Min(_entry.WarmUpPeriod, _exit.WarmUpPeriod);

    /// <inheritdoc />
    protected override Signal Decide(in Candle candle)
    {
        double high = (double)candle.High, low = (double)candle.Low, close = (double)candle.Close;
        _entry.Update(high, low, close);
        _exit.Update(high, low, close);
        if (_entry.IsReady && close > _entry.Upper!.Value) return Signal.Enter;
        if (_exit.IsReady && close < _exit.Lower!.Value) return Signal.Exit;
        return Signal.None;
    }

    /// <inheritdoc />
    protected override void ResetState()
    {
        _entry.Reset();
        _exit.Reset();
    }
}
