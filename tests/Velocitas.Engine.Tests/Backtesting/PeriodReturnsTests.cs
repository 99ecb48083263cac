using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;

namespace Velocitas.Engine.Tests.Backtesting;

public class PeriodReturnsTests
{
    private static Equity At(string time, decimal value) => new(DateTimeOffset.Parse(time + "Z", System.Globalization.CultureInfo.InvariantCulture), value);

    private static readonly Equity[] Curve =
    [
        At("2023-12-31T22:00:00", 10_000m), At("2023-12-31T23:00:00", 11_000m), // December: +10 % from the initial 10,000
        At("2024-01-01T00:00:00", 10_500m), At("2024-01-31T23:00:00", 9_900m),   // January: 9,900 / 11,000 = -10 %
        At("2024-02-01T00:00:00", 10_000m), At("2024-02-29T23:00:00", 12_375m),  // February: 12,375 / 9,900 = +25 %
    ];

    [Fact]
    public void A_month_returns_its_last_close_against_the_previous_months_last_close()
    {
        var months = PeriodReturns.Monthly(Curve, 10_000m);

        Assert.Equal([(2023, 12), (2024, 1), (2024, 2)], months.Select(m => (m.Year, m.Month!.Value)));
        Assert.Equal(10.0, months[0].ReturnPct, 9);
        Assert.Equal(-10.0, months[1].ReturnPct, 9);
        Assert.Equal(25.0, months[2].ReturnPct, 9);
    }

    [Fact]
    public void Years_chain_to_the_same_total_as_the_months()
    {
        var years = PeriodReturns.Yearly(Curve, 10_000m);

        Assert.Equal([2023, 2024], years.Select(y => y.Year));
        Assert.Equal(10.0, years[0].ReturnPct, 9);
        Assert.Equal(12.5, years[1].ReturnPct, 9); // 12,375 / 11,000
        double chained = PeriodReturns.Monthly(Curve, 10_000m).Aggregate(1.0, (a, m) => a * (1 + (m.ReturnPct / 100)));
        Assert.Equal(1.2375, chained, 9);
        Assert.Empty(PeriodReturns.Monthly([], 10_000m));
    }
}
