using Velocitas.Engine.Live;

namespace Velocitas.Engine.Tests.Live;

public class PortfolioBookTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_group_measures_drawdown_on_its_own_combined_equity_not_the_deepest_member()
    {
        // the account: two instances of 10,000; one falls to 941 (−90.59 %), the other to 6,541: together 7,482
        var book = new PortfolioBook();
        book.Join(1, "BTCUSDT", "sma-crossover", 10_000m);
        book.Join(2, "ETHUSDT", "rsi", 10_000m);
        book.Mark(1, T0, 941m);
        book.Mark(2, T0, 6_541m);
        book.Settle();

        var overall = book.Get(PortfolioBook.Overall);
        Assert.Equal(7_482m, overall.Capital);
        Assert.Equal(62.59, overall.MaxDrawdownPct, 2); // 20,000 → 7,482, not instance #1's 90.59 %
        Assert.Equal(62.59, overall.DrawdownPct, 2);
        Assert.Equal(90.59, book.Get(PortfolioBook.CoinKey("BTCUSDT")).MaxDrawdownPct, 2);
        Assert.Equal(34.59, book.Get(PortfolioBook.StrategyKey("rsi")).MaxDrawdownPct, 2);
    }

    [Fact]
    public void Adding_or_removing_an_instance_is_neither_a_gain_nor_a_loss()
    {
        var book = new PortfolioBook();
        book.Join(1, "BTCUSDT", "sma-crossover", 10_000m);
        book.Mark(1, T0, 9_000m);                  // −10 %
        book.Join(2, "BTCUSDT", "rsi", 10_000m);   // +10,000 of new money: no gain
        var overall = book.Get(PortfolioBook.Overall);
        Assert.Equal(0.9, overall.UnitValue, 12);

        book.Mark(2, T0.AddMinutes(1), 11_000m);   // 19,000 → 20,000: +5.26 %
        book.Settle();
        Assert.Equal(0.9 * 20_000 / 19_000, overall.UnitValue, 12);
        Assert.Equal(10, overall.MaxDrawdownPct, 9);
        Assert.Equal((1 - 0.9 * 20_000 / 19_000) * 100, overall.DrawdownPct, 9);

        book.Leave(2);                             // 11,000 withdrawn: no loss
        Assert.Equal(0.9 * 20_000 / 19_000, overall.UnitValue, 12);
        Assert.Equal(9_000m, overall.Capital);
        book.Mark(1, T0.AddMinutes(2), 9_900m);    // +10 % on what is left
        Assert.Equal(0.9 * 20_000 / 19_000 * 1.1, overall.UnitValue, 12);
    }

    [Fact]
    public void Marks_at_the_same_moment_compound_to_the_return_of_the_combined_equity()
    {
        var book = new PortfolioBook();
        book.Join(1, "BTCUSDT", "a", 10_000m);
        book.Join(2, "ETHUSDT", "b", 30_000m);
        book.Mark(1, T0, 12_000m);
        book.Mark(2, T0, 27_000m);
        book.Settle();
        // 40,000 → 39,000: the +5 % seen between the two marks of one moment is not a peak
        Assert.Equal(39_000.0 / 40_000, book.Get(PortfolioBook.Overall).UnitValue, 12);
        Assert.Equal(2.5, book.Get(PortfolioBook.Overall).MaxDrawdownPct, 9);
    }
}
