using System.Diagnostics;
using Velocitas.Data.Import;

namespace Velocitas.Benchmarks;

/// <summary>How long reading a candle file takes in this process once warm (best of N), as the command line reads it (no outlier search).</summary>
public static class ParseCheck
{
    public static void Run(string path, int runs = 9)
    {
        var best = TimeSpan.MaxValue;
        int candles = 0;
        for (int k = 0; k < runs; k++)
        {
            var sw = Stopwatch.StartNew();
            candles = CandleFileParser.Parse(path, flagOutliers: false).Candles.Length;
            if (sw.Elapsed < best) best = sw.Elapsed;
        }
        Console.WriteLine($"parse {Path.GetFileName(path)}: best {best.TotalMilliseconds:F1} ms for {candles:N0} candles ({best.TotalMilliseconds * 1e6 / candles:F0} ns a candle)");
    }
}
