using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Time.Testing;
using Velocitas.Data;
using Velocitas.Data.Import;
using Velocitas.Data.Storage;

namespace Velocitas.Benchmarks;

/// <summary>
/// Import of 1,000,000 rows in data.binance.vision kline format: parse (sniff, CsvHelper, validation, sort/dedupe,
/// gaps) and bulk insert into a fresh SQLite file, one transaction.
/// </summary>
[SimpleJob(warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class ImportBenchmarks
{
    private string _folder = "";
    private string _csv = "";
    private string _dbFolder = "";
    private DatasetStore _store = default!;
    private ParsedCandleFile _parsed = default!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("velocitas-bench-").FullName;
        _csv = Path.Combine(_folder, "BTCUSDT-1m-million.csv");
        WriteKlines(_csv);
        _parsed = CandleFileParser.Parse(_csv);
    }

    [IterationSetup]
    public void FreshDatabase()
    {
        _dbFolder = Path.Combine(_folder, Guid.NewGuid().ToString("N"));
        var factory = new VelocitasDbContextFactory(new DatabaseOptions(), _dbFolder);
        using (var db = factory.CreateDbContext())
        {
            Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.Migrate(db.Database);
        }
        _store = new DatasetStore(factory, new FakeTimeProvider());
    }

    [Benchmark(Description = "Parse 1,000,000 kline rows")]
    public int Parse() => CandleFileParser.Parse(_csv).Candles.Length;

    [Benchmark(Description = "Parse 1,000,000 kline rows, CsvHelper path only")]
    public int ParseGeneral()
    {
        using var stream = File.OpenRead(_csv);
        return CandleFileParser.Parse(stream, "bench.csv", null, fastPath: false, CancellationToken.None).Candles.Length;
    }

    [Benchmark(Description = "Insert 1,000,000 candles into SQLite")]
    public async Task<int> Insert() => (await _store.ImportAsync(_parsed, "bench", "BTCUSDT", "bench", null)).Dataset.Rows;

    [Benchmark(Description = "Import 1,000,000 kline rows (parse + insert)")]
    public async Task<int> ParseAndInsert() => (await _store.ImportAsync(CandleFileParser.Parse(_csv), "bench", "BTCUSDT", "bench", null)).Dataset.Rows;

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Writes the benchmark candles as data.binance.vision klines (no header, 12 columns, ms times).</summary>
    public static void WriteKlines(string path)
    {
        var inv = CultureInfo.InvariantCulture;
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        foreach (var c in BenchmarkData.MillionMinutes)
        {
            long t = c.Time.ToUnixTimeMilliseconds();
            w.Write(t);
            w.Write(',');
            w.Write(c.Open.ToString("0.00000000", inv)); w.Write(',');
            w.Write(c.High.ToString("0.00000000", inv)); w.Write(',');
            w.Write(c.Low.ToString("0.00000000", inv)); w.Write(',');
            w.Write(c.Close.ToString("0.00000000", inv)); w.Write(',');
            w.Write(c.Volume.ToString("0.00000000", inv)); w.Write(',');
            w.Write(t + 59_999); w.Write(",1234567.89012345,1500,12.34000000,567890.12345678,0\n");
        }
    }
}
