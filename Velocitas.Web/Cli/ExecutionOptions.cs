using System.CommandLine;
using Velocitas.Engine.Execution;

namespace Velocitas.Web.Cli;

/// <summary>
/// The cost and risk options of <c>backtest</c> and <c>optimize</c> (<c>--cash</c>, <c>--fee</c>, <c>--slippage-bps</c>,
/// <c>--lot-step</c>, stops), defaulting to <see cref="TradingDefaults"/> like the pages and the API.
/// </summary>
internal sealed class ExecutionOptions
{
    private readonly Option<decimal> _cash = CliOptions.Decimal("--cash", "Starting cash in quote currency.", TradingDefaults.InitialCash);
    private readonly Option<decimal> _fee = CliOptions.Decimal("--fee", "Fee per side as a fraction of notional (0.001 = 0.1 %).", TradingDefaults.FeeRate);
    private readonly Option<decimal> _slippage = CliOptions.Decimal("--slippage-bps", "Slippage in basis points, against you on every market fill.", TradingDefaults.SlippageBps);
    private readonly Option<decimal> _lotStep = CliOptions.Decimal("--lot-step", "Quantities are rounded down to a multiple of this (1 = whole units).", TradingDefaults.LotStep);
    private readonly Option<decimal?> _stopLoss = CliOptions.OptionalDecimal("--stop-loss-pct", "Stop-loss, % below the entry price.");
    private readonly Option<decimal?> _takeProfit = CliOptions.OptionalDecimal("--take-profit-pct", "Take-profit, % above the entry price.");
    private readonly Option<decimal?> _trailingStop = CliOptions.OptionalDecimal("--trailing-stop-pct", "Trailing stop, % below the highest high since entry.");

    /// <summary>Adds the options to a verb.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _cash, _fee, _slippage, _lotStep, _stopLoss, _takeProfit, _trailingStop }) command.Options.Add(option);
    }

    /// <summary>The settings given (or defaulted); impossible values are bad input naming the option.</summary>
    public ExecutionSettings Read(ParseResult parse)
    {
        var settings = new ExecutionSettings
        {
            InitialCash = parse.GetValue(_cash),
            FeeRate = parse.GetValue(_fee),
            SlippageBps = parse.GetValue(_slippage),
            LotStep = parse.GetValue(_lotStep),
            StopLossPct = parse.GetValue(_stopLoss),
            TakeProfitPct = parse.GetValue(_takeProfit),
            TrailingStopPct = parse.GetValue(_trailingStop),
        };
        var problems = settings.Problems();
        if (problems.Count > 0) throw new CliInputException(string.Join(" ", problems.Select(p => $"--{Kebab(p.Field)}: {p.Message}")));
        return settings;
    }

    private static string Kebab(string field) => field switch
    {
        nameof(ExecutionSettings.InitialCash) => "cash",
        nameof(ExecutionSettings.FeeRate) => "fee",
        nameof(ExecutionSettings.SlippageBps) => "slippage-bps",
        nameof(ExecutionSettings.LotStep) => "lot-step",
        nameof(ExecutionSettings.StopLossPct) => "stop-loss-pct",
        nameof(ExecutionSettings.TakeProfitPct) => "take-profit-pct",
        nameof(ExecutionSettings.TrailingStopPct) => "trailing-stop-pct",
        _ => field.ToLowerInvariant(),
    };
}
