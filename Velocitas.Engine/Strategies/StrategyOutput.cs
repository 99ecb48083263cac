using Velocitas.Strategies.Hosting;

namespace Velocitas.Engine.Strategies;

/// <summary>The plot series and log lines a strategy produced.</summary>
/// <param name="Plots">Named series of (candle time, value), in the order first drawn.</param>
/// <param name="Log">The newest log lines, oldest first.</param>
public sealed record StrategyOutput(IReadOnlyDictionary<string, IReadOnlyList<PlotPoint>> Plots, IReadOnlyList<LogLine> Log)
{
    /// <summary>Nothing drawn or logged.</summary>
    public static StrategyOutput Empty { get; } = new(new Dictionary<string, IReadOnlyList<PlotPoint>>(), []);

    /// <summary>A copy of what <paramref name="host"/> collected.</summary>
    public static StrategyOutput From(StrategyHost host) => host.Plots.Count == 0 && host.LogLines.Count == 0
        ? Empty
        : new(host.Plots.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<PlotPoint>)kv.Value.ToArray()), host.LogLines.ToArray());
}
