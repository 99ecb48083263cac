using Velocitas.Strategies;

namespace Velocitas.Engine.Strategies;

/// <summary>Buys when the fast SMA crosses above the slow SMA; sells when it crosses below.</summary>
public sealed partial class SmaCrossoverStrategy : Strategy
{
    [Parameter(2, 200, Label = "Fast SMA", Description = "Length of the fast moving average, in candles.")]
    public int Fast { get; set; } = 10;

    [Parameter(3, 500, Label = "Slow SMA", Description = "Length of the slow moving average, in candles.")]
    public int Slow { get; set; } = 30;

    private Series _fast = null!, _slow = null!;

    public override ParameterProblem? CheckParameters() =>
        Fast < Slow ? null : new ParameterProblem("fast", $"fast ({Fast}) must be less than slow ({Slow}).");

    protected override void OnStart()
    {
        _fast = Sma(Fast);
        _slow = Sma(Slow);
    }

    protected override void OnCandle(Candle candle)
    {
        if (_fast.CrossedAbove(_slow)) Buy();
        else if (_fast.CrossedBelow(_slow)) Sell();
    }
}
