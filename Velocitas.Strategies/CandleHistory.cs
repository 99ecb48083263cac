namespace Velocitas.Strategies;

/// <summary>Past candles read backwards: <c>Candles[0]</c> is the candle that just closed, <c>Candles[1]</c> the one before.</summary>
public sealed class CandleHistory
{
    private readonly Cursor _cursor;
    private readonly Candle[] _candles;
    private readonly int _mask;

    internal CandleHistory(Cursor cursor, Candle[] candles, int mask)
    {
        _cursor = cursor;
        _candles = candles;
        _mask = mask;
    }

    /// <summary>Candles seen so far.</summary>
    public int Count => _cursor.Index + 1;

    /// <summary>The candle <paramref name="barsAgo"/> candles ago (0 = this one).</summary>
    /// <exception cref="System.ArgumentOutOfRangeException">barsAgo is negative, above <see cref="Series.MaxBarsAgo"/>, or older than the first candle.</exception>
    public Candle this[int barsAgo]
    {
        get
        {
            if ((uint)barsAgo > Series.MaxBarsAgo) throw Series.BarsAgoOutOfRange(barsAgo);
            int i = _cursor.Index - barsAgo;
            if (i < 0) throw new System.ArgumentOutOfRangeException(nameof(barsAgo), barsAgo, $"only {Count} candle(s) seen so far; check Candles.Count first.");
            return _candles[i & _mask];
        }
    }
}
