using Velocitas.Strategies;
using Velocitas.Strategies.Hosting;

namespace Velocitas.Engine.Execution;

/// <summary>A session's ledger as its strategy reads it: cash, equity at the last close, the open position.</summary>
internal sealed class LedgerAccountView(Ledger ledger, Func<decimal> lastClose) : IAccountView
{
    public double Cash => (double)ledger.Cash;

    public double Equity => (double)ledger.Equity(lastClose());

    public Position Position => ledger.IsLong
        ? new Position((double)ledger.Quantity, (double)ledger.AverageEntryPrice, ledger.EntryTime)
        : default;
}
