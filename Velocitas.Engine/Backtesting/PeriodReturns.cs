namespace Velocitas.Engine.Backtesting;

/// <summary>A calendar period's return: the equity at its last close against the equity at the previous period's last close.</summary>
/// <param name="Year">UTC year.</param>
/// <param name="Month">UTC month 1–12, or null for a whole year.</param>
/// <param name="ReturnPct">Return in percent.</param>
public sealed record PeriodReturn(int Year, int? Month, double ReturnPct);

/// <summary>Monthly and yearly returns of an equity curve (UTC calendar), the table traders read a track record from.</summary>
public static class PeriodReturns
{
    /// <summary>One return per calendar month with data, oldest first; the first month starts from the initial cash.</summary>
    public static IReadOnlyList<PeriodReturn> Monthly(IReadOnlyList<Execution.Equity> equity, decimal initialCash) =>
        Compute(equity, initialCash, e => (e.Time.UtcDateTime.Year, (int?)e.Time.UtcDateTime.Month));

    /// <summary>One return per calendar year with data, oldest first; the first year starts from the initial cash.</summary>
    public static IReadOnlyList<PeriodReturn> Yearly(IReadOnlyList<Execution.Equity> equity, decimal initialCash) =>
        Compute(equity, initialCash, e => (e.Time.UtcDateTime.Year, (int?)null));

    private static List<PeriodReturn> Compute(IReadOnlyList<Execution.Equity> equity, decimal initialCash, Func<Execution.Equity, (int Year, int? Month)> period)
    {
        var list = new List<PeriodReturn>();
        if (initialCash <= 0) return list;
        decimal start = initialCash;
        for (int i = 0; i < equity.Count; i++)
        {
            var key = period(equity[i]);
            bool last = i == equity.Count - 1 || period(equity[i + 1]) != key;
            if (!last) continue;
            decimal end = equity[i].Value;
            list.Add(new PeriodReturn(key.Year, key.Month, start == 0 ? 0 : (double)((end / start) - 1m) * 100));
            start = end;
        }
        return list;
    }
}
