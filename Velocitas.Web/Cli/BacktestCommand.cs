using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Velocitas.Data;
using Velocitas.Data.Storage;
using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Strategies;

namespace Velocitas.Web.Cli;

/// <summary><c>backtest --data file.csv (--strategy id | --strategy-file file.cs) [--param name=value]... [cost options] [--json] [--save]</c>.</summary>
internal sealed class BacktestCommand : CliVerb
{
    private readonly Option<string> _data;
    private readonly Option<string> _strategy;
    private readonly Option<string[]> _strategyFile;
    private readonly Option<Dictionary<string, double>> _param;
    private readonly ExecutionOptions _execution = new();
    private readonly Option<string> _symbol;
    private readonly Option<bool> _json;
    private readonly Option<bool> _save;

    public BacktestCommand() : base("backtest", "Backtest one strategy on a CSV file of candles: a readable summary, or one JSON object with --json.")
    {
        _data = Add(CliOptions.DataFile());
        _strategy = Add(new Option<string>("--strategy") { Description = $"The strategy to run, one of {CliOptions.StrategyIds} (or --strategy-file).", HelpName = "id" });
        _strategyFile = Add(StrategyFile.Option());
        _param = Add(CliOptions.Pairs("--param", "A strategy parameter, e.g. --param fast=10 (repeat for each; the others keep their defaults)."));
        _execution.AddTo(Command);
        _symbol = Add(new Option<string>("--symbol") { Description = "The coin's symbol for the summary and History (default: from the file or its name)." });
        _json = Add(CliOptions.Json("the result (metrics, trades, equity curve)"));
        _save = Add(new Option<bool>("--save") { Description = "Also save the backtest in History." });
    }

    public override async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken ct)
    {
        string path = parse.GetValue(_data)!;
        string? strategyId = parse.GetValue(_strategy);
        string[] files = parse.GetValue(_strategyFile) ?? [];
        if (strategyId is null && files.Length == 0)
            throw new CliUsageException("backtest: --strategy is required: the strategy to run (or give --strategy-file file.cs).");
        if (strategyId is not null && files.Length > 0 || files.Length > 1)
            throw new CliUsageException("backtest: give one strategy: --strategy id or --strategy-file file.cs, not both.");
        StrategyDefinition definition;
        if (strategyId is null) definition = StrategyFile.Load(files[0]);
        else if (!StrategyCatalog.TryGet(strategyId, out definition!))
            throw new CliInputException($"unknown strategy '{strategyId}'; available: {CliOptions.StrategyIds}.");
        var fileNames = files.ToDictionary(f => definition.Id, f => Path.GetFileName(f));
        var strategy = StrategyFile.Guard(fileNames, () => definition.Create(parse.GetValue(_param)));
        var settings = _execution.Read(parse);

        var parsed = CandleInput.ReadStrict(path);
        bool json = parse.GetValue(_json), save = parse.GetValue(_save);
        // the summary needs the metrics only (exact without the curve); the JSON and History show the curve
        var result = StrategyFile.Guard(fileNames, () => Backtester.Run(parsed.Candles, strategy, settings, parsed.Report.Timeframe, recordEquity: json || save));
        string symbol = parse.GetValue(_symbol) ?? parsed.Report.Symbol ?? DatasetStore.SymbolFromFileName(path) ?? Path.GetFileNameWithoutExtension(path);

        int? savedId = null;
        if (save)
        {
            await using var services = await context.OpenServicesAsync();
            savedId = await services.GetRequiredService<BacktestStore>().SaveAsync(result, Path.GetFileName(path), null, symbol.ToUpperInvariant(), "cli");
        }

        if (json)
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(BacktestJson.From(result, savedId), VelocitasJson.Options));
        }
        else
        {
            await context.Out.WriteAsync(BacktestSummaryText.Format(result, Path.GetFileName(path), symbol));
            if (savedId is { } id) await context.Out.WriteLineAsync($"Saved as backtest #{id} (open it on the History page).");
        }
        return 0;
    }
}

/// <summary>The JSON object <c>backtest --json</c> prints.</summary>
internal sealed record BacktestJson(
    string Strategy,
    IReadOnlyDictionary<string, double> Parameters,
    int Candles,
    string Timeframe,
    PerformanceMetrics Metrics,
    IReadOnlyList<TradeJson> Trades,
    IReadOnlyList<EquityJson> Equity,
    int? SavedId)
{
    public static BacktestJson From(BacktestResult r, int? savedId = null) => new(
        r.StrategyId,
        r.Parameters.ToDictionary(p => p.Key, p => p.Value),
        r.Candles,
        r.Timeframe.Code,
        r.Metrics,
        r.Trades.Select(TradeJson.From).ToList(),
        r.Equity.Select(e => new EquityJson(e.Time, e.Value)).ToList(),
        savedId);
}

/// <summary>A trade as JSON.</summary>
internal sealed record TradeJson(DateTimeOffset EntryTime, DateTimeOffset ExitTime, decimal Quantity, decimal EntryPrice, decimal ExitPrice,
    decimal Pnl, decimal Fees, decimal ReturnPct, string ExitReason)
{
    public static TradeJson From(Trade t) =>
        new(t.EntryTime, t.ExitTime, t.Quantity, t.EntryPrice, t.ExitPrice, t.Pnl, t.Fees, Math.Round(t.ReturnPct, 10), t.ExitReason.ToName());
}

/// <summary>An equity point as JSON.</summary>
internal sealed record EquityJson(DateTimeOffset Time, decimal Equity);

/// <summary>The readable summary <c>backtest</c> prints without --json.</summary>
internal static class BacktestSummaryText
{
    public static string Format(BacktestResult r, string source, string symbol)
    {
        var m = r.Metrics;
        var inv = CultureInfo.InvariantCulture;
        var w = new StringWriter(inv);
        w.WriteLine($"{r.StrategyId} ({r.Parameters}) on {symbol} — {source}");
        w.WriteLine($"{r.Candles:N0} candles of {r.Timeframe}, {r.First:yyyy-MM-dd HH:mm} → {r.Last:yyyy-MM-dd HH:mm} UTC");
        w.WriteLine();
        Row(w, "Final equity", m.FinalEquity.ToString("N2", inv), "Total return", Pct(m.TotalReturnPct));
        Row(w, "Buy & hold", Pct(m.BuyAndHoldReturnPct), "CAGR", Pct(m.CagrPct));
        Row(w, "Max drawdown", Pct(-m.MaxDrawdownPct), "DD duration", Duration(m.MaxDrawdownDuration));
        Row(w, "Sharpe", Num(m.Sharpe), "Sortino", Num(m.Sortino));
        Row(w, "Calmar", Num(m.Calmar), "SQN", Num(m.Sqn));
        Row(w, "Trades", m.Trades.ToString(inv), "Win rate", m.WinRatePct is { } wr ? $"{wr:0.0}%" : "–");
        Row(w, "Profit factor", Num(m.ProfitFactor), "Expectancy", m.Expectancy is { } e ? e.ToString("N2", inv) : "–");
        Row(w, "Avg trade", Pct(m.AvgTradePct), "Best / worst", $"{Pct(m.BestTradePct)} / {Pct(m.WorstTradePct)}");
        Row(w, "Exposure", $"{m.ExposurePct:0.0}%", "Fees paid", m.FeesPaid.ToString("N2", inv));
        if (r.RejectedOrders > 0) w.WriteLine($"{r.RejectedOrders} buy order(s) could not fill: the cash did not buy one lot (see --lot-step).");
        if (r.Trades.Count > 0)
        {
            w.WriteLine();
            w.WriteLine($"{"Entry (UTC)",-17} {"Exit (UTC)",-17} {"Qty",12} {"Entry",12} {"Exit",12} {"P&L",12} {"Return",8}  Reason");
            foreach (var t in r.Trades.Take(25))
            {
                w.WriteLine($"{t.EntryTime:yyyy-MM-dd HH:mm} {t.ExitTime:yyyy-MM-dd HH:mm} {t.Quantity,12:0.########} {t.EntryPrice,12:0.####} {t.ExitPrice,12:0.####} {t.Pnl,12:N2} {Pct((double)t.ReturnPct),8}  {t.ExitReason.ToName()}");
            }
            if (r.Trades.Count > 25) w.WriteLine($"… {r.Trades.Count - 25} more trade(s); use --json for all of them.");
        }
        return w.ToString();
    }

    private static void Row(StringWriter w, string a, string av, string b, string bv) => w.WriteLine($"{a,-14}{av,16}    {b,-13}{bv,16}");

    private static string Pct(double? v) => v is { } x ? x.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + "%" : "–";

    private static string Num(double? v) => v is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string Duration(TimeSpan d) => d.TotalDays >= 1 ? $"{d.TotalDays:0.#} days" : $"{d.TotalHours:0.#} hours";
}
