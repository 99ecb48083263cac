using System.Diagnostics;
using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Indicators;
using Velocitas.Engine.Strategies;

namespace Velocitas.Benchmarks;

/// <summary>A stopwatch sanity check (not a benchmark): prints rough throughput.</summary>
public static class QuickCheck
{
    public static void Run(int runs = 10, string curve = "full")
    {
        var candles = BenchmarkData.MillionMinutes;
        var strategy = SmaCrossoverStrategy.CatalogEntry.Create();
        for (int i = 0; i < runs; i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var settings = new Velocitas.Engine.Execution.ExecutionSettings { LotStep = 0.0001m, FeeRate = 0.001m, SlippageBps = 2 };
            var r = curve switch
            {
                "sampled" => Backtester.RunSampled(candles, strategy, settings),
                "none" => Backtester.Run(candles, strategy, settings, recordEquity: false),
                _ => Backtester.Run(candles, strategy, settings),
            };
            sw.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine($"backtest sma-crossover 1M candles ({curve} curve): {sw.Elapsed.TotalMilliseconds:F0} ms = {candles.Length / sw.Elapsed.TotalSeconds / 1e6:F1} M candles/s (CPU {cpu.TotalMilliseconds:F0} ms), trades {r.Trades.Count}");
        }
        var closes = candles.Select(c => (double)c.Close).ToArray();
        var sma = new Sma(20);
        var sw2 = Stopwatch.StartNew();
        foreach (double c in closes) sma.Update(c);
        Console.WriteLine($"sma20 1M updates: {sw2.Elapsed.TotalMilliseconds:F1} ms");
    }
}

/// <summary>Stopwatch check of the 1M-row import.</summary>
public static class ImportCheck
{
    public static async Task RunAsync()
    {
        var b = new ImportBenchmarks();
        b.Setup();
        for (int i = 0; i < 2; i++)
        {
            b.FreshDatabase();
            var sw = Stopwatch.StartNew();
            int n = b.Parse();
            var parse = sw.Elapsed;
            b.FreshDatabase();
            sw.Restart();
            await b.ParseAndInsert();
            Console.WriteLine($"parse {n:N0} rows: {parse.TotalMilliseconds:F0} ms; parse + insert: {sw.Elapsed.TotalMilliseconds:F0} ms");
        }
        b.Cleanup();
    }
}

/// <summary>Where parse time goes.</summary>
public static class ParseProfile
{
    public static void Run(int runs = 10)
    {
        string folder = Directory.CreateTempSubdirectory("velocitas-prof-").FullName;
        string csv = Path.Combine(folder, "k.csv");
        ImportBenchmarks.WriteKlines(csv);
        for (int pass = 0; pass < 2; pass++)
        {
            foreach (bool track in new[] { false, true })
            {
                var sw = Stopwatch.StartNew();
                using var r = CsvHelper.CsvReader.Create(File.OpenRead(csv), CsvHelper.CsvReaderOptions.Default with { Separator = ',', HasHeader = false, TrackLineNumbers = track }, false);
                long n = 0, sum = 0;
                while (r.Read()) { n++; sum += r.GetSpan(1).Length; if (track) sum += r.LineNumber; }
                Console.WriteLine($"csvhelper read track={track}: {sw.ElapsedMilliseconds} ms ({n})");
            }
            {
                var sw = Stopwatch.StartNew();
                using var r = CsvHelper.CsvReader.Create(File.OpenRead(csv), CsvHelper.CsvReaderOptions.Default with { Separator = ',', HasHeader = false }, false);
                decimal acc = 0;
                while (r.Read())
                {
                    for (int i = 1; i <= 4; i++) { decimal.TryParse(r.GetSpan(i), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out decimal d); acc += d; }
                    long.TryParse(r.GetSpan(0), out long t); acc += t;
                }
                Console.WriteLine($"csvhelper + 4 decimals + long: {sw.ElapsedMilliseconds} ms");
            }
            {
                var sw = Stopwatch.StartNew();
                var p = Velocitas.Data.Import.CandleFileParser.Parse(csv);
                Console.WriteLine($"full parse: {sw.ElapsedMilliseconds} ms ({p.Candles.Length})");
            }
        }
        Directory.Delete(folder, true);
    }
}
