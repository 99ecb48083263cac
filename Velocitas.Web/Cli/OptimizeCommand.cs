using System.CommandLine;
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
internal sealed class OptimizeCommand : CliVerb
{
    private readonly Option<string[]> _data;
    private readonly Option<string[]> _strategy;
    private readonly Option<string[]> _strategyFile;
    private readonly Option<string[]> _range;
    private readonly Option<string> _objective;
    private readonly Option<int> _minTrades;
    private readonly Option<double> _oos;
    private readonly Option<int> _walkForward;
    private readonly Option<int> _random;
    private readonly Option<int> _seed;
    private readonly ExecutionOptions _execution = new();
    private readonly Option<bool> _json;
    private readonly Option<bool> _save;
    private readonly Option<string> _name;

    public OptimizeCommand() : base("optimize", "Search strategies' parameters over one or more files, rank the combinations and recommend; guard against overfitting with --oos or --walk-forward.")
    {
        _data = Add(CliOptions.DataFiles());
        _strategy = Add(new Option<string[]>("--strategy")
        {
            Description = $"One or more strategies to optimise (repeat --strategy), of {CliOptions.StrategyIds}.",
            HelpName = "id",
            Arity = ArgumentArity.OneOrMore,
        });
        _strategyFile = Add(StrategyFile.Option());
        _range = Add(new Option<string[]>("--range")
        {
            Description = "A parameter's values: name=min:max:step or name=a,b,c; prefix with the strategy (rsi.period=7:21:7) to target one. Parameters without a range sweep their whole range.",
            HelpName = "name=range",
            Arity = ArgumentArity.ZeroOrMore,
        });
        _objective = Add(new Option<string>("--objective")
        {
            Description = $"What to rank by: {string.Join(", ", Enum.GetValues<Objective>().Select(o => o.ToString().ToLowerInvariant()))}.",
            DefaultValueFactory = _ => OptimizationDefaults.Objective.ToString().ToLowerInvariant(),
        });
        _minTrades = Add(CliOptions.Int("--min-trades", "Combinations with fewer trades are not ranked.", OptimizationDefaults.MinTrades));
        _oos = Add(CliOptions.Double("--oos", "Hold out the last fraction of each file for out-of-sample testing (0.3 = 30 %; 0 = none).", 0));
        _walkForward = Add(CliOptions.Int("--walk-forward", "Walk-forward windows: choose on one segment, test on the next (0 = none).", 0));
        _random = Add(CliOptions.Int("--random", "Random search: at most this many combinations per coin and strategy (0 = the whole grid).", 0));
        _seed = Add(CliOptions.Int("--seed", "Seed of the random search.", OptimizationDefaults.Seed));
        _execution.AddTo(Command);
        _json = Add(CliOptions.Json("every combination, the ranking and the recommendations"));
        _save = Add(new Option<bool>("--save") { Description = "Also save the optimisation in History." });
        _name = Add(new Option<string>("--name") { Description = "The saved optimisation's name.", DefaultValueFactory = _ => "CLI optimization" });
    }

    public override async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken ct)
    {
        var (definitions, fileNames) = ReadStrategies(parse);
        var ranges = ReadRanges(parse, definitions);
        var objective = ReadObjective(parse);
        var data = await ReadDataAsync(parse.GetValue(_data) ?? [], context, ct);
        var request = new OptimizationRequest
        {
            Data = data,
            Strategies = definitions.Select(d => new StrategySearch(d, ranges[d.Id])).ToList(),
            Settings = _execution.Read(parse),
            Objective = objective,
            MinTrades = parse.GetValue(_minTrades),
            OutOfSampleFraction = parse.GetValue(_oos),
            WalkForwardWindows = parse.GetValue(_walkForward),
            RandomBudget = parse.GetValue(_random),
            Seed = parse.GetValue(_seed),
        };
        var problems = request.Problems();
        if (problems.Count > 0) throw new CliInputException(string.Join(" ", problems));
        var result = await OptimizeAsync(request, fileNames, context, ct);
        int? savedId = parse.GetValue(_save) ? await SaveAsync(parse.GetValue(_name)!, request, result, context) : null;
        if (parse.GetValue(_json)) await WriteJsonAsync(result, objective, savedId, context);
        else await WriteTableAsync(result, request, savedId, context);
        return await Finish(result, savedId, context);
    }

    /// <summary>The chosen strategies (files first, then catalogue ids) and the file name of each strategy read from a file.</summary>
    private (List<StrategyDefinition> Definitions, Dictionary<string, string> FileNames) ReadStrategies(ParseResult parse)
    {
        var strategyIds = parse.GetValue(_strategy) ?? [];
        var strategyFiles = parse.GetValue(_strategyFile) ?? [];
        if (strategyIds.Length == 0 && strategyFiles.Length == 0)
            throw new CliUsageException("optimize: --strategy is required: one or more strategies to optimise (or --strategy-file file.cs).");
        var definitions = new List<StrategyDefinition>();
        var fileNames = new Dictionary<string, string>();
        foreach (string file in strategyFiles)
        {
            var d = StrategyFile.Load(file);
            definitions.Add(d);
            fileNames[d.Id] = Path.GetFileName(file);
        }
        foreach (string id in strategyIds)
        {
            if (!StrategyCatalog.TryGet(id, out var d)) throw new CliInputException($"unknown strategy '{id}'; available: {CliOptions.StrategyIds}.");
            definitions.Add(d);
        }
        return (definitions, fileNames);
    }

    /// <summary>
    /// Each strategy's ranges: those given with --range, and for every other parameter its suggested range around the
    /// default (as the Optimization page pre-fills).
    /// </summary>
    private Dictionary<string, Dictionary<string, ParameterRange>> ReadRanges(ParseResult parse, List<StrategyDefinition> definitions)
    {
        var ranges = definitions.ToDictionary(d => d.Id, _ => new Dictionary<string, ParameterRange>(StringComparer.OrdinalIgnoreCase));
        foreach (string raw in parse.GetValue(_range) ?? []) ApplyRange(raw, definitions, ranges);
        foreach (var d in definitions)
            foreach (var spec in d.Parameters.Where(p => !ranges[d.Id].ContainsKey(p.Name)))
                ranges[d.Id][spec.Name] = SuggestedRange.For(spec);
        return ranges;
    }

    /// <summary>One --range: name=values, or strategy.name=values for one strategy; an error when no chosen strategy has the parameter.</summary>
    private static void ApplyRange(string raw, List<StrategyDefinition> definitions, Dictionary<string, Dictionary<string, ParameterRange>> ranges)
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

    private Objective ReadObjective(ParseResult parse)
    {
        var objectiveText = parse.GetValue(_objective)!;
        if (!Objectives.TryParse(objectiveText, out var objective))
            throw new CliInputException($"--objective: '{objectiveText}' is not one of {string.Join(", ", Enum.GetValues<Objective>().Select(o => o.ToString().ToLowerInvariant()))}.");
        return objective;
    }

    /// <summary>Reads every file strictly (with progress), naming each by its file and its symbol.</summary>
    private static Task<List<OptimizationData>> ReadDataAsync(string[] files, CliContext context, CancellationToken ct) =>
        context.Progress.RunAsync($"Reading {files.Length} file(s)", progress => files.Select((file, i) =>
        {
            var parsed = CandleInput.ReadStrict(file, CliProgress.Part(progress, i, files.Length), ct);
            string symbol = parsed.Report.Symbol ?? DatasetStore.SymbolFromFileName(file) ?? Path.GetFileNameWithoutExtension(file);
            return new OptimizationData(Path.GetFileName(file), symbol.ToUpperInvariant(), parsed.Candles, parsed.Report.Timeframe ?? Timeframe.OneDay);
        }).ToList());

    /// <summary>Runs the optimisation with progress; Ctrl+C stops handing out combinations and what finished is ranked as usual.</summary>
    private static async Task<OptimizationResult> OptimizeAsync(OptimizationRequest request, Dictionary<string, string> fileNames, CliContext context, CancellationToken ct)
    {
        try
        {
            return await context.Progress.RunAsync("Optimising", progress => StrategyFile.Guard(fileNames, () =>
                Optimizer.Run(request, CliProgress.Map<OptimizationProgress>(progress, p => p.Fraction), ct)));
        }
        catch (ArgumentException ex)
        {
            throw new CliInputException(ex.Message);
        }
    }

    /// <summary>Saves the run in History; returns its id.</summary>
    private static async Task<int> SaveAsync(string name, OptimizationRequest request, OptimizationResult result, CliContext context)
    {
        await using var services = await context.OpenServicesAsync();
        var record = OptimizationSettingsRecord.Of(request);
        return (await services.GetRequiredService<OptimizationStore>().SaveAsync(name, record, result)).Summary.Id;
    }

    /// <summary>The --json contract: every combination, the ranking, the bests, walk-forward processes and recommendations.</summary>
    private static async Task WriteJsonAsync(OptimizationResult result, Objective objective, int? savedId, CliContext context)
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
    }

    /// <summary>The readable summary: throughput, how it was ranked, the top 20 and the recommendations.</summary>
    private static async Task WriteTableAsync(OptimizationResult result, OptimizationRequest request, int? savedId, CliContext context)
    {
        var inv = CultureInfo.InvariantCulture;
        var o = context.Out;
        await o.WriteLineAsync(string.Create(inv, $"{result.Combinations.Count:N0} combinations on {request.Data.Count} dataset(s) in {result.Elapsed.TotalSeconds:0.00} s ({result.CandleEvaluations / Math.Max(0.001, result.Elapsed.TotalSeconds) / 1e6:0.0} M candle evaluations/s, {result.IndicatorSeries} indicator series shared)."));
        await o.WriteLineAsync($"Ranked by {request.Objective.Label()} among runs with at least {request.MinTrades} trades{(request.WalkForwardWindows > 0 ? $"; walk-forward with {request.WalkForwardWindows} windows" : request.OutOfSampleFraction > 0 ? $"; last {request.OutOfSampleFraction:P0} held out" : "")}.");
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
    }

    /// <summary>0, or 130 with one line on standard error when Ctrl+C stopped the run early.</summary>
    private static async Task<int> Finish(OptimizationResult result, int? savedId, CliContext context)
    {
        if (!result.Cancelled) return 0;
        await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"cancelled: {result.Combinations.Count:N0} of {result.Total:N0} combinations finished; they are ranked above{(savedId is null ? "" : " and saved")}."));
        return 130;
    }
}
