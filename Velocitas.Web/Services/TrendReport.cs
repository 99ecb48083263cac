using Velocitas.Data.Storage;
using Velocitas.Engine.Market;
using Velocitas.Engine.Trend;

namespace Velocitas.Web.Services;

/// <summary>Trend analysis of one coin as the CLI and the API print it (numbers undefined during warm-up are null).</summary>
public sealed record TrendReport(
    string Symbol,
    string? Dataset,
    int? DatasetId,
    string Timeframe,
    int Candles,
    DateTimeOffset? First,
    DateTimeOffset? Last,
    MarketRegime? Regime,
    double Confidence,
    DateTimeOffset? Since,
    int CurrentCandles,
    double? Rsi,
    double? Adx,
    double? VolatilityPct,
    double? VolatilityPercentile,
    string Rule,
    string? SuggestedStrategy,
    string? SuggestedAction,
    TrendEvidenceReport Evidence,
    IReadOnlyList<EvidenceItem> EvidenceItems,
    IReadOnlyList<SuggestionReport> Suggestions,
    IReadOnlyList<RegimeStats> Stats,
    IReadOnlyList<SegmentReport> Segments)
{
    /// <summary>Builds the report; keeps the last <paramref name="maxSegments"/> regime periods.</summary>
    public static TrendReport From(TrendAnalysis a, DatasetSummary? dataset = null, string? fileName = null, int maxSegments = 50)
    {
        var e = a.Current.Evidence;
        var top = a.Suggestions.FirstOrDefault();
        var current = a.Segments.Count > 0 && a.Segments[^1].Ongoing ? a.Segments[^1] : null;
        return new TrendReport(
            a.Symbol, dataset?.Name ?? fileName, dataset?.Id, a.Timeframe.Code, a.Candles,
            a.Readings.Count > 0 ? a.Readings[0].Time : null, a.Readings.Count > 0 ? a.Readings[^1].Time : null,
            a.Current.Regime, a.Current.Confidence, current?.From, a.CurrentCandles,
            N(e.Rsi), N(e.Adx), N(e.VolatilityPct), N(e.VolatilityPercentile),
            a.Rule, top?.StrategyId ?? top?.Name, top?.Action,
            new TrendEvidenceReport(N(e.Adx), N(e.PlusDi), N(e.MinusDi), N(e.SlopePct), N(e.TrendToNoise), N(e.RSquared), N(e.MaAlignment), N(e.AtrPct),
                N(e.VolatilityPct), N(e.VolatilityRatio), N(e.VolatilityPercentile), N(e.Rsi), N(e.RocPct),
                a.Current.Regime is null ? null : a.Current.Scores.Direction, a.Current.Regime is null ? null : a.Current.Scores.Strength, a.Current.Regime is null ? null : a.Current.Scores.Volatility,
                a.Current.Regime is null ? null : a.Current.RawConfidence),
            a.Evidence,
            a.Suggestions.Select(s => new SuggestionReport(s.StrategyId, s.Name, s.Parameters, s.FitsRule, s.Action, s.SizePct, s.Score, s.Text,
                s.Evidence is { } ev ? new RegimeEvidenceReport(ev.Periods, ev.Candles, ev.CompoundedReturnPct, ev.MeanReturnPct, ev.ProfitablePeriods, ev.LosingPeriods, ev.BuyAndHoldPct, ev.Trades, ev.WinRatePct, ev.WorstDrawdownPct) : null)).ToList(),
            a.Stats,
            a.Segments.TakeLast(maxSegments).Select(s => new SegmentReport(s.Regime, s.From, s.To, s.Candles, Math.Round(s.ReturnPct, 4), Math.Round(s.AverageConfidence, 1), s.Ongoing)).ToList());
    }

    private static double? N(double v) => double.IsFinite(v) ? Math.Round(v, 6) : null;
}

/// <summary>The measurements behind the current reading, the scores they add up to and the raw (uncalibrated) confidence score.</summary>
public sealed record TrendEvidenceReport(double? Adx, double? PlusDi, double? MinusDi, double? SlopePct, double? TrendToNoise, double? RSquared, double? MaAlignment,
    double? AtrPct, double? VolatilityPct, double? VolatilityRatio, double? VolatilityPercentile, double? Rsi, double? RocPct, double? Direction, double? Strength, double? Volatility,
    double? RawConfidence);

/// <summary>One suggestion with the numbers behind it.</summary>
public sealed record SuggestionReport(string? Strategy, string Name, IReadOnlyDictionary<string, double>? Parameters, bool FitsRule, string Action, int SizePct, double Score, string Text, RegimeEvidenceReport? Evidence);

/// <summary>How a strategy did in this coin's past periods of the current regime.</summary>
public sealed record RegimeEvidenceReport(int Periods, int Candles, double CompoundedReturnPct, double MeanReturnPct, int ProfitablePeriods, int LosingPeriods, double BuyAndHoldPct, int Trades, double? WinRatePct, double WorstDrawdownPct);

/// <summary>One regime period.</summary>
public sealed record SegmentReport(MarketRegime Regime, DateTimeOffset From, DateTimeOffset To, int Candles, double ReturnPct, double AverageConfidence, bool Ongoing);
