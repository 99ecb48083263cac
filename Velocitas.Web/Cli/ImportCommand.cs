using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Velocitas.Data;
using Velocitas.Data.Import;
using Velocitas.Data.Storage;

namespace Velocitas.Web.Cli;

/// <summary><c>import --data file.csv [--name n] [--symbol BTCUSDT] [--json]</c>: stores a file as a dataset.</summary>
internal sealed class ImportCommand : CliVerb
{
    private readonly Option<string> _data;
    private readonly Option<string> _name;
    private readonly Option<string> _symbol;
    private readonly Option<bool> _json;

    public ImportCommand() : base("import", "Import a CSV file of candles as a dataset and print what the importer did.")
    {
        _data = Add(CliOptions.DataFile());
        _name = Add(new Option<string>("--name") { Description = "The dataset's name (default: the file name)." });
        _symbol = Add(new Option<string>("--symbol") { Description = "The coin's symbol (default: from the file or its name)." });
        _json = Add(CliOptions.Json("the import report"));
    }

    public override async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken ct)
    {
        string path = parse.GetValue(_data)!;
        if (!File.Exists(path)) throw new CliInputException($"{path}: file not found.");
        var parsed = await context.Progress.RunAsync($"Reading {Path.GetFileName(path)}", p => CandleFileParser.Parse(path, path, p, ct));
        await using var services = await context.OpenServicesAsync();
        var store = services.GetRequiredService<DatasetStore>();
        string name = parse.GetValue(_name) ?? Path.GetFileNameWithoutExtension(path);
        var imported = await context.Progress.RunAsync($"Storing {parsed.Candles.Length:N0} candles",
            p => store.ImportAsync(parsed, name, parse.GetValue(_symbol), "cli", Path.GetFileName(path), p, ct));
        var report = imported.Report;

        await WriteReportAsync(context, imported.Dataset, report, parse.GetValue(_json), $"Imported {path}");
        return 0;
    }

    /// <summary>Prints an import report: one JSON object (<c>--json</c>) or lines for people. Shared with download and update.</summary>
    internal static async Task WriteReportAsync(CliContext context, DatasetSummary dataset, ImportReport report, bool json, string headline)
    {
        if (json)
        {
            var body = new ImportJson(report.Format.ToName(), report.Timeframe?.Code, report.RowsRead, report.RowsImported, report.DuplicatesDropped,
                report.RowsRejected.Select(r => new RejectedJson(r.Line, r.Reason)).ToList(), report.RejectedCount,
                report.Gaps.Select(g => new GapJson(g.From, g.To, g.Missing)).ToList(), report.First, report.Last, dataset.Id,
                dataset.Symbol, dataset.Name, report.Notes, report.Outliers, dataset.Exchange, dataset.Incomplete);
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(body, VelocitasJson.Options));
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        var o = context.Out;
        await o.WriteLineAsync($"{headline} as dataset #{dataset.Id} \"{dataset.Name}\" ({dataset.Symbol}, {report.Timeframe?.Code ?? "?"}).");
        await o.WriteLineAsync($"Format: {report.Format.Describe()}");
        await o.WriteLineAsync(string.Create(inv, $"Rows read {report.RowsRead:N0}, imported {report.RowsImported:N0}, duplicates dropped {report.DuplicatesDropped:N0}, rejected {report.RejectedCount:N0}, gaps {report.Gaps.Count:N0}."));
        await o.WriteLineAsync($"Range: {report.First:yyyy-MM-dd HH:mm} → {report.Last:yyyy-MM-dd HH:mm} UTC");
        foreach (var r in report.RowsRejected.Take(20)) await o.WriteLineAsync($"  line {r.Line}: {r.Reason}");
        foreach (var g in report.Gaps.Take(20)) await o.WriteLineAsync($"  gap: {g.From:yyyy-MM-dd HH:mm} → {g.To:yyyy-MM-dd HH:mm} ({g.Missing} candle(s) missing)");
        foreach (var x in report.Outliers.Take(20)) await o.WriteLineAsync($"  outlier: {x.Time:yyyy-MM-dd HH:mm} {x.Reason}");
        foreach (string note in report.Notes) await o.WriteLineAsync($"Note: {note}");
    }

    private sealed record ImportJson(string Format, string? Timeframe, long RowsRead, long RowsImported, long DuplicatesDropped,
        IReadOnlyList<RejectedJson> RowsRejected, long RejectedCount, IReadOnlyList<GapJson> Gaps, DateTimeOffset? First, DateTimeOffset? Last,
        int DatasetId, string Symbol, string Name, IReadOnlyList<string> Notes, IReadOnlyList<Velocitas.Data.Import.CandleOutlier> Outliers, string? Exchange, bool Incomplete);

    private sealed record RejectedJson(long Line, string Reason);

    private sealed record GapJson(DateTimeOffset From, DateTimeOffset To, long Missing);
}
