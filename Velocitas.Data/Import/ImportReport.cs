using Velocitas.Engine.Market;

namespace Velocitas.Data.Import;

/// <summary>A row that was not imported, and why.</summary>
/// <param name="Line">1-based line in the file.</param>
/// <param name="Reason">What was wrong and what was expected.</param>
/// <param name="IsRepair">True for rows dropped by a documented repair (a repeated header, a row without
/// prices such as Yahoo's <c>null</c> rows, a still-forming newest candle) rather than for bad data.</param>
public sealed record RejectedRow(long Line, string Reason, bool IsRepair = false);

/// <summary>A hole in the series: no candles between two consecutive ones.</summary>
/// <param name="From">Open time of the last candle before the hole.</param>
/// <param name="To">Open time of the first candle after it.</param>
/// <param name="Missing">Candles missing in between.</param>
public sealed record Gap(DateTimeOffset From, DateTimeOffset To, long Missing);

/// <summary>What an import did, for the user to check.</summary>
public sealed record ImportReport
{
    /// <summary>Most rejected rows listed individually; the count is always exact.</summary>
    public const int MaxListedRejections = 500;

    /// <summary>Detected layout.</summary>
    public required CsvFormat Format { get; init; }
    /// <summary>Inferred candle interval.</summary>
    public Timeframe? Timeframe { get; init; }
    /// <summary>Data rows read (banner and header lines excluded).</summary>
    public required long RowsRead { get; init; }
    /// <summary>Candles kept.</summary>
    public required long RowsImported { get; init; }
    /// <summary>Rows dropped because another row had the same time.</summary>
    public required long DuplicatesDropped { get; init; }
    /// <summary>Duplicates whose prices differed from the kept row.</summary>
    public long ConflictingDuplicates { get; init; }
    /// <summary>Rows rejected (bad values, inconsistent OHLC, partial candle), with line numbers; at most <see cref="MaxListedRejections"/> listed.</summary>
    public required IReadOnlyList<RejectedRow> RowsRejected { get; init; }
    /// <summary>Exact number of rejected rows.</summary>
    public required long RejectedCount { get; init; }
    /// <summary>Holes in the series (market-closed weekends of weekday-only data are not holes).</summary>
    public required IReadOnlyList<Gap> Gaps { get; init; }
    /// <summary>Candles far from their neighbours (probable bad prints), flagged and kept as they are.</summary>
    public IReadOnlyList<CandleOutlier> Outliers { get; init; } = [];
    /// <summary>Open time of the first candle kept.</summary>
    public DateTimeOffset? First { get; init; }
    /// <summary>Open time of the last candle kept.</summary>
    public DateTimeOffset? Last { get; init; }
    /// <summary>Repairs made and things worth knowing (sorted, newest-first input, ...).</summary>
    public required IReadOnlyList<string> Notes { get; init; }
    /// <summary>Symbol read from the file, if it names one.</summary>
    public string? Symbol { get; init; }
}

/// <summary>The parsed, cleaned candles of a file and the report of what was done.</summary>
/// <param name="Candles">Candles in ascending time order without duplicates.</param>
/// <param name="Report">What the import did.</param>
/// <param name="Layout">How the file was read.</param>
public sealed record ParsedCandleFile(Candle[] Candles, ImportReport Report, CsvLayout Layout);
