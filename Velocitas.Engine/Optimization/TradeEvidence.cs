using System.Globalization;

namespace Velocitas.Engine.Optimization;

/// <summary>
/// How much a result's trade count can prove. With n trades the System Quality Number (√n × mean / standard deviation
/// of trade P&amp;L) is the t-statistic of the mean trade: below about 2 the average trade is within two standard errors
/// of zero, so the result may be luck; under <see cref="MinTrades"/> trades no statistic is worth much.
/// </summary>
public static class TradeEvidence
{
    /// <summary>Trades below which a result is too small to judge, whatever its statistic.</summary>
    public const int MinTrades = 30;

    /// <summary>t-statistic of the mean trade above which it is unlikely to be zero (about 95 %).</summary>
    public const double SignificantT = 2.0;

    /// <summary>True when the trades are enough and the mean trade is significantly positive.</summary>
    public static bool IsSignificant(int trades, double? sqn) => trades >= MinTrades && sqn is { } t && double.IsFinite(t) && t >= SignificantT;

    /// <summary>A caveat in a few words, or null when the result is significant, e.g. "5 trades: too few to judge".</summary>
    public static string? Caveat(int trades, double? sqn)
    {
        if (trades < MinTrades) return $"{trades} trade{(trades == 1 ? "" : "s")}: too few to judge (under {MinTrades})";
        if (sqn is not { } t || !double.IsFinite(t)) return $"{trades} trades, no spread of results to test";
        return t >= SignificantT ? null : $"{trades} trades, t = {t.ToString("0.0", CultureInfo.InvariantCulture)}: could be luck (needs t ≥ {SignificantT.ToString("0", CultureInfo.InvariantCulture)})";
    }
}
