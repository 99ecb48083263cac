using Velocitas.Engine.Indicators;
using Velocitas.Engine.Market;

namespace Velocitas.Engine.Trend;

/// <summary>
/// Classifies the market at each candle's close as uptrend, downtrend, ranging or volatile, from that candle and
/// earlier ones only (feed candles in order; nothing can look ahead). Evidence: trend strength (ADX), direction
/// (slope and straightness of a log-price regression, EMA alignment, +DI/−DI), momentum (RSI, ROC) and volatility
/// (realised volatility against its own history, ATR %). O(log n) per candle, no allocation.
/// </summary>
/// <remarks>
/// Rules, in order: volatility far above this coin's normal (ratio to its calm level ≥ <see cref="TrendSettings.VolatileRatio"/>,
/// or percentile ≥ <see cref="TrendSettings.VolatilePercentile"/> with ratio ≥ 1.5) is <b>volatile</b>; otherwise a direction
/// score beyond ±<see cref="TrendSettings.TrendDirection"/> backed by ADX or by a clear regression move is an <b>up</b>- or
/// <b>downtrend</b>; otherwise <b>ranging</b>. A new label must hold for <see cref="TrendSettings.Confirmation"/> candles.
/// </remarks>
public sealed class TrendClassifier
{
    private const double DirectionWeightRegression = 0.35, DirectionWeightAlignment = 0.2, DirectionWeightDi = 0.2, DirectionWeightRsi = 0.15, DirectionWeightRoc = 0.1;

    private readonly TrendSettings _settings;
    private readonly double _periodsPerYear;
    private readonly CalibrationScale _scale;
    private readonly Adx _adx;
    private readonly LogRegression _regression;
    private readonly Ema _fast;
    private readonly Ema _slow;
    private readonly Atr _atr;
    private readonly RealizedVolatility _volatility;
    private readonly RollingPercentile _volatilityHistory;
    private readonly Rsi _rsi;
    private readonly Roc _roc;
    private readonly Ema _direction;
    private decimal _lastClose;
    private MarketRegime? _label;
    private MarketRegime? _pending;
    private int _pendingCount;

    /// <summary>Creates a classifier for candles of <paramref name="timeframe"/> (used to annualise volatility).</summary>
    public TrendClassifier(Timeframe timeframe, TrendSettings? settings = null)
    {
        _settings = settings ?? TrendSettings.Default;
        var problems = _settings.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(settings));
        _periodsPerYear = timeframe.PeriodsPerYear;
        _scale = CalibrationScales.Of(timeframe);
        _adx = new Adx(_settings.AdxPeriod);
        _regression = new LogRegression(_settings.RegressionPeriod);
        _fast = new Ema(_settings.FastMa);
        _slow = new Ema(_settings.SlowMa);
        _atr = new Atr(_settings.AtrPeriod);
        _volatility = new RealizedVolatility(_settings.VolatilityPeriod);
        _volatilityHistory = new RollingPercentile(_settings.VolatilityHistory);
        _rsi = new Rsi(_settings.RsiPeriod);
        _roc = new Roc(_settings.RocPeriod);
        _direction = new Ema(_settings.DirectionSmoothing);
    }

    /// <summary>The settings in use.</summary>
    public TrendSettings Settings => _settings;

    /// <summary>Candles seen.</summary>
    public int Candles { get; private set; }

    /// <summary>Consumes the next candle and returns the classification at its close.</summary>
    public TrendReading Update(in Candle candle)
    {
        Candles++;
        _lastClose = candle.Close;
        double close = (double)candle.Close;
        _adx.Update(candle);
        _atr.Update(candle);
        _regression.Update(close);
        _fast.Update(close);
        _slow.Update(close);
        _rsi.Update(close);
        _roc.Update(close);
        double vol = _volatility.Update(close) ?? double.NaN;

        double percentile = double.NaN, ratio = double.NaN;
        if (!double.IsNaN(vol))
        {
            if (_volatilityHistory.Count >= _settings.MinVolatilityHistory)
            {
                percentile = _volatilityHistory.PercentileOf(vol);
                double calm = _volatilityHistory.Quantile(0.25);
                ratio = calm > 0 ? vol / calm : double.NaN;
            }
            _volatilityHistory.Add(vol);
        }

        var evidence = new TrendEvidence(
            Adx: _adx.Value ?? double.NaN,
            PlusDi: _adx.PlusDi ?? double.NaN,
            MinusDi: _adx.MinusDi ?? double.NaN,
            SlopePct: _regression.IsReady ? _regression.Slope * 100 : double.NaN,
            TrendToNoise: TrendToNoise(vol),
            RSquared: _regression.IsReady ? _regression.RSquared : double.NaN,
            MaAlignment: Alignment(close),
            AtrPct: _atr.Percent ?? double.NaN,
            VolatilityPct: double.IsNaN(vol) ? double.NaN : vol * Math.Sqrt(_periodsPerYear) * 100,
            VolatilityRatio: ratio,
            VolatilityPercentile: percentile,
            Rsi: _rsi.Value ?? double.NaN,
            RocPct: _roc.Value ?? double.NaN);

        if (Candles < _settings.WarmUpPeriod || !IsComplete(evidence))
            return new TrendReading(candle.Time, candle.Close, null, null, 0, 0, evidence, default);

        var scores = Score(evidence, vol);
        var candidate = Classify(evidence, scores);
        Confirm(candidate);
        var regime = _label!.Value;
        double raw = ConfidenceFor(regime, evidence, scores);
        return new TrendReading(candle.Time, candle.Close, regime, candidate, ConfidenceCalibrator.Calibrate(_scale, regime, raw), raw, evidence, scores);
    }

    /// <summary>Forgets everything.</summary>
    public void Reset()
    {
        Candles = 0;
        _adx.Reset();
        _regression.Reset();
        _fast.Reset();
        _slow.Reset();
        _atr.Reset();
        _volatility.Reset();
        _volatilityHistory.Clear();
        _rsi.Reset();
        _roc.Reset();
        _direction.Reset();
        _label = _pending = null;
        _pendingCount = 0;
    }

    private double TrendToNoise(double vol)
    {
        if (!_regression.IsReady || double.IsNaN(vol) || vol <= 0) return double.NaN;
        int n = _settings.RegressionPeriod;
        return _regression.Slope * (n - 1) / (vol * Math.Sqrt(n - 1));
    }

    private double Alignment(double close)
    {
        if (!_fast.IsReady || !_slow.IsReady) return double.NaN;
        double fast = _fast.Current, slow = _slow.Current;
        return (Math.Sign(close - fast) + Math.Sign(fast - slow)) / 2.0;
    }

    private static bool IsComplete(in TrendEvidence e) =>
        !double.IsNaN(e.Adx) && !double.IsNaN(e.PlusDi) && !double.IsNaN(e.TrendToNoise) && !double.IsNaN(e.MaAlignment)
        && !double.IsNaN(e.VolatilityRatio) && !double.IsNaN(e.Rsi) && !double.IsNaN(e.RocPct);

    private TrendScores Score(in TrendEvidence e, double vol)
    {
        double regression = Math.Clamp(e.TrendToNoise / 2, -1, 1);
        double di = e.PlusDi + e.MinusDi > 0 ? Math.Clamp((e.PlusDi - e.MinusDi) / (e.PlusDi + e.MinusDi) * 2, -1, 1) : 0;
        double rsi = Math.Clamp((e.Rsi - 50) / 15, -1, 1);
        double rocNoise = vol * Math.Sqrt(_settings.RocPeriod) * 100;
        double roc = rocNoise > 0 ? Math.Clamp(e.RocPct / rocNoise / 2, -1, 1) : 0;
        // how far price sits above the fast EMA and the fast above the slow, in units of the noise expected there
        double fast = _fast.Current, slow = _slow.Current, close = (double)_lastClose;
        double gapNoise = vol * Math.Sqrt(_settings.FastMa / 2.0);
        double alignment = gapNoise > 0
            ? (0.5 * Math.Clamp((close - fast) / fast / gapNoise / 1.5, -1, 1)) + (0.5 * Math.Clamp((fast - slow) / slow / (gapNoise * Math.Sqrt(2)) / 1.5, -1, 1))
            : e.MaAlignment;
        double direction = (DirectionWeightRegression * regression) + (DirectionWeightAlignment * alignment) + (DirectionWeightDi * di)
            + (DirectionWeightRsi * rsi) + (DirectionWeightRoc * roc);
        direction = _settings.DirectionSmoothing > 1 ? _direction.Update(direction) ?? direction : direction;
        int sign = Math.Sign(direction);
        int agreeing = (Math.Sign(regression) == sign ? 1 : 0) + (Math.Sign(alignment) == sign ? 1 : 0) + (Math.Sign(di) == sign ? 1 : 0)
            + (Math.Sign(rsi) == sign ? 1 : 0) + (Math.Sign(roc) == sign ? 1 : 0);
        double strength = Math.Clamp((e.Adx - _settings.TrendAdx) / 15, 0, 1);
        double byRatio = Math.Clamp((e.VolatilityRatio - 1) / (_settings.VolatileRatio - 1), 0, 1);
        double byPercentile = Math.Clamp((e.VolatilityPercentile - 50) / (_settings.VolatilePercentile - 50), 0, 1);
        return new TrendScores(direction, strength, Math.Max(byRatio, byPercentile), sign == 0 ? 0 : agreeing / 5.0);
    }

    private MarketRegime Classify(in TrendEvidence e, in TrendScores s)
    {
        if (e.VolatilityRatio >= _settings.VolatileRatio || (e.VolatilityPercentile >= _settings.VolatilePercentile && e.VolatilityRatio >= 1.5))
            return MarketRegime.Volatile;
        double direction = Math.Abs(s.Direction);
        if (direction >= _settings.TrendDirection && (s.Strength >= 0.25 || direction >= _settings.TrendDirection + 0.2))
            return s.Direction > 0 ? MarketRegime.Uptrend : MarketRegime.Downtrend;
        return MarketRegime.Ranging;
    }

    private void Confirm(MarketRegime candidate)
    {
        if (_label is null)
        {
            _label = candidate;
            _pending = null;
            _pendingCount = 0;
            return;
        }
        if (candidate == _label)
        {
            _pending = null;
            _pendingCount = 0;
            return;
        }
        _pendingCount = candidate == _pending ? _pendingCount + 1 : 1;
        _pending = candidate;
        if (_pendingCount >= _settings.Confirmation)
        {
            _label = candidate;
            _pending = null;
            _pendingCount = 0;
        }
    }

    /// <summary>0–100 support of the evidence for <paramref name="regime"/> (the raw score <see cref="ConfidenceCalibrator"/> calibrates).</summary>
    private double ConfidenceFor(MarketRegime regime, in TrendEvidence e, in TrendScores s)
    {
        double c = regime switch
        {
            MarketRegime.Volatile => (0.6 * s.Volatility) + (0.4 * Math.Clamp((e.VolatilityPercentile - 50) / 50, 0, 1)),
            MarketRegime.Ranging => (0.4 * (1 - s.Strength)) + (0.4 * (1 - Math.Clamp(Math.Abs(s.Direction) / _settings.TrendDirection, 0, 1))) + (0.2 * (1 - s.Volatility)),
            _ => DirectionalConfidence(regime == MarketRegime.Uptrend ? 1 : -1, e, s),
        };
        return Math.Round(Math.Clamp(c, 0, 1) * 100, 1);
    }

    private static double DirectionalConfidence(int sign, in TrendEvidence e, in TrendScores s)
    {
        double along = Math.Max(0, sign * s.Direction);
        double agreement = Math.Sign(s.Direction) == sign ? s.Agreement : 1 - s.Agreement;
        double clarity = Math.Max(s.Strength, Math.Clamp(Math.Abs(e.TrendToNoise) / 2, 0, 1));
        return (0.45 * Math.Min(1, along / 0.7)) + (0.3 * agreement) + (0.25 * clarity);
    }
}
