using Velocitas.Strategies;

namespace Velocitas.Engine.Strategies;

/// <summary>Buys when RSI is below the oversold level; sells when it is above the overbought level.</summary>
public sealed partial class RsiStrategy : Strategy
{
    [Parameter(2, 200, Label = "RSI period", Description = "Wilder smoothing length of the RSI, in candles.")]
    public int Period { get; set; } = 14;

    [Parameter(1, 99, Step = 5, Label = "Oversold", Description = "Buy when the RSI is below this level.")]
    public double Oversold { get; set; } = 30;

    [Parameter(1, 99, Step = 5, Label = "Overbought", Description = "Sell when the RSI is above this level.")]
    public double Overbought { get; set; } = 70;

    private Series _rsi = null!;

    public override ParameterProblem? CheckParameters() =>
        Oversold < Overbought ? null : new ParameterProblem("oversold", $"oversold ({Oversold}) must be less than overbought ({Overbought}).");

    protected override void OnStart() => _rsi = Rsi(Period);

    protected override void OnCandle(Candle candle)
    {
        if (_rsi[0] < Oversold) Buy();
        else if (_rsi[0] > Overbought) Sell();
    }
}
