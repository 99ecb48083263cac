using Velocitas.Engine.Market;

namespace Velocitas.Data.Import;

/// <summary>
/// What <see cref="PlainCsvReader"/> read: one candle for every data row of the file, in file order, with the row's line
/// and the precision of its timestamp (which of two rows for the same time is kept).
/// </summary>
/// <param name="Candles">The rows' candles, exactly one per row.</param>
/// <param name="Lines">Each row's 1-based line in the file (at least as long as <paramref name="Candles"/>).</param>
/// <param name="Precisions">Each row's timestamp precision (at least as long as <paramref name="Candles"/>).</param>
/// <param name="Ascending">Every row is strictly after the one before it: nothing to sort or drop.</param>
internal sealed record PlainRows(Candle[] Candles, int[] Lines, byte[] Precisions, bool Ascending)
{
    /// <summary>Appends every row to <paramref name="rows"/>, in file order.</summary>
    public void AddTo(List<CandleFileParser.Row> rows)
    {
        if (rows.Capacity < rows.Count + Candles.Length) rows.Capacity = rows.Count + Candles.Length;
        for (int i = 0; i < Candles.Length; i++) rows.Add(new CandleFileParser.Row(Candles[i], Lines[i], Precisions[i]));
    }
}
