using MudBlazor;
using Velocitas.Engine.Market;
using Velocitas.Engine.Trend;

namespace Velocitas.Web.Components.Pages.Trend;

/// <summary>How regimes and suggestion actions look on the page.</summary>
public static class RegimeStyle
{
    /// <summary>Shading colour of a regime on charts.</summary>
    public static string Color(MarketRegime regime) => regime switch
    {
        MarketRegime.Uptrend => "#26a69a",
        MarketRegime.Downtrend => "#ef5350",
        MarketRegime.Ranging => "#90a4ae",
        _ => "#ffb74d",
    };

    /// <summary>Chip colour of a regime.</summary>
    public static MudBlazor.Color Chip(MarketRegime? regime) => regime switch
    {
        MarketRegime.Uptrend => MudBlazor.Color.Success,
        MarketRegime.Downtrend => MudBlazor.Color.Error,
        MarketRegime.Ranging => MudBlazor.Color.Default,
        MarketRegime.Volatile => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Dark,
    };

    /// <summary>"Uptrend", "Downtrend", "Range", "Volatile", or "n/a".</summary>
    public static string Name(MarketRegime? regime) => regime is { } r ? char.ToUpperInvariant(StrategyAdvisor.Label(r)[0]) + StrategyAdvisor.Label(r)[1..] : "n/a";

    /// <summary>"a" or "an" before the regime's name: an uptrend, a downtrend.</summary>
    public static string Article(MarketRegime? regime) => Name(regime).ToLowerInvariant() is [var first, ..] && "aeiou".Contains(first) ? "an" : "a";

    /// <summary>The regime as a noun in a sentence: "uptrend", "downtrend", "range", "volatile market".</summary>
    public static string Noun(MarketRegime? regime) => regime switch
    {
        MarketRegime.Volatile => "volatile market",
        { } r => StrategyAdvisor.Label(r),
        null => "unclassified market",
    };

    /// <summary>The regime with its article: "an uptrend", "a downtrend", "a range", "a volatile market".</summary>
    public static string Market(MarketRegime? regime) => $"{(Noun(regime) is [var first, ..] && "aeiou".Contains(first) ? "an" : "a")} {Noun(regime)}";

    /// <summary>Alert severity of a suggestion's action.</summary>
    public static Severity Severity(string action) => action switch
    {
        "trade" => MudBlazor.Severity.Success,
        "reduce-size" => MudBlazor.Severity.Warning,
        "stand-aside" => MudBlazor.Severity.Info,
        _ => MudBlazor.Severity.Normal,
    };

    /// <summary>"Trade", "Half size", "Stand aside", "Avoid".</summary>
    public static string Action(string action) => action switch
    {
        "trade" => "Trade",
        "reduce-size" => "Half size",
        "stand-aside" => "Stand aside",
        _ => "Avoid",
    };
}
