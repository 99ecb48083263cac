namespace Velocitas.Data.Entities;

/// <summary>A closed trade of a saved backtest or of a live strategy instance.</summary>
public sealed class TradeEntity
{
    public long Id { get; set; }
    public int? BacktestRunId { get; set; }
    public int? StrategyInstanceId { get; set; }
    public required string Symbol { get; set; }
    public DateTimeOffset EntryTime { get; set; }
    public DateTimeOffset ExitTime { get; set; }
    public decimal Quantity { get; set; }
    public decimal EntryPrice { get; set; }
    public decimal ExitPrice { get; set; }
    public decimal Pnl { get; set; }
    public decimal Fees { get; set; }
    public decimal ReturnPct { get; set; }
    public required string ExitReason { get; set; }
}
