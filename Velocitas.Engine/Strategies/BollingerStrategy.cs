using Velocitas.Strategies;

namespace Velocitas.Engine.Strategies;

/// <summary>Bollinger reversion: buys when the close is below the lower band; sells when it is back above the middle band.</summary>
public sealed partial class BollingerStrategy : Strategy
{
    [Parameter(2, 300, Label = "Period", Description = "Length of the moving average and of the deviation window, in candles.")]
    public int Period { get; set; } = 20;

    [Parameter(0.5, 5, Step = 0.25, Label = "Std deviations", Description = "Distance of the bands from the middle, in population standard deviations.")]
    public double Stddev { get; set; } = 2;

    private BollingerSeries _bands = null!;

    protected override void OnStart() => _bands = Bollinger(Period, Stddev);

    protected override void OnCandle(Candle candle)
    {
        if (candle.Close < _bands.Lower[0]) Buy();
        else if (candle.Close > _bands.Middle[0]) Sell();
    }
}
