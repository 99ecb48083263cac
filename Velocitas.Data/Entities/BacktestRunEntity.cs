namespace Velocitas.Data.Entities;

/// <summary>A saved backtest: what ran, on what, with which rules, and what came out.</summary>
public sealed class BacktestRunEntity
{
    public int Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>"ui", "cli", "api", "optimization", "portfolio".</summary>
    public required string Origin { get; set; }
    public required string StrategyId { get; set; }
    public required string ParametersJson { get; set; }
    public required string SettingsJson { get; set; }
    public int? DatasetId { get; set; }
    public required string DatasetName { get; set; }
    public required string Symbol { get; set; }
    public required string Timeframe { get; set; }
    public int Candles { get; set; }
    public DateTimeOffset? FirstTime { get; set; }
    public DateTimeOffset? LastTime { get; set; }
    /// <summary>All metrics as JSON (camelCase, as the CLI prints them).</summary>
    public required string MetricsJson { get; set; }
    /// <summary>Equity curve as JSON [[unixMs, equity], ...], down-sampled to at most a few thousand points.</summary>
    public required string EquityJson { get; set; }
    public decimal FinalEquity { get; set; }
    public double TotalReturnPct { get; set; }
    public double MaxDrawdownPct { get; set; }
    public double? Sharpe { get; set; }
    public double? WinRatePct { get; set; }
    public double? ProfitFactor { get; set; }
    public int TradeCount { get; set; }
    public string? Notes { get; set; }

    /// <summary>The strategy's Plot series and Log lines (bounded, JSON; null when it neither plotted nor logged).</summary>
    public string? OutputJson { get; set; }
    public List<TradeEntity> Trades { get; set; } = [];
}
