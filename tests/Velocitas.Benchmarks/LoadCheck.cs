using System.Diagnostics;
using Velocitas.Data;
using Velocitas.Data.Storage;

namespace Velocitas.Benchmarks;

/// <summary>How long a fresh process takes to load a big dataset as blocks (first and second load): <c>-- quick-load folder id</c>.</summary>
public static class LoadCheck
{
    public static async Task RunAsync(string folder, int id)
    {
        var factory = new VelocitasDbContextFactory(new DatabaseOptions(), folder);
        var files = new CandleFiles(Path.Combine(folder, "candles"));
        var store = new DatasetStore(factory, TimeProvider.System, files);
        for (int i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            var stamp = await store.StampAsync(id);
            var stampTime = sw.Elapsed;
            var series = files.TryReadCompact(id, stamp!.Value);
            Console.WriteLine($"load {i + 1}: stamp {stampTime.TotalMilliseconds:F0} ms, blocks {(sw.Elapsed - stampTime).TotalMilliseconds:F0} ms, {series?.Count:N0} candles");
        }
    }
}
