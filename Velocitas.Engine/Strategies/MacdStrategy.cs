using Velocitas.Strategies;

namespace Velocitas.Engine.Strategies;

/// <summary>Buys when the MACD line crosses above its signal line; sells when it crosses below.</summary>
public sealed partial class MacdStrategy : Strategy
{
    [Parameter(2, 100, Label = "Fast EMA", Description = "Length of the fast EMA, in candles.")]
    public int Fast { get; set; } = 12;

    [Parameter(3, 300, Label = "Slow EMA", Description = "Length of the slow EMA, in candles.")]
    public int Slow { get; set; } = 26;

    [Parameter(1, 100, Label = "Signal EMA", Description = "Length of the signal-line EMA of the MACD line.")]
    public int Signal { get; set; } = 9;

    private MacdSeries _macd = null!;

    public override ParameterProblem? CheckParameters() =>
        Fast < Slow ? null : new ParameterProblem("fast", $"fast ({Fast}) must be less than slow ({Slow}).");

    protected override void OnStart() => _macd = Macd(Fast, Slow, Signal);

    protected override void OnCandle(Candle candle)
    {
        if (_macd.Line.CrossedAbove(_macd.Signal)) Buy();
        else if (_macd.Line.CrossedBelow(_macd.Signal)) Sell();
    }
}
