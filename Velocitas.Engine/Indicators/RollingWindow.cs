namespace Velocitas.Engine.Indicators;

/// <summary>
/// Fixed-size ring buffer of the most recent values. Index 0 is the newest value. Adding never allocates.
/// </summary>
public sealed class RollingWindow
{
    private readonly double[] _items;
    private int _next;

    /// <summary>Creates a window holding at most <paramref name="capacity"/> values.</summary>
    public RollingWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new double[capacity];
    }

    /// <summary>Maximum number of values held.</summary>
    public int Capacity => _items.Length;

    /// <summary>Number of values held.</summary>
    public int Count { get; private set; }

    /// <summary>True when <see cref="Count"/> equals <see cref="Capacity"/>.</summary>
    public bool IsFull => Count == _items.Length;

    /// <summary>The value <paramref name="age"/> steps back (0 = newest).</summary>
    public double this[int age]
    {
        get
        {
            if ((uint)age >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(age));
            int i = _next - 1 - age;
            if (i < 0) i += _items.Length;
            return _items[i];
        }
    }

    /// <summary>The oldest value held (the one the next <see cref="Add"/> evicts when full).</summary>
    public double Oldest => IsFull ? _items[_next] : _items[0];

    /// <summary>Adds a value; returns the evicted value, or NaN if the window was not full.</summary>
    public double Add(double value)
    {
        double evicted = IsFull ? _items[_next] : double.NaN;
        _items[_next] = value;
        _next = _next + 1 == _items.Length ? 0 : _next + 1;
        if (Count < _items.Length) Count++;
        return evicted;
    }

    /// <summary>Empties the window.</summary>
    public void Clear()
    {
        Count = 0;
        _next = 0;
    }
}
