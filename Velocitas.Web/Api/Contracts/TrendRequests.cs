using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Velocitas.Engine.Trend;
using Velocitas.Web.Api.Hardening;

namespace Velocitas.Web.Api.Contracts;

/// <summary>Body of POST /api/trend-analysis/analyze; no body = every dataset.</summary>
public sealed record TrendAnalyzeRequest : IOriginalApiRequest
{
    /// <summary>Datasets to classify.</summary>
    [MaxLength(100)]
    public List<int>? DatasetIds { get; init; }

    /// <summary>One dataset.</summary>
    [Range(1, int.MaxValue)]
    public int? DatasetId { get; init; }

    /// <summary>Coins (the newest dataset of each).</summary>
    [MaxLength(100), JsonAlias("symbols")]
    public List<string>? Coins { get; init; }

    /// <summary>Classifier settings (defaults when left out).</summary>
    public TrendSettingsRequest? Settings { get; init; }
}

/// <summary>Trend classifier settings; each bounded so no request can make it allocate without limit.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TrendSettingsRequest : IOriginalApiRequest
{
    /// <summary>ADX period.</summary>
    [Range(2, 500)] public int? AdxPeriod { get; init; }

    /// <summary>Log-price regression length.</summary>
    [Range(5, 2000)] public int? RegressionPeriod { get; init; }

    /// <summary>Fast EMA.</summary>
    [Range(2, 1000)] public int? FastMa { get; init; }

    /// <summary>Slow EMA.</summary>
    [Range(3, 2000)] public int? SlowMa { get; init; }

    /// <summary>ATR period.</summary>
    [Range(2, 500)] public int? AtrPeriod { get; init; }

    /// <summary>Realised-volatility window.</summary>
    [Range(2, 1000)] public int? VolatilityPeriod { get; init; }

    /// <summary>Readings the volatility is ranked against.</summary>
    [Range(100, 20_000)] public int? VolatilityHistory { get; init; }

    /// <summary>RSI period.</summary>
    [Range(2, 500)] public int? RsiPeriod { get; init; }

    /// <summary>ROC period.</summary>
    [Range(1, 500)] public int? RocPeriod { get; init; }

    /// <summary>ADX above which a trend counts.</summary>
    [Range(0.0, 100.0)] public double? TrendAdx { get; init; }

    /// <summary>Direction score beyond which a trend counts.</summary>
    [Range(0.0, 1.0)] public double? TrendDirection { get; init; }

    /// <summary>Volatility multiple of its calm level that makes a market volatile.</summary>
    [Range(1.0, 100.0)] public double? VolatileRatio { get; init; }

    /// <summary>Volatility percentile that (with 1.5×) makes a market volatile.</summary>
    [Range(0.0, 100.0)] public double? VolatilePercentile { get; init; }

    /// <summary>Candles a new label must hold.</summary>
    [Range(1, 100)] public int? Confirmation { get; init; }

    /// <summary>The engine settings: the defaults with what was given.</summary>
    public TrendSettings ToSettings()
    {
        var d = TrendSettings.Default;
        return d with
        {
            AdxPeriod = AdxPeriod ?? d.AdxPeriod,
            RegressionPeriod = RegressionPeriod ?? d.RegressionPeriod,
            FastMa = FastMa ?? d.FastMa,
            SlowMa = SlowMa ?? d.SlowMa,
            AtrPeriod = AtrPeriod ?? d.AtrPeriod,
            VolatilityPeriod = VolatilityPeriod ?? d.VolatilityPeriod,
            VolatilityHistory = VolatilityHistory ?? d.VolatilityHistory,
            RsiPeriod = RsiPeriod ?? d.RsiPeriod,
            RocPeriod = RocPeriod ?? d.RocPeriod,
            TrendAdx = TrendAdx ?? d.TrendAdx,
            TrendDirection = TrendDirection ?? d.TrendDirection,
            VolatileRatio = VolatileRatio ?? d.VolatileRatio,
            VolatilePercentile = VolatilePercentile ?? d.VolatilePercentile,
            Confirmation = Confirmation ?? d.Confirmation,
        };
    }
}
