using Velocitas.Strategies.Hosting;
using StrategyCandle = Velocitas.Strategies.Candle;

namespace Velocitas.Engine.Indicators;

/// <summary>
/// The engine's incremental indicators behind the strategy API's typed requests: one calculator per request, fed one
/// candle at a time, writing every output (NaN during warm-up) in the order <see cref="IndicatorRequest.Outputs"/> names.
/// </summary>
public static class IndicatorCalculators
{
    /// <summary>A fresh calculator for <paramref name="request"/>.</summary>
    public static Calculator Create(IndicatorRequest request) => request.Kind switch
    {
        IndicatorKind.Sma => new SmaCalculator(request.Period),
        IndicatorKind.Ema => new CloseCalculator(new Ema(request.Period)),
        IndicatorKind.Rsi => new CloseCalculator(new Rsi(request.Period)),
        IndicatorKind.Roc => new CloseCalculator(new Roc(request.Period)),
        IndicatorKind.Atr => new AtrCalculator(new Atr(request.Period)),
        IndicatorKind.Macd => new MacdCalculator(new Macd(request.Period, request.Period2, request.Period3)),
        IndicatorKind.Bollinger => new BollingerCalculator(new BollingerBands(request.Period, request.Factor)),
        IndicatorKind.Adx => new AdxCalculator(new Adx(request.Period)),
        IndicatorKind.Stochastic => new StochasticCalculator(new Stochastic(request.Period, request.Period2, request.Period3)),
        IndicatorKind.Donchian => new DonchianCalculator(new Donchian(request.Period)),
        IndicatorKind.Highest => new ExtremeCalculator(request.Period, maximum: true),
        IndicatorKind.Lowest => new ExtremeCalculator(request.Period, maximum: false),
        _ => throw new ArgumentOutOfRangeException(nameof(request), request.Kind, $"Unknown indicator '{request.Kind}'."),
    };

    /// <summary>Candles needed before every output of <paramref name="request"/> is defined.</summary>
    public static int WarmUp(IndicatorRequest request) => Create(request).WarmUp;

    /// <summary>A calculator that knows its warm-up.</summary>
    public abstract class Calculator : IIndicatorCalculator
    {
        /// <summary>Candles needed before every output is defined.</summary>
        public abstract int WarmUp { get; }

        /// <inheritdoc />
        public abstract void Update(in StrategyCandle candle, Span<double> outputs);
    }

    private sealed class CloseCalculator(ValueIndicator indicator) : Calculator, ICloseIndicatorCalculator
    {
        public override int WarmUp => indicator.WarmUpPeriod;

        public override void Update(in StrategyCandle candle, Span<double> outputs) => outputs[0] = Next(candle.Close);

        public double Next(double close)
        {
            indicator.Add(close);
            return indicator.Current;
        }
    }

    /// <summary>
    /// <see cref="Sma"/> fed through the strategy API in one step: the same running sum, evictions and division, so the same
    /// bits, without the indicator's layers (a window object, a sample counter, the value stored and read back).
    /// </summary>
    private sealed class SmaCalculator : Calculator, ICloseIndicatorCalculator
    {
        private readonly double[] _window;
        private readonly double _period;
        private int _next, _count;
        private double _sum;

        public SmaCalculator(int period)
        {
            if (period <= 0) throw new ArgumentOutOfRangeException(nameof(period), period, $"SMA: period must be at least 1 (was {period}).");
            _window = new double[period];
            _period = period;
        }

        public override int WarmUp => _window.Length;

        public override void Update(in StrategyCandle candle, Span<double> outputs) => outputs[0] = Next(candle.Close);

        public double Next(double close)
        {
            var window = _window;
            int next = _next;
            double sum = _sum + close;
            if (_count == window.Length) sum -= window[next];
            else _count++;
            window[next] = close;
            _next = next + 1 == window.Length ? 0 : next + 1;
            _sum = sum;
            return _count == window.Length ? sum / _period : double.NaN;
        }
    }

    private sealed class AtrCalculator(Atr atr) : Calculator
    {
        public override int WarmUp => atr.WarmUpPeriod;

        public override void Update(in StrategyCandle candle, Span<double> outputs)
        {
            atr.Update(candle.High, candle.Low, candle.Close);
            outputs[0] = atr.Value ?? double.NaN;
        }
    }

    private sealed class MacdCalculator(Macd macd) : Calculator
    {
        public override int WarmUp => macd.WarmUpPeriod;

        public override void Update(in StrategyCandle candle, Span<double> outputs)
        {
            macd.Update(candle.Close);
            outputs[0] = macd.Line ?? double.NaN;
            outputs[1] = macd.Signal ?? double.NaN;
            outputs[2] = macd.Histogram ?? double.NaN;
        }
    }

    private sealed class BollingerCalculator(BollingerBands bands) : Calculator
    {
        public override int WarmUp => bands.WarmUpPeriod;

        public override void Update(in StrategyCandle candle, Span<double> outputs)
        {
            bands.Update(candle.Close);
            outputs[0] = bands.Upper ?? double.NaN;
            outputs[1] = bands.Middle ?? double.NaN;
            outputs[2] = bands.Lower ?? double.NaN;
            outputs[3] = bands.PercentB ?? double.NaN;
            outputs[4] = bands.Width ?? double.NaN;
        }
    }

    private sealed class AdxCalculator(Adx adx) : Calculator
    {
        public override int WarmUp => adx.WarmUpPeriod;

        public override void Update(in StrategyCandle candle, Span<double> outputs)
        {
            adx.Update(candle.High, candle.Low, candle.Close);
            outputs[0] = adx.Value ?? double.NaN;
            outputs[1] = adx.PlusDi ?? double.NaN;
            outputs[2] = adx.MinusDi ?? double.NaN;
        }
    }

    private sealed class StochasticCalculator(Stochastic stochastic) : Calculator
    {
        public override int WarmUp => stochastic.WarmUpPeriod;

        public override void Update(in StrategyCandle candle, Span<double> outputs)
        {
            stochastic.Update(candle.High, candle.Low, candle.Close);
            outputs[0] = stochastic.K ?? double.NaN;
            outputs[1] = stochastic.D ?? double.NaN;
        }
    }

    private sealed class DonchianCalculator(Donchian donchian) : Calculator
    {
        public override int WarmUp => donchian.WarmUpPeriod;

        public override void Update(in StrategyCandle candle, Span<double> outputs)
        {
            donchian.Update(candle.High, candle.Low, candle.Close);
            outputs[0] = donchian.Upper ?? double.NaN;
            outputs[1] = donchian.Lower ?? double.NaN;
            outputs[2] = donchian.Middle ?? double.NaN;
        }
    }

    private sealed class ExtremeCalculator : Calculator
    {
        private readonly RollingExtreme _extreme;
        private readonly int _period;
        private readonly bool _maximum;
        private int _seen;

        public ExtremeCalculator(int period, bool maximum)
        {
            if (period < 1) throw new ArgumentOutOfRangeException(nameof(period), period, $"{(maximum ? "Highest" : "Lowest")}: period must be at least 1 (was {period}).");
            _period = period;
            _maximum = maximum;
            _extreme = new RollingExtreme(period, maximum);
        }

        public override int WarmUp => _period;

        public override void Update(in StrategyCandle candle, Span<double> outputs)
        {
            _extreme.Add(_maximum ? candle.High : candle.Low);
            if (_seen < _period) _seen++;
            outputs[0] = _seen < _period ? double.NaN : _extreme.Value;
        }
    }
}
