using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;

namespace Velocitas.Data.Storage;

/// <summary>A saved backtest as the History list shows it.</summary>
public sealed record BacktestSummary(
    int Id,
    DateTimeOffset CreatedAt,
    string Origin,
    string StrategyId,
    IReadOnlyDictionary<string, double> Parameters,
    string DatasetName,
    int? DatasetId,
    string Symbol,
    string Timeframe,
    int Candles,
    decimal FinalEquity,
    double TotalReturnPct,
    double MaxDrawdownPct,
    double? Sharpe,
    double? WinRatePct,
    double? ProfitFactor,
    int Trades)
{
    /// <summary>"fast=10, slow=30".</summary>
    public string ParametersText => string.Join(", ", Parameters.Select(p => $"{p.Key}={p.Value:0.####}"));
}

/// <summary>A saved backtest with everything needed to review it.</summary>
public sealed record BacktestDetails(
    BacktestSummary Summary,
    ExecutionSettings Settings,
    PerformanceMetrics Metrics,
    IReadOnlyList<Trade> Trades,
    IReadOnlyList<Equity> Equity,
    DateTimeOffset? First,
    DateTimeOffset? Last)
{
    /// <summary>Coin of each trade (differs per trade in a portfolio).</summary>
    public IReadOnlyList<string> TradeSymbols { get; init; } = [];

    /// <summary>Extra information saved with the run (a portfolio's legs, contributions and correlations, as JSON).</summary>
    public string? Notes { get; init; }

    /// <summary>The strategy's own Plot series and Log lines (empty for the built-ins).</summary>
    public Velocitas.Engine.Strategies.StrategyOutput Output { get; init; } = Velocitas.Engine.Strategies.StrategyOutput.Empty;
}

/// <summary>Which saved backtests to list, and in which order.</summary>
public sealed record BacktestQuery
{
    /// <summary>Only this strategy id.</summary>
    public string? Strategy { get; init; }
    /// <summary>Only this symbol.</summary>
    public string? Symbol { get; init; }
    /// <summary>created, return, drawdown, sharpe, trades, winrate, profitfactor.</summary>
    public string SortBy { get; init; } = "created";
    /// <summary>Descending when true.</summary>
    public bool Descending { get; init; } = true;
    /// <summary>Most rows returned.</summary>
    public int Limit { get; init; } = 500;
}
