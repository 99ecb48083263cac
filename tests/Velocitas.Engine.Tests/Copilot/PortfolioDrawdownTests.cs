using Velocitas.Engine.Copilot;
using Velocitas.Engine.Live;

namespace Velocitas.Engine.Tests.Copilot;

public class PortfolioDrawdownTests
{
    private static InstanceSnapshot I(int id, decimal equity) => new()
    {
        Id = id, StrategyId = "rsi", StrategyName = "RSI", Symbol = "BTCUSDT", Parameters = "", InitialCash = 10_000, Cash = equity, Equity = equity,
    };

    [Fact]
    public void A_loss_shows_as_drawdown_on_the_chained_unit_value()
    {
        var p = new PortfolioDrawdown();
        p.Update([I(1, 10_000), I(2, 10_000)]);
        p.Update([I(1, 11_000), I(2, 11_000)]); // +10 %
        p.Update([I(1, 9_900), I(2, 9_900)]);   // -10 % from there
        Assert.Equal(1.1, p.Peak, 12);
        Assert.Equal(0.99, p.UnitValue, 12);
        Assert.Equal(10, p.DrawdownPct, 9);
        Assert.Equal(22_000m, Math.Round(p.PeakEquity(19_800), 6));
    }

    [Fact]
    public void Adding_or_removing_an_instance_is_neither_a_gain_nor_a_loss()
    {
        var p = new PortfolioDrawdown();
        p.Update([I(1, 10_000)]);
        p.Update([I(1, 12_000)]);                    // +20 %
        p.Update([I(1, 12_000), I(2, 1_000)]);       // a small new instance: summed equity jumps, the unit value does not
        Assert.Equal(1.2, p.UnitValue, 12);
        p.Update([I(1, 12_000), I(2, 500)]);         // the new one halves: 12,500 from 13,000
        Assert.Equal(1.2 * 12_500 / 13_000, p.UnitValue, 12);
        p.Update([I(1, 12_000)]);                    // removed: summed equity drops by 500, the unit value does not
        Assert.Equal(1.2 * 12_500 / 13_000, p.UnitValue, 12);
        Assert.Equal(100.0 / 26, p.DrawdownPct, 9);
    }

    [Fact]
    public void Restored_values_carry_on_and_nonsense_is_ignored()
    {
        var p = new PortfolioDrawdown();
        p.Restore(0.9, 1.25);
        p.Update([I(1, 5_000)]);                     // the first snapshot after a restart only sets the base
        p.Update([I(1, 5_500)]);
        Assert.Equal(0.99, p.UnitValue, 12);
        Assert.Equal(1.25, p.Peak);
        p.Restore(double.NaN, 2);
        p.Restore(1.5, 1.2);                         // a peak below the value is not a peak
        Assert.Equal(0.99, p.UnitValue, 12);
    }
}
