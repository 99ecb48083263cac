using System.Globalization;
using System.Text.Json;
using Velocitas.Data;
using Velocitas.Data.Storage;
using Velocitas.Engine.Market;
using Velocitas.Engine.Optimization;
using Velocitas.Engine.Strategies;

namespace Velocitas.Web.Cli;

/// <summary>
/// <c>optimize --data a.csv [--data b.csv]... --strategy id [--strategy id]... [--range name=min:max:step | name=a,b,c]...
/// [--objective sharpe] [--min-trades 5] [--oos 0.3] [--walk-forward n] [--random n] [--seed s] [--json] [--save]</c>.
/// A range applies to every chosen strategy with that parameter; prefix it with the strategy id to target one
/// (<c>--range rsi.period=7:21:7</c>). Parameters without a range sweep their suggested range around the default (<see cref="SuggestedRange"/>).
/// </summary>
internal static class OptimizeCommand
{
    private static readonly string[] Options = ["data", "strategy", "range", "objective", "min-trades", "oos", "walk-forward", "random", "seed", "cash", "fee", "slippage-bps", "lot-step", "stop-loss-pct", "take-profit-pct", "trailing-stop-pct", "name"];
    private static readonly string[] Flags = ["json", "save"];

    public static async Task<int> RunAsync(string[] argv, CliContext context)
    {
        var args = CliArguments.Parse("optimize", argv, Options, Flags);
        var files = args.All("data");
        if (files.Count == 0) throw new CliUsageException("optimize: --data is required (one or more CSV files of candles).");
        var strategyIds = args.All("strategy");
        if (strategyIds.Count == 0) throw new CliUsageException($"optimize: --strategy is required (one or more of {string.Join(", ", StrategyCatalog.All.Select(s => s.Id))}).");
        var definitions = new List<StrategyDefinition>();
        foreach (string id in strategyIds)
        {
            if (!StrategyCatalog.TryGet(id, out var d)) throw new CliInputException($"unknown strategy '{id}'; available: {string.Join(", ", StrategyCatalog.All.Select(s => s.Id))}.");
            definitions.Add(d);
        }

        var ranges = definitions.ToDictionary(d => d.Id, _ => new Dictionary<string, ParameterRange>(StringComparer.OrdinalIgnoreCase));
        foreach (string raw in args.All("range"))
        {
            int eq = raw.IndexOf('=');
            if (eq <= 0) throw new CliUsageException($"optimize: --range expects name=min:max:step or name=a,b,c, got '{raw}'.");
            string name = raw[..eq].Trim(), value = raw[(eq + 1)..];
            string? only = null;
            int dot = name.IndexOf('.');
            if (dot > 0) (only, name) = (name[..dot], name[(dot + 1)..]);
            bool used = false;
            foreach (var d in definitions.Where(d => only is null || d.Id.Equals(only, StringComparison.OrdinalIgnoreCase)))
            {
                if (!d.Parameters.Any(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))) continue;
                try
                {
                    ranges[d.Id][name] = ParameterRange.Parse(value, $"{d.Id}.{name}");
                }
                catch (Exception ex) when (ex is FormatException or ArgumentException)
                {
                    throw new CliInputException(ex.Message);
                }
                used = true;
            }
            if (!used) throw new CliInputException($"--range {raw}: none of {string.Join(", ", definitions.Select(d => d.Id))} has a parameter '{name}'.");
        }
        // parameters without a range sweep the suggested range around their default (as the Optimization page pre-fills)
        foreach (var d in definitions)
            foreach (var spec in d.Parameters.Where(p => !ranges[d.Id].ContainsKey(p.Name)))
                ranges[d.Id][spec.Name] = SuggestedRange.For(spec);

        var data = new List<OptimizationData>();
        foreach (string file in files)
        {
            var parsed = CandleInput.ReadStrict(file);
            string symbol = parsed.Report.Symbol ?? DatasetStore.SymbolFromFileName(file) ?? Path.GetFileNameWithoutExtension(file);
            data.Add(new OptimizationData(Path.GetFileName(file), symbol.ToUpperInvariant(), parsed.Candles, parsed.Report.Timeframe ?? Timeframe.OneDay));
        }
        var objectiveText = args.Optional("objective") ?? "sharpe";
        if (!Objectives.TryParse(objectiveText, out var objective))
            throw new CliInputException($"--objective: '{objectiveText}' is not one of {string.Join(", ", Enum.GetValues<Objective>().Select(o => o.ToString().ToLowerInvariant()))}.");
        var request = new OptimizationRequest
        {
            Data = data,
            Strategies = definitions.Select(d => new StrategySearch(d, ranges[d.Id])).ToList(),
            Settings = BacktestCommand.Settings(args),
            Objective = objective,
            MinTrades = args.Int("min-trades") ?? 5,
            OutOfSampleFraction = args.Double("oos") ?? 0,
            WalkForwardWindows = args.Int("walk-forward") ?? 0,
            RandomBudget = args.Int("random") ?? 0,
            Seed = args.Int("seed") ?? 42,
        };
        var problems = request.Problems();
        if (problems.Count > 0) throw new CliInputException(string.Join(" ", problems));
        OptimizationResult result;
        try
        {
            result = Optimizer.Run(request);
        }
        catch (ArgumentException ex)
        {
            throw new CliInputException(ex.Message);
        }

        int? savedId = null;
        if (args.Flag("save"))
        {
            await using var services = await context.OpenServicesAsync();
            var record = new OptimizationSettingsRecord(data.Select(d => d.Name).ToList(), data.Select(_ => (int?)null).ToList(), data.Select(d => d.Symbol).ToList(),
                definitions.Select(d => new StrategyRangeRecord(d.Id, ranges[d.Id].ToDictionary(r => r.Key, r => r.Value.ToString()))).ToList(),
                request.Settings, objective.ToString().ToLowerInvariant(), request.MinTrades, request.OutOfSampleFraction, request.WalkForwardWindows, request.RandomBudget, request.Seed);
            savedId = (await services.GetRequiredService<OptimizationStore>().SaveAsync(args.Optional("name") ?? "CLI optimization", record, result)).Summary.Id;
        }

        if (args.Flag("json"))
        {
            var (combinations, walkForward, recommendations) = OptimizationRecords.From(result);
            var json = new
            {
                objective = objective.ToString().ToLowerInvariant(),
                total = result.Total,
                completed = result.Combinations.Count,
                elapsedMs = Math.Round(result.Elapsed.TotalMilliseconds),
                candleEvaluations = result.CandleEvaluations,
                indicatorSeries = result.IndicatorSeries,
                combinations = combinations.Select(c => new
                {
                    c.Index, dataset = c.Dataset, symbol = c.Symbol, strategy = c.StrategyId, parameters = c.Parameters, metrics = c.InSample,
                    outOfSample = c.OutOfSample, walkForward = c.Windows, objective = c.Objective, outOfSampleObjective = c.OutOfSampleObjective, rank = c.Rank,
                }),
                ranking = result.Ranked.Select(c => c.Index),
                best = result.Best?.Index,
                bestPerCoin = result.BestPerCoin.ToDictionary(c => c.Symbol, c => c.Index),
                bestPerStrategy = result.BestPerStrategy.ToDictionary(c => c.StrategyId, c => c.Index),
                walkForwardProcesses = walkForward,
                recommendations = recommendations.Select(r => new { r.Kind, r.Symbol, strategy = r.StrategyId, r.Parameters, r.Text }),
                savedId,
            };
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(json, VelocitasJson.Options));
            return 0;
        }

        var inv = CultureInfo.InvariantCulture;
        var o = context.Out;
        await o.WriteLineAsync(string.Create(inv, $"{result.Combinations.Count:N0} combinations on {data.Count} dataset(s) in {result.Elapsed.TotalSeconds:0.00} s ({result.CandleEvaluations / Math.Max(0.001, result.Elapsed.TotalSeconds) / 1e6:0.0} M candle evaluations/s, {result.IndicatorSeries} indicator series shared)."));
        await o.WriteLineAsync($"Ranked by {objective.Label()} among runs with at least {request.MinTrades} trades{(request.WalkForwardWindows > 0 ? $"; walk-forward with {request.WalkForwardWindows} windows" : request.OutOfSampleFraction > 0 ? $"; last {request.OutOfSampleFraction:P0} held out" : "")}.");
        await o.WriteLineAsync();
        await o.WriteLineAsync($"{"#",4} {"Coin",-10} {"Strategy",-14} {"Parameters",-34} {"Return",9} {"MaxDD",7} {"Sharpe",7} {"Trades",7} {"OOS ret",9} {"OOS obj",8}");
        foreach (var c in result.Ranked.Take(20))
        {
            string oosReturn = c.OutOfSample is { } os ? $"{os.TotalReturnPct:+0.0;-0.0}%" : c.WalkForward is { } wf ? $"{wf.CompoundedReturnPct:+0.0;-0.0}%" : "";
            await o.WriteLineAsync(string.Create(inv, $"{c.Rank,4} {c.Symbol,-10} {c.StrategyId,-14} {c.Parameters.ToString(),-34} {c.InSample.TotalReturnPct,8:+0.0;-0.0}% {c.InSample.MaxDrawdownPct,6:0.0}% {c.InSample.Sharpe ?? double.NaN,7:0.00} {c.InSample.Trades,7} {oosReturn,9} {(c.OutOfSampleObjective is { } x && double.IsFinite(x) ? x.ToString("0.00", inv) : ""),8}"));
        }
        await o.WriteLineAsync();
        foreach (var r in result.Recommendations) await o.WriteLineAsync($"[{r.Kind}] {r.Text}");
        if (savedId is { } saved) await o.WriteLineAsync($"Saved as optimization #{saved} (History page).");
        return 0;
    }
}
