using Velocitas.Strategies;

namespace Velocitas.Engine.Strategies;

/// <summary>Buys when the rate of change over the look-back exceeds +threshold %; sells when it falls below −threshold %.</summary>
public sealed partial class MomentumStrategy : Strategy
{
    [Parameter(1, 500, Label = "Look-back", Description = "How many candles back the rate of change is measured.")]
    public int Lookback { get; set; } = 20;

    [Parameter(0, 100, Step = 0.5, Label = "Threshold %", Description = "Rate of change, in percent, that counts as momentum (0 = any rise or fall).")]
    public double Threshold { get; set; } = 2;

    private Series _roc = null!;

    protected override void OnStart() => _roc = Roc(Lookback);

    protected override void OnCandle(Candle candle)
    {
        if (_roc[0] > Threshold) Buy();
        else if (_roc[0] < -Threshold) Sell();
    }
}
