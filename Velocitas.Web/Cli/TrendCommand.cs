using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Velocitas.Data;
using Velocitas.Data.Storage;
using Velocitas.Engine.Market;
using Velocitas.Engine.Trend;
using Velocitas.Web.Services;

namespace Velocitas.Web.Cli;

/// <summary><c>trend --data a.csv [--data b.csv]... [--json]</c>: the regime of each coin, its evidence and suggested strategies.</summary>
internal sealed class TrendCommand : CliVerb
{
    private readonly Option<string[]> _data;
    private readonly Option<string[]> _symbol;
    private readonly Option<bool> _json;

    public TrendCommand() : base("trend", "Classify each coin's market (uptrend, downtrend, range, volatile) with its evidence and suggested strategies.")
    {
        _data = Add(CliOptions.DataFiles());
        _symbol = Add(new Option<string[]>("--symbol") { Description = "The symbol of each file, in the same order (default: from each file or its name).", Arity = ArgumentArity.ZeroOrMore });
        _json = Add(CliOptions.Json("every coin's analysis"));
    }

    public override async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken ct)
    {
        var files = parse.GetValue(_data) ?? [];
        var symbols = parse.GetValue(_symbol) ?? [];
        if (symbols.Length > 0 && symbols.Length != files.Length) throw new CliUsageException($"trend: give one --symbol per --data ({files.Length}), or none.");

        // read every file, then analyse them in parallel: the first half of the bar reads, the second analyses
        var (inputs, analyses) = await context.Progress.RunAsync($"Analysing {files.Length} file(s)", progress =>
        {
            var read = files.Select((file, i) =>
            {
                var parsed = CandleInput.ReadStrict(file, CliProgress.Part(progress, i, 2 * files.Length), ct);
                string symbol = symbols.Length > 0 ? symbols[i].ToUpperInvariant()
                    : (parsed.Report.Symbol ?? DatasetStore.SymbolFromFileName(file) ?? Path.GetFileNameWithoutExtension(file)).ToUpperInvariant();
                return (File: file, Symbol: symbol, parsed.Candles, Timeframe: parsed.Report.Timeframe ?? Timeframe.Infer(parsed.Candles) ?? Timeframe.OneDay);
            }).ToList();
            var done = new TrendAnalysis[read.Count];
            int finished = 0;
            Parallel.For(0, read.Count, new ParallelOptions { CancellationToken = ct }, i =>
            {
                done[i] = TrendAnalyzer.Analyze(read[i].Candles, read[i].Symbol, read[i].Timeframe, execution: TrendService.DefaultExecution);
                progress.Report(0.5 + 0.5 * Interlocked.Increment(ref finished) / read.Count);
            });
            return (read, done);
        });
        var reports = analyses.Select((a, i) => TrendReport.From(a, fileName: Path.GetFileName(inputs[i].File))).ToList();

        if (parse.GetValue(_json))
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
