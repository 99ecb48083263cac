using System.Globalization;
using Velocitas.Web.Services;

namespace Velocitas.Web.Components.Pages.Trend;

/// <summary>
/// The regime of the same coin on the next longer timeframe, when that timeframe was analysed too: an hourly
/// "uptrend 98 %" reads differently inside a daily downtrend, so the two are shown side by side, with a word when
/// they disagree.
/// </summary>
public static class HigherTimeframe
{
    /// <summary>The analysis of <paramref name="row"/>'s coin on the shortest timeframe longer than its own, if any.</summary>
    public static DatasetTrend? Of(DatasetTrend row, IReadOnlyList<DatasetTrend> all) =>
        all.Where(r => r.Analysis.Symbol == row.Analysis.Symbol && r.Analysis.Timeframe.Duration > row.Analysis.Timeframe.Duration && r.Analysis.Current.Regime is not null)
            .OrderBy(r => r.Analysis.Timeframe.Duration).FirstOrDefault();

    /// <summary>"1d: downtrend 90 %".</summary>
    public static string Text(DatasetTrend higher) =>
        $"{higher.Analysis.Timeframe.Code}: {RegimeStyle.Name(higher.Analysis.Current.Regime).ToLowerInvariant()} {higher.Analysis.Current.Confidence.ToString("0", CultureInfo.InvariantCulture)} %";

    /// <summary>True when the two timeframes name different regimes.</summary>
    public static bool Disagrees(DatasetTrend row, DatasetTrend higher) => row.Analysis.Current.Regime != higher.Analysis.Current.Regime;
}
