namespace Velocitas.Engine.Indicators;

/// <summary>
/// Common bookkeeping of every incremental indicator: counts samples, knows how many it needs before its
/// output is defined, and can start over. Subclasses add one <c>Update</c> method that runs in O(1) and
/// allocates nothing.
/// </summary>
public abstract class Indicator
{
    private int _warmUp = -1; // WarmUpPeriod, read once: it depends only on the constructor's arguments

    /// <summary>Number of inputs seen since construction or the last <see cref="Reset"/>.</summary>
    public int Samples { get; private set; }

    /// <summary>Inputs needed before every output of the indicator is defined.</summary>
    public abstract int WarmUpPeriod { get; }

    /// <summary>True once <see cref="Samples"/> has reached <see cref="WarmUpPeriod"/>.</summary>
    public bool IsReady => Samples >= (_warmUp >= 0 ? _warmUp : _warmUp = WarmUpPeriod);

    /// <summary>Forgets every input; the indicator behaves as if newly constructed.</summary>
    public void Reset()
    {
        Samples = 0;
        OnReset();
    }

    /// <summary>Clears the subclass state.</summary>
    protected abstract void OnReset();

    /// <summary>Records one more input; call once at the start of each update.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    protected int NextSample() => ++Samples;

    /// <summary>Throws a clear error for a non-positive period.</summary>
    protected static int RequirePositive(int value, string name, string indicator)
    {
        if (value <= 0)
            throw new ArgumentOutOfRangeException(name, value, $"{indicator}: {name} must be at least 1 (was {value}).");
        return value;
    }

    /// <summary>Converts NaN (not yet defined) to null.</summary>
    protected static double? Defined(double value) => double.IsNaN(value) ? null : value;
}
