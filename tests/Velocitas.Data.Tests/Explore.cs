using Velocitas.Data.Import;
namespace Velocitas.Data.Tests;
public class Explore
{
    [Theory]
    [InlineData("real/BTCUSDT-1m-2021-05.csv")]
    [InlineData("real/Binance_BTCUSDT_1h.csv")]
    [InlineData("real/Binance_BTCUSDT_d.csv")]
    [InlineData("reference/GOOG.csv")]
    [InlineData("reference/EURUSD.csv")]
    [InlineData("reference/BTCUSD.csv")]
    [InlineData("reference/skender-bitcoin.csv")]
    [InlineData("reference/skender-default-quotes.csv")]
    public void Dump(string f)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var p = CandleFileParser.Parse(f.StartsWith("real") ? SharedData.Real(f[5..]) : SharedData.Reference(f[10..]));
        var r = p.Report;
        File.AppendAllText("/tmp/explore.txt", $"{f}: {sw.ElapsedMilliseconds}ms {r.Format} tf={r.Timeframe} read={r.RowsRead} imp={r.RowsImported} dup={r.DuplicatesDropped} conf={r.ConflictingDuplicates} rej={r.RejectedCount} gaps={r.Gaps.Count} {r.First:O} {r.Last:O} sym={r.Symbol}\n  rej: {string.Join(" | ", r.RowsRejected.Take(3))}\n  gaps: {string.Join(" | ", r.Gaps.Take(10))}\n  notes: {string.Join(" | ", r.Notes)}\n");
    }
}
