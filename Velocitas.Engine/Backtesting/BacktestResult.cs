using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Backtesting;

/// <summary>Everything a backtest produced.</summary>
public sealed record BacktestResult
{
    /// <summary>Strategy id.</summary>
    public required string StrategyId { get; init; }
    /// <summary>Parameters the strategy ran with.</summary>
    public required ParameterSet Parameters { get; init; }
    /// <summary>Execution rules.</summary>
    public required ExecutionSettings Settings { get; init; }
    /// <summary>Number of candles processed.</summary>
    public required int Candles { get; init; }
    /// <summary>Candle interval used to annualise.</summary>
    public required Timeframe Timeframe { get; init; }
    /// <summary>Open time of the first candle.</summary>
    public DateTimeOffset? First { get; init; }
    /// <summary>Open time of the last candle.</summary>
    public DateTimeOffset? Last { get; init; }
    /// <summary>The figures.</summary>
    public required PerformanceMetrics Metrics { get; init; }
    /// <summary>Closed trades in order.</summary>
    public required IReadOnlyList<Trade> Trades { get; init; }
    /// <summary>Equity at each close (empty when the run was told not to record it).</summary>
    public required IReadOnlyList<Equity> Equity { get; init; }
    /// <summary>Buy orders that could not fill for lack of cash.</summary>
    public int RejectedOrders { get; init; }
    /// <summary>What the strategy drew (<c>Plot</c>) and logged (<c>Log</c>) during the run.</summary>
    public StrategyOutput Output { get; init; } = StrategyOutput.Empty;
}
