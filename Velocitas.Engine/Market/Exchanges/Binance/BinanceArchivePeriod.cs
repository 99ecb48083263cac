namespace Velocitas.Engine.Market.Exchanges.Binance;

/// <summary>One zip file of data.binance.vision: a whole UTC month or a whole UTC day.</summary>
/// <param name="Start">First instant covered.</param>
/// <param name="End">First instant after it.</param>
/// <param name="Monthly">True for a monthly file, false for a daily one.</param>
public sealed record BinanceArchivePeriod(DateTimeOffset Start, DateTimeOffset End, bool Monthly)
{
    /// <summary>
    /// The archive files that cover the whole UTC days of [<paramref name="from"/>, <paramref name="to"/>) that ended
    /// before today: whole calendar months as monthly files (only months before the current one, which Binance has
    /// published), the other days as daily files. Empty when the range holds no whole past day.
    /// </summary>
    public static IReadOnlyList<BinanceArchivePeriod> Plan(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        var firstDay = CeilDay(from);
        var today = FloorDay(now);
        var lastDay = FloorDay(to < now ? to : now);
        if (lastDay > today) lastDay = today;
        var plan = new List<BinanceArchivePeriod>();
        var thisMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var day = firstDay;
        while (day < lastDay)
        {
            var monthEnd = new DateTimeOffset(day.Year, day.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
            if (day.Day == 1 && monthEnd <= lastDay && monthEnd <= thisMonth)
            {
                plan.Add(new BinanceArchivePeriod(day, monthEnd, true));
                day = monthEnd;
            }
            else
            {
                plan.Add(new BinanceArchivePeriod(day, day.AddDays(1), false));
                day = day.AddDays(1);
            }
        }
        return plan;
    }

    /// <summary>The days of a month, for when its monthly file is not there yet.</summary>
    public IEnumerable<BinanceArchivePeriod> Days()
    {
        for (var d = Start; d < End; d = d.AddDays(1)) yield return new BinanceArchivePeriod(d, d.AddDays(1), false);
    }

    /// <summary>File name without the folder: BTCUSDT-1m-2021-05.zip or BTCUSDT-1m-2021-05-01.zip.</summary>
    public string FileName(string symbol, string interval) =>
        Monthly ? $"{symbol}-{interval}-{Start:yyyy-MM}.zip" : $"{symbol}-{interval}-{Start:yyyy-MM-dd}.zip";

    /// <summary>Path under the archive host: data/spot/monthly/klines/BTCUSDT/1m/BTCUSDT-1m-2021-05.zip.</summary>
    public string Path(string symbol, string interval) =>
        $"data/spot/{(Monthly ? "monthly" : "daily")}/klines/{symbol}/{interval}/{FileName(symbol, interval)}";

    private static DateTimeOffset FloorDay(DateTimeOffset t) => new(t.UtcDateTime.Date, TimeSpan.Zero);

    private static DateTimeOffset CeilDay(DateTimeOffset t)
    {
        var d = FloorDay(t);
        return d == t ? d : d.AddDays(1);
    }
}
