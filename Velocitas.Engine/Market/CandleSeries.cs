using System.Collections;

namespace Velocitas.Engine.Market;

/// <summary>
/// Candles in time order that need not sit in one <see cref="Candle"/> array: a big dataset can be held compactly
/// (its stored blocks, ~28 bytes a candle instead of 88) and decoded a stretch at a time as a backtest walks it
/// (<see cref="Backtesting.Backtester.RunSampled(CandleSeries, Strategies.IStrategy, Execution.ExecutionSettings?, Timeframe?)"/>).
/// Every way of reading gives the same candles, bit for bit.
/// </summary>
public abstract class CandleSeries : IReadOnlyList<Candle>
{
    /// <summary>Candles in the series.</summary>
    public abstract int Count { get; }

    /// <summary>Copies the candles from <paramref name="start"/> into all of <paramref name="into"/>.</summary>
    public abstract void CopyTo(int start, Span<Candle> into);

    /// <summary>The candles as one array when they are held that way (no copy), else null.</summary>
    public virtual Candle[]? Array => null;

    /// <summary>The candle at <paramref name="index"/>.</summary>
    public Candle this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"The series holds {Count} candles.");
            return Array is { } array ? array[index] : At(index);
        }
    }

    /// <summary>The candle at a checked <paramref name="index"/> of a series not held as an array.</summary>
    protected virtual Candle At(int index)
    {
        Span<Candle> one = stackalloc Candle[1];
        CopyTo(index, one);
        return one[0];
    }

    /// <summary>Wraps an array (not copied).</summary>
    public static CandleSeries Of(Candle[] candles) => new ArraySeries(candles);

    /// <summary>
    /// The candles <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/>: a view of a series held
    /// as blocks (nothing is copied or decoded), a copy of that part of an array.
    /// </summary>
    public CandleSeries Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start > Count - count) throw new ArgumentOutOfRangeException(nameof(count), count, $"Candles {start}..{start + count} are outside the series of {Count}.");
        if (start == 0 && count == Count) return this;
        return Array is { } array ? new ArraySeries(array[start..(start + count)]) : new SliceSeries(this, start, count);
    }

    /// <summary>Index of the first candle opening at or after <paramref name="time"/> (<see cref="Count"/> when none does).</summary>
    public int IndexAtOrAfter(DateTimeOffset time)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            if (this[mid].Time < time) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>All candles in one new array (the array itself when held that way).</summary>
    public Candle[] ToArray()
    {
        if (Array is { } array) return array;
        var all = GC.AllocateUninitializedArray<Candle>(Count); // every slot is copied below
        CopyTo(0, all);
        return all;
    }

    /// <inheritdoc />
    public IEnumerator<Candle> GetEnumerator()
    {
        var buffer = new Candle[Math.Min(Count, 4096)];
        for (int start = 0; start < Count; start += buffer.Length)
        {
            int n = Math.Min(buffer.Length, Count - start);
            CopyTo(start, buffer.AsSpan(0, n));
            for (int i = 0; i < n; i++) yield return buffer[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class ArraySeries(Candle[] candles) : CandleSeries
    {
        public override int Count => candles.Length;
        public override Candle[] Array => candles;
        public override void CopyTo(int start, Span<Candle> into) => candles.AsSpan(start, into.Length).CopyTo(into);
    }

    private sealed class SliceSeries(CandleSeries inner, int offset, int count) : CandleSeries
    {
        public override int Count => count;

        public override void CopyTo(int start, Span<Candle> into)
        {
            if ((uint)start > (uint)count || into.Length > count - start) throw new ArgumentOutOfRangeException(nameof(start));
            inner.CopyTo(offset + start, into);
        }
    }
}
