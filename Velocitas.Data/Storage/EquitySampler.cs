using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;

namespace Velocitas.Data.Storage;

/// <summary>
/// Reduces an equity curve to at most a few thousand points for storage and charts (<see cref="EquityCurveSampler"/>:
/// each bucket's lowest and highest point so drawdowns stay visible, every month's last point so period returns stay
/// exact, and always the first and last point).
/// </summary>
public static class EquitySampler
{
    /// <summary>Default maximum number of points kept.</summary>
    public const int DefaultMaxPoints = EquityCurveSampler.DefaultMaxPoints;

    /// <summary>The sampled curve, in time order.</summary>
    public static IReadOnlyList<Equity> Sample(IReadOnlyList<Equity> curve, int maxPoints = DefaultMaxPoints)
    {
        if (curve.Count <= maxPoints) return curve;
        var sampler = new EquityCurveSampler(curve.Count, curve[0].Time, curve[^1].Time, maxPoints);
        for (int i = 0; i < curve.Count; i++) sampler.Add(i, curve[i]);
        return sampler.Finish(curve[^1]);
    }
}
