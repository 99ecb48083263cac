namespace Velocitas.Data.Import;

/// <summary>How the timestamp of a row is written.</summary>
public enum TimeEncoding
{
    /// <summary>A number since the Unix epoch; the unit (s, ms, µs, ns) is read from each value's magnitude.</summary>
    UnixAuto,
    /// <summary>Text (ISO-8601, yyyy.MM.dd, CryptoDataDownload's hh-AM, ...), optionally split over a date and a time column.</summary>
    Text,
}

/// <summary>What the sniffer learned about a file: where the data starts and which column holds what.</summary>
public sealed record CsvLayout
{
    /// <summary>Detected format.</summary>
    public required CsvFormat Format { get; init; }
    /// <summary>Field separator.</summary>
    public required char Separator { get; init; }
    /// <summary>Lines before the first data row (banner and header lines).</summary>
    public required int SkipLines { get; init; }
    /// <summary>Column of the timestamp, or of the date when <see cref="TimeOfDayColumn"/> is set.</summary>
    public required int TimeColumn { get; init; }
    /// <summary>Column holding the time of day when date and time are split (MetaTrader).</summary>
    public int? TimeOfDayColumn { get; init; }
    /// <summary>How times are written.</summary>
    public required TimeEncoding TimeEncoding { get; init; }
    /// <summary>Open price column.</summary>
    public required int OpenColumn { get; init; }
    /// <summary>High price column.</summary>
    public required int HighColumn { get; init; }
    /// <summary>Low price column.</summary>
    public required int LowColumn { get; init; }
    /// <summary>Close price column.</summary>
    public required int CloseColumn { get; init; }
    /// <summary>Volume column (base units), if any.</summary>
    public int? VolumeColumn { get; init; }
    /// <summary>Symbol column, if any (CryptoDataDownload).</summary>
    public int? SymbolColumn { get; init; }
    /// <summary>True when numbers use a decimal comma (semicolon-separated European files).</summary>
    public bool DecimalComma { get; init; }
    /// <summary>True when slash dates are day first (dd/MM/yyyy).</summary>
    public bool DayFirst { get; init; }
    /// <summary>The header names, if the file has a header.</summary>
    public IReadOnlyList<string> Header { get; init; } = [];
    /// <summary>Average length of the sampled data lines, in bytes (for sizing buffers).</summary>
    public int AverageLineLength { get; init; } = 60;
    /// <summary>Fields a data row must have at least.</summary>
    public int MinFields => new[] { TimeColumn, TimeOfDayColumn ?? 0, OpenColumn, HighColumn, LowColumn, CloseColumn }.Max() + 1;
}
