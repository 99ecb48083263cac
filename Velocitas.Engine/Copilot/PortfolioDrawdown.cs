using Velocitas.Engine.Live;

namespace Velocitas.Engine.Copilot;

/// <summary>
/// Drawdown of all instances together, measured like a fund's value per unit: each snapshot's return is taken over the
/// instances present in it and in the one before, and chained. Adding an instance (new cash) or removing one therefore
/// neither creates nor hides a drawdown, as it would on the summed equity. Restorable, so a restart keeps the peak.
/// </summary>
public sealed class PortfolioDrawdown
{
    private Dictionary<int, decimal> _previous = new();
    private Dictionary<int, decimal> _next = new();

    /// <summary>Value of one unit of the portfolio; 1 when tracking began.</summary>
    public double UnitValue { get; private set; } = 1;

    /// <summary>Highest <see cref="UnitValue"/> so far.</summary>
    public double Peak { get; private set; } = 1;

    /// <summary>How far below its peak the portfolio is, in percent.</summary>
    public double DrawdownPct => Peak > 0 ? Math.Max(0, (Peak - UnitValue) / Peak * 100) : 0;

    /// <summary>What the current equity would have to be to stand at the peak.</summary>
    public decimal PeakEquity(decimal equity) => UnitValue > 0 ? equity * (decimal)(Peak / UnitValue) : equity;

    /// <summary>Continues from saved values (after a restart); ignored when they make no sense.</summary>
    public void Restore(double unitValue, double peak)
    {
        if (!double.IsFinite(unitValue) || !double.IsFinite(peak) || unitValue <= 0 || peak < unitValue) return;
        (UnitValue, Peak) = (unitValue, peak);
        _previous.Clear();
    }

    /// <summary>Takes the instances' equity from a snapshot.</summary>
    public void Update(IReadOnlyList<InstanceSnapshot> instances)
    {
        decimal before = 0, after = 0;
        _next.Clear();
        foreach (var i in instances)
        {
            _next[i.Id] = i.Equity;
            if (_previous.TryGetValue(i.Id, out var e))
            {
                before += e;
                after += i.Equity;
            }
        }
        if (before > 0 && after >= 0)
        {
            UnitValue *= (double)(after / before);
            Peak = Math.Max(Peak, UnitValue);
        }
        (_previous, _next) = (_next, _previous);
    }
}
