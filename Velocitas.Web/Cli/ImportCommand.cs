using System.Globalization;
using System.Text.Json;
using Velocitas.Data;
using Velocitas.Data.Import;
using Velocitas.Data.Storage;

namespace Velocitas.Web.Cli;

/// <summary><c>import --data file.csv [--name n] [--symbol BTCUSDT] [--json]</c>: stores a file as a dataset.</summary>
internal static class ImportCommand
{
    public static async Task<int> RunAsync(string[] argv, CliContext context)
    {
        var args = CliArguments.Parse("import", argv, ["data", "name", "symbol"], ["json"]);
        string path = args.Required("data", "a CSV file of candles");
        if (!File.Exists(path)) throw new CliInputException($"{path}: file not found.");
        var parsed = CandleFileParser.Parse(path, path);
        await using var services = await context.OpenServicesAsync();
        var store = services.GetRequiredService<DatasetStore>();
        string name = args.Optional("name") ?? Path.GetFileNameWithoutExtension(path);
        var imported = await store.ImportAsync(parsed, name, args.Optional("symbol"), "cli", Path.GetFileName(path));
        var report = imported.Report;

        if (args.Flag("json"))
        {
            var json = new ImportJson(report.Format.ToName(), report.Timeframe?.Code, report.RowsRead, report.RowsImported, report.DuplicatesDropped,
                report.RowsRejected.Select(r => new RejectedJson(r.Line, r.Reason)).ToList(), report.RejectedCount,
                report.Gaps.Select(g => new GapJson(g.From, g.To, g.Missing)).ToList(), report.First, report.Last, imported.Dataset.Id,
                imported.Dataset.Symbol, imported.Dataset.Name, report.Notes, report.Outliers);
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(json, VelocitasJson.Options));
            return 0;
        }

        var inv = CultureInfo.InvariantCulture;
        var o = context.Out;
        await o.WriteLineAsync($"Imported {path} as dataset #{imported.Dataset.Id} \"{imported.Dataset.Name}\" ({imported.Dataset.Symbol}, {report.Timeframe?.Code ?? "?"}).");
        await o.WriteLineAsync($"Format: {report.Format.Describe()}");
        await o.WriteLineAsync(string.Create(inv, $"Rows read {report.RowsRead:N0}, imported {report.RowsImported:N0}, duplicates dropped {report.DuplicatesDropped:N0}, rejected {report.RejectedCount:N0}, gaps {report.Gaps.Count:N0}."));
        await o.WriteLineAsync($"Range: {report.First:yyyy-MM-dd HH:mm} → {report.Last:yyyy-MM-dd HH:mm} UTC");
        foreach (var r in report.RowsRejected.Take(20)) await o.WriteLineAsync($"  line {r.Line}: {r.Reason}");
        foreach (var g in report.Gaps.Take(20)) await o.WriteLineAsync($"  gap: {g.From:yyyy-MM-dd HH:mm} → {g.To:yyyy-MM-dd HH:mm} ({g.Missing} candle(s) missing)");
        foreach (var x in report.Outliers.Take(20)) await o.WriteLineAsync($"  outlier: {x.Time:yyyy-MM-dd HH:mm} {x.Reason}");
        foreach (string note in report.Notes) await o.WriteLineAsync($"Note: {note}");
        return 0;
    }

    private sealed record ImportJson(string Format, string? Timeframe, long RowsRead, long RowsImported, long DuplicatesDropped,
        IReadOnlyList<RejectedJson> RowsRejected, long RejectedCount, IReadOnlyList<GapJson> Gaps, DateTimeOffset? First, DateTimeOffset? Last,
        int DatasetId, string Symbol, string Name, IReadOnlyList<string> Notes, IReadOnlyList<Velocitas.Data.Import.CandleOutlier> Outliers);

    private sealed record RejectedJson(long Line, string Reason);

    private sealed record GapJson(DateTimeOffset From, DateTimeOffset To, long Missing);
}
