using Velocitas.Strategies;

namespace Velocitas.Engine.Tests.StrategyApi;

// Strategies written on the public API for the tests, as a user would write them.

/// <summary>Records every indicator the API offers at each candle.</summary>
public sealed class EveryIndicatorProbe : Strategy
{
    private readonly List<double[]> _rows = [];
    private Series _sma = null!, _ema = null!, _rsi = null!, _roc = null!, _atr = null!, _highest = null!, _lowest = null!;
    private MacdSeries _macd = null!;
    private BollingerSeries _bb = null!;
    private AdxSeries _adx = null!;
    private StochasticSeries _stoch = null!;
    private DonchianSeries _donchian = null!;

    public IReadOnlyList<double[]> Recorded => _rows;

    protected override void OnStart()
    {
        _sma = Sma(20);
        _ema = Ema(20);
        _rsi = Rsi(14);
        _roc = Roc(10);
        _atr = Atr(14);
        _highest = Highest(5);
        _lowest = Lowest(5);
        _macd = Macd(12, 26, 9);
        _bb = Bollinger(20, 2);
        _adx = Adx(14);
        _stoch = Stochastic(14, 3, 3);
        _donchian = Donchian(20);
    }

    protected override void OnCandle(Candle candle) => _rows.Add(
    [
        _sma[0], _ema[0], _rsi[0], _roc[0], _atr[0], _highest[0], _lowest[0], _macd.Line[0], _macd.Signal[0], _macd.Histogram[0],
        _bb.Upper[0], _bb.Middle[0], _bb.Lower[0], _bb.PercentB[0], _bb.Width[0], _adx.Adx[0], _adx.PlusDi[0], _adx.MinusDi[0],
        _stoch.K[0], _stoch.D[0], _donchian.Upper[0], _donchian.Lower[0], _donchian.Middle[0],
    ]);
}

/// <summary>Scales in and out by fractions and sets its own stop: exercises every order verb.</summary>
public sealed class ScalingStrategy : Strategy
{
    [Parameter(2, 50, Description = "Fast EMA.")] public int Fast { get; set; } = 8;
    [Parameter(3, 200)] public int Slow { get; set; } = 21;
    [Parameter(0.1, 1, Step = 0.1)] public double Fraction { get; set; } = 0.5;
    [Parameter] public bool UseStop { get; set; } = true;

    private Series _fast = null!, _slow = null!, _atr = null!;

    public override ParameterProblem? CheckParameters() =>
        Fast < Slow ? null : new ParameterProblem("fast", $"fast ({Fast}) must be less than slow ({Slow}).");

    protected override void OnStart()
    {
        _fast = Ema(Fast);
        _slow = Ema(Slow);
        _atr = Atr(14);
        if (UseStop) SetStopLoss(4);
    }

    protected override void OnCandle(Candle candle)
    {
        Plot("spread", _fast[0] - _slow[0]);
        if (_fast.CrossedAbove(_slow)) Buy(Fraction);
        else if (Position.IsLong && _fast[0] > _slow[0] && candle.Close > Candles[1].High) Buy(Fraction / 2);
        else if (_fast.CrossedBelow(_slow)) Sell();
        else if (Position.IsLong && candle.Close < Position.EntryPrice - (2 * _atr[0])) Sell(0.5);
        if (Position.IsLong && Equity > 0 && Cash / Equity < 0.1) Log($"nearly all in at {candle.Close:0.00}");
    }
}

public sealed class SeriesReader : Strategy
{
    private Series _sma = null!;
    public double[] Last = [];
    public List<bool> Ready = [];
    public List<bool> Crossed = [];
    public double PreviousHigh;
    public string FutureError = "", TooFarError = "";

    protected override void OnStart() => _sma = Sma(3);

    protected override void OnCandle(Candle candle)
    {
        Last = [_sma[0], _sma[1], _sma[2], _sma[3]];
        Ready.Add(_sma.IsReady);
        Crossed.Add(_sma.CrossedAbove(11.5));
        if (Candles.Count > 1) PreviousHigh = Candles[1].Close;
        try { _ = _sma[-1]; } catch (ArgumentOutOfRangeException e) { FutureError = e.Message; }
        try { _ = _sma[1001]; } catch (ArgumentOutOfRangeException e) { TooFarError = e.Message; }
    }
}

public sealed class TextParameter : Strategy
{
    [Parameter(1, 2)] public string Name { get; set; } = "";
    protected override void OnCandle(Candle candle) { }
}

public sealed class DefaultOutOfRange : Strategy
{
    [Parameter(2, 10)] public int Period { get; set; } = 1;
    protected override void OnCandle(Candle candle) { }
}

public sealed class NoDefaultConstructor(int period) : Strategy
{
    public int Period => period;
    protected override void OnCandle(Candle candle) { }
}

public sealed class LateIndicator : Strategy
{
    protected override void OnCandle(Candle candle) => Sma(5);
}

public sealed class EarlyOrder : Strategy
{
    protected override void OnStart() => Buy();
    protected override void OnCandle(Candle candle) { }
}

public sealed class FractionScript : Strategy
{
    private int _i;

    protected override void OnCandle(Candle candle)
    {
        Log(Position.IsLong ? $"long {Position.Quantity} @ {Position.EntryPrice} cash={Cash}" : $"flat cash={Cash} equity={Equity}");
        switch (_i++)
        {
            case 0: Buy(0.5); break;
            case 1: Buy(0.3); break;
            case 2: Sell(0.5); break;
            case 3: Sell(); break;
            case 4: Sell(); break;
        }
    }
}

public sealed class StopFromCode : Strategy
{
    protected override void OnStart() => SetStopLoss(3);

    protected override void OnCandle(Candle candle)
    {
        if (Candles.Count == 1) Buy();
    }
}

public sealed class TakeProfitFromCode : Strategy
{
    protected override void OnStart() => SetTakeProfit(5);

    protected override void OnCandle(Candle candle)
    {
        if (Candles.Count == 1) Buy();
    }
}

public sealed class TrailingStopFromCode : Strategy
{
    protected override void OnStart()
    {
        SetStopLoss(null);    // the run's stop-loss removed
        SetTrailingStop(5);
    }

    protected override void OnCandle(Candle candle)
    {
        if (Candles.Count == 1) Buy();
    }
}

public sealed class FailsOnThirdCandle : Strategy
{
    /// <summary>Times this object's OnCandle was called.</summary>
    public int Calls;

    protected override void OnCandle(Candle candle)
    {
        Calls++;
        if (Candles.Count == 3) throw new InvalidOperationException("the third candle is refused");
    }
}

public sealed class FailsOnStart : Strategy
{
    protected override void OnStart() => throw new InvalidOperationException("nothing to start with");
    protected override void OnCandle(Candle candle) { }
}

public sealed class LogsEveryClose : Strategy
{
    protected override void OnCandle(Candle candle) => Log($"close {candle.Close}");
}
