using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;

namespace Velocitas.Engine.Tests.Backtesting;

public class EquityCurveSamplerTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Keeps_the_true_lowest_and_highest_point_when_their_values_are_the_same_double()
    {
        // one bucket (4 points at most) inside one month; every middle value is 1 as a double, only the decimals differ
        decimal tick = 0.0000000000000000000000000001m;
        decimal[] values = [2m, 1m + (3 * tick), 1m + tick, 1m + (5 * tick), 1m, 1m + (7 * tick), 1m + (7 * tick), 1m + (2 * tick), 2m];
        Assert.All(values[1..^1], v => Assert.Equal(1.0, (double)v));
        var sampler = new EquityCurveSampler(values.Length, Start, Start.AddMinutes(values.Length - 1), maxPoints: 4);
        for (int i = 0; i < values.Length; i++) sampler.Add(i, Start.AddMinutes(i), values[i]);

        var kept = sampler.Finish(new Equity(Start.AddMinutes(values.Length - 1), values[^1]));

        // first, the lowest (index 4, exactly 1), the highest (index 5: the first of the two equal highs), last
        Assert.Equal([0, 4, 5, 8], kept.Select(p => (int)(p.Time - Start).TotalMinutes));
        Assert.Equal([2m, 1m, 1m + (7 * tick), 2m], kept.Select(p => p.Value));
    }

    [Fact]
    public void Keeps_the_last_point_of_every_month_whether_given_as_points_or_as_parts()
    {
        // a point every 9 hours for a year: the last point before each month's first
        var times = Enumerable.Range(0, 24 * 365 / 9).Select(i => Start.AddHours(9 * i)).ToArray();
        var byPoint = new EquityCurveSampler(times.Length, times[0], times[^1], maxPoints: 30);
        var byParts = new EquityCurveSampler(times.Length, times[0], times[^1], maxPoints: 30);
        for (int i = 0; i < times.Length; i++)
        {
            decimal value = 1000m + (i % 17);
            byPoint.Add(i, new Equity(times[i], value));
            byParts.Add(i, times[i], value);
        }
        var last = new Equity(times[^1], 1000m);
        var kept = byPoint.Finish(last);

        Assert.Equal(kept, byParts.Finish(last));
        var monthEnds = times.Where((t, i) => i + 1 < times.Length && times[i + 1].Month != t.Month).ToArray();
        Assert.Equal(11, monthEnds.Length);
        Assert.All(monthEnds, end => Assert.Contains(kept, p => p.Time == end));
    }
}
