using System.Globalization;
using System.Text;
using CsvHelper;
using Velocitas.Engine.Market;

namespace Velocitas.Data.Import;

/// <summary>
/// The CsvHelper path of <see cref="CandleFileParser"/>: reads every row of any supported layout, keeps the valid ones
/// as candles and counts (and lists the first of) the rows that cannot be used, with their line and the reason.
/// </summary>
internal sealed class CsvRowReader
{
    private static readonly NumberFormatInfo CommaDecimal = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "" };

    private readonly CsvLayout _layout;
    private readonly IFormatProvider _provider;
    private readonly string _timeHeader;

    private CsvRowReader(CsvLayout layout)
    {
        _layout = layout;
        _provider = layout.DecimalComma ? CommaDecimal : CultureInfo.InvariantCulture;
        _timeHeader = layout.Header.Count > layout.TimeColumn ? layout.Header[layout.TimeColumn].Trim() : "";
    }

    /// <summary>Data rows read (after the skipped header lines).</summary>
    public long RowsRead { get; private set; }

    /// <summary>The first rejected rows (at most <see cref="ImportReport.MaxListedRejections"/>).</summary>
    public List<RejectedRow> Rejected { get; } = [];

    /// <summary>Every rejected row, listed or not.</summary>
    public long RejectedCount { get; private set; }

    /// <summary>The symbol of the first valid row, when the layout has a symbol column.</summary>
    public string? Symbol { get; private set; }

    /// <summary>Reads <paramref name="stream"/> from its start, adding each valid row to <paramref name="rows"/>.</summary>
    public static CsvRowReader Read(Stream stream, string displayName, CsvLayout layout, List<CandleFileParser.Row> rows, IProgress<double>? progress, CancellationToken ct)
    {
        var reader = new CsvRowReader(layout);
        reader.ReadAll(stream, displayName, rows, progress, ct);
        return reader;
    }

    /// <summary>Throws when nothing usable was read, or when more than half the rows are bad (the layout is probably not understood).</summary>
    public void ThrowWhenUnusable(string displayName, CsvLayout layout, int rowsKept)
    {
        if (rowsKept == 0)
        {
            if (RowsRead == 0) throw new CsvImportException(displayName, layout.SkipLines > 0 ? layout.SkipLines : null, "the file has a header but no data rows.");
            var firstProblem = Rejected[0];
            throw new CsvImportException(displayName, firstProblem.Line, $"no row could be read as a candle. {firstProblem.Reason}");
        }
        long bad = RejectedCount - Rejected.Count(r => r.IsRepair);
        if (bad * 2 > RowsRead)
        {
            var firstProblem = Rejected[0];
            throw new CsvImportException(displayName, firstProblem.Line,
                $"{RejectedCount:N0} of {RowsRead:N0} rows could not be read, so the file is probably not in a layout Velocitas understands. First problem: {firstProblem.Reason}");
        }
    }

    private void ReadAll(Stream stream, string displayName, List<CandleFileParser.Row> rows, IProgress<double>? progress, CancellationToken ct)
    {
        var options = CsvReaderOptions.Default with
        {
            Separator = _layout.Separator,
            HasHeader = false,
            TrackLineNumbers = true,
            AllowLineBreaksInQuotes = false,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            MaxRecordSize = 1 << 20,
        };
        long length = stream.Length;
        Span<char> chars = stackalloc char[128];
        using var reader = CsvReader.Create(stream, options, leaveOpen: true);
        long line = 0;
        try
        {
            while (reader.Read())
            {
                line = reader.LineNumber;
                if (line <= _layout.SkipLines) continue;
                RowsRead++;
                if ((RowsRead & 0xFFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Report(length == 0 ? 1 : (double)reader.ByteOffset / length);
                }
                if (TryRow(reader, line, chars) is { } row) rows.Add(row);
            }
        }
        catch (CsvFormatException ex)
        {
            throw new CsvImportException(displayName, ex.LineNumber > 0 ? ex.LineNumber : line + 1, $"unreadable CSV: {ex.Message}");
        }
    }

    /// <summary>The current record as a row, or null after rejecting it with the reason.</summary>
    private CandleFileParser.Row? TryRow(CsvReader reader, long line, Span<char> chars)
    {
        var layout = _layout;
        if (reader.FieldCount < layout.MinFields)
        {
            Reject(line, $"expected at least {layout.MinFields} columns separated by '{(layout.Separator == '\t' ? "\\t" : layout.Separator)}', found {reader.FieldCount}.");
            return null;
        }
        if (!TryReadTime(reader, layout, chars, out var time, out byte precision, out string? timeError))
        {
            string raw = reader.GetString(layout.TimeColumn) ?? "";
            bool repeatedHeader = _timeHeader.Length > 0 && string.Equals(raw, _timeHeader, StringComparison.OrdinalIgnoreCase);
            Reject(line, repeatedHeader ? "repeated header line (skipped)." : timeError!, repeatedHeader);
            return null;
        }
        if (!TryPrices(reader, line, out decimal open, out decimal high, out decimal low, out decimal close)) return null;
        double volume = 0;
        if (layout.VolumeColumn is int vc && vc < reader.FieldCount && !IsNull(reader.GetSpan(vc)))
        {
            if (!TryVolume(reader.GetSpan(vc), _provider, out volume) || volume < 0)
            {
                Reject(line, $"Volume '{Show(reader.GetSpan(vc))}' is not a non-negative number.");
                return null;
            }
        }
        var candle = new Candle(time, open, high, low, close, volume);
        if (CandleFileParser.Inconsistency(candle) is { } problem)
        {
            Reject(line, problem);
            return null;
        }
        if (Symbol is null && layout.SymbolColumn is int sc && sc < reader.FieldCount)
            Symbol = reader.GetString(sc)?.Replace("/", "").Replace("-", "").Replace("_", "").ToUpperInvariant();
        return new CandleFileParser.Row(candle, line, precision);
    }

    /// <summary>The four prices, or false after rejecting the row (a row without any price is a skipped holiday, not an error).</summary>
    private bool TryPrices(CsvReader reader, long line, out decimal open, out decimal high, out decimal low, out decimal close)
    {
        var layout = _layout;
        high = low = close = 0;
        if (TryPrice(reader, layout.OpenColumn, "Open", _provider, out open, out string? error)
            && TryPrice(reader, layout.HighColumn, "High", _provider, out high, out error)
            && TryPrice(reader, layout.LowColumn, "Low", _provider, out low, out error)
            && TryPrice(reader, layout.CloseColumn, "Close", _provider, out close, out error))
            return true;
        bool noPrices = IsNull(reader.GetSpan(layout.OpenColumn)) && IsNull(reader.GetSpan(layout.HighColumn))
            && IsNull(reader.GetSpan(layout.LowColumn)) && IsNull(reader.GetSpan(layout.CloseColumn));
        Reject(line, noPrices ? "row has no prices (e.g. a market holiday in a Yahoo export); skipped." : error!, noPrices);
        return false;
    }

    private void Reject(long line, string reason, bool repair = false)
    {
        RejectedCount++;
        if (Rejected.Count < ImportReport.MaxListedRejections) Rejected.Add(new RejectedRow(line, reason, repair));
    }

    private static bool TryReadTime(CsvReader reader, CsvLayout layout, Span<char> chars, out DateTimeOffset time, out byte precision, out string? error)
    {
        time = default;
        precision = 0;
        error = null;
        var field = reader.GetSpan(layout.TimeColumn);
        if (layout.TimeEncoding == TimeEncoding.UnixAuto)
        {
            if (FastNumber.TryParseInteger(field, out long whole) ? TimestampParser.TryFromUnix(whole, out time, out precision)
                : decimal.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal unix) && TimestampParser.TryFromUnix(unix, out time, out precision))
                return true;
            error = $"time '{Show(field)}' is not a Unix timestamp between 1970 and 2100 (seconds, milliseconds or microseconds).";
            return false;
        }

        int n = Encoding.UTF8.GetChars(field, chars.Length > field.Length ? chars : new char[field.Length]);
        int length = Math.Min(n, chars.Length);
        if (n > chars.Length)
        {
            error = $"time '{Show(field)}' is too long to be a date.";
            return false;
        }
        if (layout.TimeOfDayColumn is int tc)
        {
            var clock = reader.GetSpan(tc);
            if (length + 1 + clock.Length > chars.Length)
            {
                error = $"time '{Show(clock)}' is too long to be a time of day.";
                return false;
            }
            chars[length++] = ' ';
            length += Encoding.UTF8.GetChars(clock, chars[length..]);
        }
        if (TimestampParser.TryParseText(chars[..length], layout.DayFirst, out time)) return true;
        error = $"time '{chars[..length].ToString()}' is not a date/time (expected e.g. 2024-01-31, 2024-01-31 13:00:00, 2024-01-31T13:00:00Z or 2024.01.31 13:00).";
        return false;
    }

    private static bool TryPrice(CsvReader reader, int column, string name, IFormatProvider provider, out decimal value, out string? error)
    {
        var field = reader.GetSpan(column);
        error = null;
        if (IsNull(field))
        {
            value = 0;
            error = field.IsEmpty ? $"{name} is empty." : $"{name} is missing ('{Show(field)}').";
            return false;
        }
        if (!TryNumber(field, provider, out value))
        {
            error = $"{name} '{Show(field)}' is not a number.";
            return false;
        }
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<byte> field, IFormatProvider provider, out decimal value) =>
        ReferenceEquals(provider, CommaDecimal)
            ? decimal.TryParse(field, NumberStyles.Float, provider, out value)
            : FastNumber.TryParseDecimal(field, provider, NumberStyles.Float | NumberStyles.AllowThousands, out value);

    private static bool TryVolume(ReadOnlySpan<byte> field, IFormatProvider provider, out double value) =>
        double.TryParse(field, ReferenceEquals(provider, CommaDecimal) ? NumberStyles.Float : NumberStyles.Float | NumberStyles.AllowThousands, provider, out value)
        && double.IsFinite(value);

    private static bool IsNull(ReadOnlySpan<byte> field) =>
        field.IsEmpty
        || field.SequenceEqual("null"u8) || field.SequenceEqual("NULL"u8) || field.SequenceEqual("Null"u8)
        || field.SequenceEqual("NaN"u8) || field.SequenceEqual("nan"u8) || field.SequenceEqual("N/A"u8) || field.SequenceEqual("-"u8);

    private static string Show(ReadOnlySpan<byte> field)
    {
        string s = Encoding.UTF8.GetString(field.Length > 40 ? field[..40] : field);
        return field.Length > 40 ? s + "…" : s;
    }
}
