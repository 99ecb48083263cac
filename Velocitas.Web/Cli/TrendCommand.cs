using System.Globalization;
using System.Text.Json;
using Velocitas.Data;
using Velocitas.Data.Storage;
using Velocitas.Engine.Market;
using Velocitas.Engine.Trend;
using Velocitas.Web.Services;

namespace Velocitas.Web.Cli;

/// <summary><c>trend --data a.csv [--data b.csv]... [--json]</c>: the regime of each coin, its evidence and suggested strategies.</summary>
internal static class TrendCommand
{
    private static readonly string[] Options = ["data", "symbol"];
    private static readonly string[] Flags = ["json"];

    public static async Task<int> RunAsync(string[] argv, CliContext context)
    {
        var args = CliArguments.Parse("trend", argv, Options, Flags);
        var files = args.All("data");
        if (files.Count == 0) throw new CliUsageException("trend: --data is required (one or more CSV files of candles).");
        var symbols = args.All("symbol");
        if (symbols.Count > 0 && symbols.Count != files.Count) throw new CliUsageException($"trend: give one --symbol per --data ({files.Count}), or none.");

        var inputs = files.Select((file, i) =>
        {
            var parsed = CandleInput.ReadStrict(file);
            string symbol = symbols.Count > 0 ? symbols[i].ToUpperInvariant()
                : (parsed.Report.Symbol ?? DatasetStore.SymbolFromFileName(file) ?? Path.GetFileNameWithoutExtension(file)).ToUpperInvariant();
            return (File: file, Symbol: symbol, parsed.Candles, Timeframe: parsed.Report.Timeframe ?? Timeframe.Infer(parsed.Candles) ?? Timeframe.OneDay);
        }).ToList();

        var analyses = new TrendAnalysis[inputs.Count];
        Parallel.For(0, inputs.Count, i => analyses[i] = TrendAnalyzer.Analyze(inputs[i].Candles, inputs[i].Symbol, inputs[i].Timeframe, execution: TrendService.DefaultExecution));
        var reports = analyses.Select((a, i) => TrendReport.From(a, fileName: Path.GetFileName(inputs[i].File))).ToList();

        if (args.Flag("json"))
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(new { coins = reports }, VelocitasJson.Options));
            return 0;
        }

        var inv = CultureInfo.InvariantCulture;
        var o = context.Out;
        await o.WriteLineAsync($"{"Coin",-10} {"Regime",-10} {"Conf.",6} {"For",9} {"RSI",6} {"Vol/yr",8} {"Pctl",5} {"ADX",6}  Suggested");
        foreach (var r in reports)
        {
            await o.WriteLineAsync(string.Create(inv,
                $"{r.Symbol,-10} {(r.Regime is { } g ? StrategyAdvisor.Label(g) : "n/a"),-10} {r.Confidence,5:0}% {r.CurrentCandles,9:N0} {r.Rsi,6:0.0} {r.VolatilityPct,7:0}% {r.VolatilityPercentile,5:0} {r.Adx,6:0.0}  {r.SuggestedStrategy ?? "-"} ({r.SuggestedAction ?? "-"})"));
        }
        foreach (var (r, a) in reports.Zip(analyses))
        {
            await o.WriteLineAsync();
            await o.WriteLineAsync($"{r.Symbol} ({r.Dataset}, {r.Candles:N0} candles of {r.Timeframe}): {(r.Regime is { } g ? $"{StrategyAdvisor.Label(g)}, {r.Confidence.ToString("0", inv)}% confidence, for {r.CurrentCandles:N0} candle{(r.CurrentCandles == 1 ? "" : "s")}" : "not enough data")}.");
            foreach (var e in a.Evidence) await o.WriteLineAsync($"  {e.Name}: {e.Value} — {e.Meaning}");
            await o.WriteLineAsync($"  {r.Rule}");
            foreach (var s in a.Suggestions.Take(3)) await o.WriteLineAsync($"  [{s.Action}] {s.Text}");
        }
        return 0;
    }
}
