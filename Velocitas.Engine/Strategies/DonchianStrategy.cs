using Velocitas.Strategies;

namespace Velocitas.Engine.Strategies;

/// <summary>
/// Donchian breakout (turtle style): buys when the close breaks above the highest high of the previous
/// <c>entry</c> candles; sells when it breaks below the lowest low of the previous <c>exit</c> candles.
/// </summary>
public sealed partial class DonchianStrategy : Strategy
{
    [Parameter(2, 500, Label = "Entry channel", Description = "Candles whose highest high the close must break to buy.")]
    public int Entry { get; set; } = 20;

    [Parameter(2, 500, Label = "Exit channel", Description = "Candles whose lowest low the close must break to sell.")]
    public int Exit { get; set; } = 10;

    private DonchianSeries _entry = null!, _exit = null!;

    protected override void OnStart()
    {
        _entry = Donchian(Entry);
        _exit = Donchian(Exit);
    }

    protected override void OnCandle(Candle candle)
    {
        if (candle.Close > _entry.Upper[0]) Buy();
        else if (candle.Close < _exit.Lower[0]) Sell();
    }
}
