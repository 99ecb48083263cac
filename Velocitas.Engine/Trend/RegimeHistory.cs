using Velocitas.Engine.Market;

namespace Velocitas.Engine.Trend;

/// <summary>Cuts a labelled history into segments and summarises them.</summary>
public static class RegimeHistory
{
    /// <summary>Segments of consecutive equal labels (warm-up candles without a label are skipped).</summary>
    public static IReadOnlyList<RegimeSegment> Segments(IReadOnlyList<TrendReading> readings)
    {
        var segments = new List<RegimeSegment>();
        int i = 0;
        while (i < readings.Count)
        {
            if (readings[i].Regime is not { } regime)
            {
                i++;
                continue;
            }
            int start = i;
            double confidence = 0;
            while (i < readings.Count && readings[i].Regime == regime)
            {
                confidence += readings[i].Confidence;
                i++;
            }
            decimal before = start > 0 ? readings[start - 1].Close : readings[start].Close;
            double change = before == 0 ? 0 : (double)((readings[i - 1].Close / before) - 1) * 100;
            segments.Add(new RegimeSegment(regime, start, i, readings[start].Time, readings[i - 1].Time, change, confidence / (i - start), i == readings.Count));
        }
        return segments;
    }

    /// <summary>Per regime: periods, candles, share, typical length and move.</summary>
    public static IReadOnlyList<RegimeStats> Stats(IReadOnlyList<RegimeSegment> segments)
    {
        int total = segments.Sum(s => s.Candles);
        return Enum.GetValues<MarketRegime>().Select(regime =>
        {
            var list = segments.Where(s => s.Regime == regime).ToList();
            int candles = list.Sum(s => s.Candles);
            return new RegimeStats(regime, list.Count, candles, total == 0 ? 0 : candles * 100.0 / total,
                list.Count == 0 ? 0 : (double)candles / list.Count, list.Count == 0 ? 0 : list.Max(s => s.Candles),
                list.Count == 0 ? 0 : list.Average(s => s.ReturnPct));
        }).ToList();
    }
}
