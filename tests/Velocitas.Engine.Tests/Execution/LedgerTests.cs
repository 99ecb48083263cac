using Velocitas.Engine.Execution;

namespace Velocitas.Engine.Tests.Execution;

public class LedgerTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Cash_plus_position_equals_initial_cash_plus_realised_and_unrealised_pnl()
    {
        var ledger = new Ledger(1000m);
        ledger.Apply(new Fill(T0, OrderSide.Buy, 3m, 100m, 0.3m));
        ledger.Apply(new Fill(T0.AddDays(1), OrderSide.Buy, 2m, 110m, 0.22m));
        Assert.Equal(104m, ledger.AverageEntryPrice);

        foreach (decimal price in new[] { 90m, 104m, 123.45m })
            Assert.Equal(ledger.Cash + (ledger.Quantity * price), ledger.InitialCash + ledger.RealizedPnl + ledger.UnrealizedPnl(price));

        var trade = ledger.Apply(new Fill(T0.AddDays(2), OrderSide.Sell, 5m, 120m, 0.6m));

        Assert.NotNull(trade);
        Assert.Equal(5m * (120m - 104m) - 0.3m - 0.22m - 0.6m, trade!.Pnl);
        Assert.Equal(T0, trade.EntryTime);
        Assert.Equal(ledger.InitialCash + ledger.RealizedPnl, ledger.Cash);
        Assert.Equal(1.12m, ledger.FeesPaid);
        Assert.False(ledger.IsLong);
    }

    [Fact]
    public void Selling_more_than_held_or_buying_beyond_cash_is_refused()
    {
        var ledger = new Ledger(100m);
        Assert.Throws<InvalidOperationException>(() => ledger.Apply(new Fill(T0, OrderSide.Buy, 2m, 60m, 0m)));
        Assert.Throws<InvalidOperationException>(() => ledger.Apply(new Fill(T0, OrderSide.Sell, 1m, 60m, 0m)));
        Assert.Throws<ArgumentException>(() => ledger.Apply(new Fill(T0, OrderSide.Buy, 0m, 60m, 0m)));
        Assert.Equal(100m, ledger.Cash);
    }
}
