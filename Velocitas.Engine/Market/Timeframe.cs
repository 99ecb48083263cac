using System.Globalization;

namespace Velocitas.Engine.Market;

/// <summary>The interval of a candle series (1m, 5m, 1h, 1d, ...).</summary>
public readonly record struct Timeframe(TimeSpan Duration)
{
    /// <summary>One minute.</summary>
    public static readonly Timeframe OneMinute = new(TimeSpan.FromMinutes(1));
    /// <summary>One hour.</summary>
    public static readonly Timeframe OneHour = new(TimeSpan.FromHours(1));
    /// <summary>One day.</summary>
    public static readonly Timeframe OneDay = new(TimeSpan.FromDays(1));

    /// <summary>How many candles of this timeframe fit in a (365.25-day) year; used to annualise ratios.</summary>
    public double PeriodsPerYear => PeriodsPerYearOf(Duration);

    /// <summary>How many periods of <paramref name="interval"/> fit in a (365.25-day) year (a day's worth when unknown).</summary>
    public static double PeriodsPerYearOf(TimeSpan interval) => interval > TimeSpan.Zero ? TimeSpan.FromDays(365.25) / interval : 365.25;

    /// <summary>Short exchange-style code: 1m, 15m, 4h, 1d, 1w; other durations as e.g. 90s.</summary>
    public string Code
    {
        get
        {
            var d = Duration;
            if (d.Ticks <= 0) return "?";
            if (d.TotalDays is >= 28 and <= 31) return "1M";
            if (d.TotalDays >= 7 && d.TotalDays % 7 == 0) return $"{d.TotalDays / 7:0}w";
            if (d.TotalDays >= 1 && d.TotalDays % 1 == 0) return $"{d.TotalDays:0}d";
            if (d.TotalHours >= 1 && d.TotalHours % 1 == 0) return $"{d.TotalHours:0}h";
            if (d.TotalMinutes >= 1 && d.TotalMinutes % 1 == 0) return $"{d.TotalMinutes:0}m";
            return $"{d.TotalSeconds:0}s";
        }
    }

    /// <inheritdoc />
    public override string ToString() => Code;

    /// <summary>Parses codes such as <c>1m</c>, <c>15m</c>, <c>4h</c>, <c>1d</c>, <c>1w</c>, <c>30s</c>.</summary>
    public static bool TryParse(string? text, out Timeframe timeframe)
    {
        timeframe = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length < 2) return false;
        text = text.Trim();
        if (!int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n <= 0)
            return false;
        TimeSpan? unit = char.ToLowerInvariant(text[^1]) switch
        {
            's' => TimeSpan.FromSeconds(1),
            'm' when text[^1] == 'M' => null, // months are not fixed-length
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            'w' => TimeSpan.FromDays(7),
            _ => null,
        };
        if (unit is null) return false;
        timeframe = new Timeframe(unit.Value * n);
        return true;
    }

    /// <summary>
    /// Infers the timeframe of a series as the most common positive step between consecutive open times
    /// among its first <paramref name="sample"/> candles (robust to gaps). Null for fewer than two candles.
    /// </summary>
    public static Timeframe? Infer(ReadOnlySpan<Candle> candles, int sample = 2048)
    {
        int n = Math.Min(candles.Length, sample);
        if (n < 2) return null;
        var steps = new long[n - 1];
        for (int i = 1; i < n; i++) steps[i - 1] = (candles[i].Time - candles[i - 1].Time).Ticks;
        Array.Sort(steps);
        long best = 0, current = 0;
        int run = 0, bestRun = 0;
        foreach (long step in steps)
        {
            if (step <= 0) continue;
            run = step == current ? run + 1 : 1;
            current = step;
            if (run > bestRun) (bestRun, best) = (run, step);
        }
        return best > 0 ? new Timeframe(TimeSpan.FromTicks(best)) : null;
    }
}
