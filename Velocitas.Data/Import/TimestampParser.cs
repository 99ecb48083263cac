using System.Globalization;

namespace Velocitas.Data.Import;

/// <summary>Turns the time fields of candle files into UTC instants.</summary>
public static class TimestampParser
{
    private static readonly DateTimeOffset MinTime = new(1970, 1, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset MaxTime = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] ExactFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm",
        "yyyy.MM.dd", "yyyy.MM.dd HH:mm", "yyyy.MM.dd HH:mm:ss",
        "yyyy-MM-dd hh-tt", "yyyy-MM-dd hh:mm:ss tt", "yyyy/MM/dd", "yyyy/MM/dd HH:mm", "yyyy/MM/dd HH:mm:ss", "yyyyMMdd", "yyyyMMdd HH:mm:ss",
    ];

    private static readonly string[] DayFirstFormats = ["dd/MM/yyyy", "dd/MM/yyyy HH:mm", "dd/MM/yyyy HH:mm:ss", "d/M/yyyy", "d/M/yyyy H:mm"];
    private static readonly string[] MonthFirstFormats = ["MM/dd/yyyy", "MM/dd/yyyy HH:mm", "MM/dd/yyyy HH:mm:ss", "M/d/yyyy", "M/d/yyyy H:mm"];

    /// <summary>
    /// Converts a Unix timestamp whose unit is read from its magnitude: seconds (below 10¹¹, fractions
    /// allowed), milliseconds (below 10¹⁴), microseconds (below 10¹⁷) or nanoseconds. <paramref name="precision"/>
    /// is 0 for seconds up to 3 for nanoseconds (used to prefer the finer of two duplicate rows).
    /// </summary>
    public static bool TryFromUnix(decimal value, out DateTimeOffset time, out byte precision)
    {
        time = default;
        precision = 0;
        if (value <= 0) return false;
        decimal ticks;
        if (value < 100_000_000_000m) { ticks = value * TimeSpan.TicksPerSecond; precision = 0; }
        else if (value < 100_000_000_000_000m) { ticks = value * TimeSpan.TicksPerMillisecond; precision = 1; }
        else if (value < 100_000_000_000_000_000m) { ticks = value * 10m; precision = 2; }
        else { ticks = value / 100m; precision = 3; }
        long t = (long)Math.Round(ticks) + DateTimeOffset.UnixEpoch.Ticks;
        if (t < MinTime.Ticks || t > MaxTime.Ticks) return false;
        time = new DateTimeOffset(t, TimeSpan.Zero);
        return true;
    }

    /// <summary>Whole-number Unix timestamp, unit read from the magnitude (see the decimal overload).</summary>
    public static bool TryFromUnix(long value, out DateTimeOffset time, out byte precision)
    {
        time = default;
        precision = 0;
        if (value <= 0) return false;
        long ticks;
        if (value < 100_000_000_000L) { ticks = value * TimeSpan.TicksPerSecond; precision = 0; }
        else if (value < 100_000_000_000_000L) { ticks = value * TimeSpan.TicksPerMillisecond; precision = 1; }
        else if (value < 100_000_000_000_000_000L) { ticks = value * 10; precision = 2; }
        else { ticks = value / 100; precision = 3; }
        long t = ticks + DateTimeOffset.UnixEpoch.Ticks;
        if (t < MinTime.Ticks || t > MaxTime.Ticks) return false;
        time = new DateTimeOffset(t, TimeSpan.Zero);
        return true;
    }

    /// <summary>
    /// Parses a date/time text: ISO-8601 with or without offset (no offset means UTC), yyyy.MM.dd (MetaTrader),
    /// CryptoDataDownload's "yyyy-MM-dd hh-AM", slash dates (day or month first as detected).
    /// </summary>
    public static bool TryParseText(ReadOnlySpan<char> text, bool dayFirst, out DateTimeOffset time)
    {
        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces;
        var inv = CultureInfo.InvariantCulture;
        if (DateTimeOffset.TryParseExact(text, ExactFormats, inv, styles, out time)
            || DateTimeOffset.TryParseExact(text, dayFirst ? DayFirstFormats : MonthFirstFormats, inv, styles, out time)
            || (text.Length >= 10 && text[4] == '-' && DateTimeOffset.TryParse(text, inv, styles, out time)))
        {
            time = time.ToUniversalTime();
            return time > MinTime && time < MaxTime;
        }
        return false;
    }
}
