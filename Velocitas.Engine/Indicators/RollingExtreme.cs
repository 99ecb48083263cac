namespace Velocitas.Engine.Indicators;

/// <summary>
/// Maximum (or minimum) of the last N values in amortised O(1) per update, using a monotonic deque on
/// preallocated arrays.
/// </summary>
public sealed class RollingExtreme
{
    private readonly int _length;
    private readonly bool _max;
    private readonly double[] _values;
    private readonly long[] _positions;
    private int _head;
    private int _count;
    private long _position;

    /// <summary>Creates the tracker over the last <paramref name="length"/> values.</summary>
    public RollingExtreme(int length, bool maximum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        _length = length;
        _max = maximum;
        _values = new double[length + 1];
        _positions = new long[length + 1];
    }

    /// <summary>The extreme of the values in the window; NaN when empty.</summary>
    public double Value => _count == 0 ? double.NaN : _values[_head];

    /// <summary>Adds a value, evicting the one that left the window.</summary>
    public void Add(double value)
    {
        int cap = _values.Length;
        // drop values that can never be the extreme again (from the back)
        int tail = _head + _count - 1;
        if (tail >= cap) tail -= cap;
        while (_count > 0)
        {
            double t = _values[tail];
            if (_max ? t > value : t < value) break;
            _count--;
            tail = tail == 0 ? cap - 1 : tail - 1;
        }
        int slot = _head + _count;
        if (slot >= cap) slot -= cap;
        _values[slot] = value;
        _positions[slot] = _position;
        _count++;
        // drop the front when it left the window
        if (_positions[_head] <= _position - _length)
        {
            _head = _head + 1 == cap ? 0 : _head + 1;
            _count--;
        }
        _position++;
    }

    /// <summary>Empties the tracker.</summary>
    public void Clear()
    {
        _head = 0;
        _count = 0;
        _position = 0;
    }
}
