using System.Globalization;
using Velocitas.Engine.Trend;
using Velocitas.Web.Services;

namespace Velocitas.Web.Components.Pages.Trend;

/// <summary>The higher timeframe's label at the moment a lower timeframe's latest candle closed.</summary>
/// <param name="Source">The analysis of the longer timeframe.</param>
/// <param name="Reading">Its reading at the last of its candles closed by then.</param>
public sealed record HigherRegime(DatasetTrend Source, TrendReading Reading)
{
    /// <summary>When the candle behind <see cref="Reading"/> closed.</summary>
    public DateTimeOffset ClosedAt => Reading.Time + Source.Analysis.Timeframe.Duration;
}

/// <summary>
/// The regime of the same coin on the next longer timeframe, when that timeframe was analysed too: an hourly
/// "uptrend 98 %" reads differently inside a daily downtrend, so the two are shown side by side, with a word when
/// they disagree. Only a longer timeframe that covers the same moment counts: its label is the one of its last candle
/// closed when the shorter one's latest candle closed (never a label from another year, never one not yet known).
/// </summary>
public static class HigherTimeframe
{
    /// <summary>The label of <paramref name="row"/>'s coin on the shortest timeframe longer than its own that covers its latest candle, if any.</summary>
    public static HigherRegime? Of(DatasetTrend row, IReadOnlyList<DatasetTrend> all)
    {
        var a = row.Analysis;
        var closed = a.Current.Time + a.Timeframe.Duration;
        return all.Where(r => r.Analysis.Symbol == a.Symbol && r.Analysis.Timeframe.Duration > a.Timeframe.Duration)
            .OrderBy(r => r.Analysis.Timeframe.Duration)
            .Select(r => At(r, closed))
            .FirstOrDefault(h => h is not null);
    }

    /// <summary>
    /// <paramref name="higher"/>'s reading of its last candle closed by <paramref name="time"/>; none when that candle
    /// is not the latest closed one (the data stops earlier or has a hole there) or has no label yet.
    /// </summary>
    private static HigherRegime? At(DatasetTrend higher, DateTimeOffset time)
    {
        var duration = higher.Analysis.Timeframe.Duration;
        var readings = higher.Analysis.Readings;
        for (int i = readings.Count - 1; i >= 0; i--)
        {
            var end = readings[i].Time + duration;
            if (end > time) continue;
            return time - end < duration && readings[i].Regime is not null ? new HigherRegime(higher, readings[i]) : null;
        }
        return null;
    }

    /// <summary>"1d: downtrend 90 %".</summary>
    public static string Text(HigherRegime higher) =>
        $"{higher.Source.Analysis.Timeframe.Code}: {RegimeStyle.Name(higher.Reading.Regime).ToLowerInvariant()} {higher.Reading.Confidence.ToString("0", CultureInfo.InvariantCulture)} %";

    /// <summary>True when the two timeframes name different regimes.</summary>
    public static bool Disagrees(DatasetTrend row, HigherRegime higher) => row.Analysis.Current.Regime != higher.Reading.Regime;
}
