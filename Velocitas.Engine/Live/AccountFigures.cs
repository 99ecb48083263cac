using Velocitas.Engine.Execution;

namespace Velocitas.Engine.Live;

/// <summary>
/// The account part of an instance's snapshot, read from its ledger marked at the last price (the entry price before
/// any price was seen), the same way for a running instance and a removed one loaded from storage.
/// </summary>
internal static class AccountFigures
{
    /// <summary><paramref name="snapshot"/> with the figures of <paramref name="ledger"/>; drawdowns from the highest
    /// close-marked equity and the deepest drawdown seen (a fraction), the one now included.</summary>
    public static InstanceSnapshot WithAccount(this InstanceSnapshot snapshot, Ledger ledger, decimal? lastPrice, decimal peakEquity, double maxDrawdown)
    {
        decimal mark = lastPrice ?? ledger.AverageEntryPrice;
        decimal equity = ledger.Equity(mark);
        double peak = Math.Max((double)peakEquity, (double)equity);
        double currentDrawdown = peak <= 0 ? 0 : Math.Max(0, (peak - (double)equity) / peak * 100);
        return snapshot with
        {
            InitialCash = ledger.InitialCash,
            Cash = ledger.Cash,
            Quantity = ledger.Quantity,
            AverageEntryPrice = ledger.AverageEntryPrice,
            LastPrice = lastPrice,
            RealizedPnl = ledger.RealizedPnl,
            UnrealizedPnl = ledger.UnrealizedPnl(mark),
            Fees = ledger.FeesPaid,
            Equity = equity,
            MaxDrawdownPct = Math.Max(maxDrawdown * 100, currentDrawdown),
            CurrentDrawdownPct = currentDrawdown,
        };
    }
}
