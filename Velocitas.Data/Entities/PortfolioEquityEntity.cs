namespace Velocitas.Data.Entities;

/// <summary>A sample of the live portfolio's equity (all instances together), stamped with the market's clock.</summary>
public sealed class PortfolioEquityEntity
{
    public long Id { get; set; }
    public DateTimeOffset Time { get; set; }
    public decimal Equity { get; set; }
}
