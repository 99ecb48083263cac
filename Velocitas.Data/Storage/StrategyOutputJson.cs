using Velocitas.Engine.Strategies;
using Velocitas.Strategies.Hosting;

namespace Velocitas.Data.Storage;

/// <summary>
/// A run's <c>Plot</c> series and <c>Log</c> lines as stored with a saved backtest, bounded: each series keeps at most
/// <see cref="MaxPointsPerSeries"/> points (evenly spaced, the last one always), NaN gaps are left out, and the log is
/// the strategy's own bounded log (the newest 200 lines of at most 500 characters).
/// </summary>
public static class StrategyOutputJson
{
    /// <summary>Most points kept per plot series.</summary>
    public const int MaxPointsPerSeries = 4000;

    /// <summary>The JSON to store, or null when the strategy neither plotted nor logged.</summary>
    public static string? Serialize(StrategyOutput output)
    {
        if (output.Plots.Count == 0 && output.Log.Count == 0) return null;
        var plots = new Dictionary<string, double[][]>(StringComparer.Ordinal);
        foreach (var (name, points) in output.Plots)
        {
            var finite = points.Where(p => double.IsFinite(p.Value)).ToList();
            int step = (int)Math.Ceiling(finite.Count / (double)MaxPointsPerSeries);
            var kept = step <= 1 ? finite : finite.Where((_, i) => i % step == 0 || i == finite.Count - 1).ToList();
            plots[name] = kept.Select(p => new[] { (double)p.Time.ToUnixTimeMilliseconds(), p.Value }).ToArray();
        }
        var log = output.Log.Select(l => new StoredLogLine(l.Time?.ToUnixTimeMilliseconds(), l.Message)).ToList();
        return VelocitasJson.Serialize(new StoredOutput(plots, log));
    }

    /// <summary>What <see cref="Serialize"/> stored; empty for null (a run that neither plotted nor logged, or saved before outputs were kept).</summary>
    public static StrategyOutput Deserialize(string? json)
    {
        if (string.IsNullOrEmpty(json)) return StrategyOutput.Empty;
        var stored = VelocitasJson.Deserialize<StoredOutput>(json);
        var plots = stored.Plots.ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlyList<PlotPoint>)kv.Value.Select(p => new PlotPoint(DateTimeOffset.FromUnixTimeMilliseconds((long)p[0]), p[1])).ToArray(),
            StringComparer.Ordinal);
        var log = stored.Log.Select(l => new LogLine(l.Time is { } t ? DateTimeOffset.FromUnixTimeMilliseconds(t) : null, l.Message)).ToArray();
        return new StrategyOutput(plots, log);
    }

    private sealed record StoredOutput(Dictionary<string, double[][]> Plots, List<StoredLogLine> Log);

    private sealed record StoredLogLine(long? Time, string Message);
}
