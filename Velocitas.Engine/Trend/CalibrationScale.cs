using Velocitas.Engine.Market;

namespace Velocitas.Engine.Trend;

/// <summary>The candle scales whose labels last differently enough to need their own calibration table.</summary>
public enum CalibrationScale : byte
{
    /// <summary>Candles shorter than an hour (fitted on 1m candles, checked 60 candles later).</summary>
    Minutes,
    /// <summary>An hour up to a day (fitted on 1h candles, checked a day later).</summary>
    Hours,
    /// <summary>A day and longer (fitted on daily and monthly candles, checked 10 candles later).</summary>
    Days,
}

/// <summary>Which table and horizon a timeframe uses.</summary>
public static class CalibrationScales
{
    /// <summary>The scale of <paramref name="timeframe"/>.</summary>
    public static CalibrationScale Of(Timeframe timeframe) =>
        timeframe.Duration < TimeSpan.FromHours(1) ? CalibrationScale.Minutes
        : timeframe.Duration < TimeSpan.FromDays(1) ? CalibrationScale.Hours
        : CalibrationScale.Days;

    /// <summary>Candles ahead a label is checked: a day of intraday candles (5 to 60), or 10 daily candles and longer.</summary>
    public static int Horizon(Timeframe timeframe) =>
        timeframe.Duration < TimeSpan.FromDays(1) ? Math.Clamp((int)(TimeSpan.FromDays(1) / timeframe.Duration), 5, 60) : 10;
}
