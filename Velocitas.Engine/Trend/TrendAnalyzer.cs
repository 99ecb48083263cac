using System.Globalization;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;

namespace Velocitas.Engine.Trend;

/// <summary>Classifies a coin's history candle by candle, summarises its regimes and suggests strategies for the current one.</summary>
public static class TrendAnalyzer
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Analyses <paramref name="candles"/> (ascending). Throws <see cref="ArgumentException"/> on bad settings.</summary>
    public static TrendAnalysis Analyze(
        ReadOnlySpan<Candle> candles,
        string symbol,
        Timeframe timeframe,
        TrendSettings? settings = null,
        ExecutionSettings? execution = null,
        CancellationToken cancellationToken = default)
    {
        var classifier = new TrendClassifier(timeframe, settings);
        var readings = new TrendReading[candles.Length];
        for (int i = 0; i < candles.Length; i++)
        {
            if ((i & 4095) == 0) cancellationToken.ThrowIfCancellationRequested();
            readings[i] = classifier.Update(candles[i]);
        }
        var segments = RegimeHistory.Segments(readings);
        var current = readings.Length > 0 ? readings[^1] : default;
        var suggestions = current.Regime is { } regime
            ? StrategyAdvisor.Suggest(candles, segments, regime, symbol, timeframe, execution ?? TradingDefaults.Execution)
            : [];
        return new TrendAnalysis
        {
            Symbol = symbol,
            Timeframe = timeframe,
            Candles = candles.Length,
            Current = current,
            CurrentCandles = segments.Count > 0 && segments[^1].Ongoing ? segments[^1].Candles : 0,
            Evidence = current.Regime is null ? [] : Explain(current, classifier.Settings),
            Readings = readings,
            Segments = segments,
            Stats = RegimeHistory.Stats(segments),
            Rule = current.Regime is { } r ? StrategyAdvisor.Rule(r) : $"Needs at least {classifier.Settings.WarmUpPeriod + 1} candles to classify (got {candles.Length}).",
            Suggestions = suggestions,
        };
    }

    /// <summary>The evidence of one reading, itemised in a trader's words.</summary>
    public static IReadOnlyList<EvidenceItem> Explain(TrendReading reading, TrendSettings? settings = null)
    {
        settings ??= TrendSettings.Default;
        var e = reading.Evidence;
        bool volatileNow = e.VolatilityRatio >= settings.VolatileRatio || (e.VolatilityPercentile >= settings.VolatilePercentile && e.VolatilityRatio >= 1.5);
        var items = new List<EvidenceItem>();
        MarketRegime? Dir(double v, double threshold) => v > threshold ? MarketRegime.Uptrend : v < -threshold ? MarketRegime.Downtrend : null;

        items.Add(new("Trend strength (ADX)", e.Adx.ToString("0.0", Inv),
            e.Adx >= 25 ? "strong trend" : e.Adx >= 20 ? "trend forming" : "no trend", e.Adx >= 25 ? null : e.Adx < 20 ? MarketRegime.Ranging : null));
        items.Add(new("Directional movement (+DI / −DI)", $"{e.PlusDi.ToString("0.0", Inv)} / {e.MinusDi.ToString("0.0", Inv)}",
            e.PlusDi > e.MinusDi ? "buyers dominate" : e.PlusDi < e.MinusDi ? "sellers dominate" : "balanced", Dir(e.PlusDi - e.MinusDi, 3)));
        items.Add(new("Regression slope of log price", $"{e.SlopePct.ToString("+0.000;-0.000", Inv)} % per candle, R² {e.RSquared.ToString("0.00", Inv)}",
            Math.Abs(e.TrendToNoise) >= 1 ? $"{(e.SlopePct > 0 ? "rising" : "falling")} {(e.RSquared >= 0.6 ? "cleanly" : "unevenly")} ({Math.Abs(e.TrendToNoise).ToString("0.0", Inv)}× the noise)" : "flat against the noise",
            Math.Abs(e.TrendToNoise) >= 1 ? Dir(e.SlopePct, 0) : MarketRegime.Ranging));
        items.Add(new("Moving averages (close, EMA fast, EMA slow)", e.MaAlignment switch { 1 => "close > fast > slow", -1 => "close < fast < slow", 0.5 => "mostly above", -0.5 => "mostly below", _ => "mixed" },
            e.MaAlignment >= 1 ? "aligned up" : e.MaAlignment <= -1 ? "aligned down" : "not aligned", Dir(e.MaAlignment, 0.75)));
        items.Add(new("Momentum (RSI)", e.Rsi.ToString("0.0", Inv),
            e.Rsi >= 70 ? "overbought" : e.Rsi <= 30 ? "oversold" : e.Rsi >= 55 ? "bullish" : e.Rsi <= 45 ? "bearish" : "neutral", Dir(e.Rsi - 50, 5)));
        items.Add(new("Rate of change (ROC)", $"{e.RocPct.ToString("+0.00;-0.00", Inv)} %", e.RocPct > 0 ? "higher than before" : "lower than before", null));
        items.Add(new("Average true range", $"{e.AtrPct.ToString("0.00", Inv)} % of price", "typical candle range", null));
        items.Add(new("Realised volatility", $"{e.VolatilityPct.ToString("0", Inv)} % a year, {e.VolatilityPercentile.ToString("0", Inv)}th percentile, {e.VolatilityRatio.ToString("0.0", Inv)}× calm",
            volatileNow ? "far above this coin's normal" : e.VolatilityPercentile >= 75 ? "above normal" : "normal for this coin",
            volatileNow ? MarketRegime.Volatile : null));
        return items;
    }
}
