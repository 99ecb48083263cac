using Velocitas.Data.Import;

namespace Velocitas.Web.Services.Downloads;

/// <summary>State of a download or update job.</summary>
public enum DownloadState
{
    /// <summary>Fetching candles.</summary>
    Running,
    /// <summary>Everything asked for was fetched and stored.</summary>
    Completed,
    /// <summary>Stopped by the user or at shutdown; what was fetched is stored, marked incomplete (a download) or dropped (an update).</summary>
    Cancelled,
    /// <summary>Stopped by an error (exchange unreachable, unknown symbol...); <see cref="DownloadJob.Error"/> says which.</summary>
    Failed,
}

/// <summary>A background download (new dataset) or update (candles appended to one), with its progress.</summary>
public sealed class DownloadJob
{
    private long _candles;
    private long _throughTicks;

    internal DownloadJob(int id, string kind, string exchange, string symbol, string nativeId, string interval, DateTimeOffset from, DateTimeOffset to, long expected, DateTimeOffset started, int? datasetId)
    {
        Id = id; Kind = kind; Exchange = exchange; Symbol = symbol; NativeId = nativeId; Interval = interval;
        From = from; To = to; ExpectedCandles = expected; StartedAt = started; DatasetId = datasetId;
        _throughTicks = from.UtcTicks;
    }

    /// <summary>Job number.</summary>
    public int Id { get; }
    /// <summary>download or update.</summary>
    public string Kind { get; }
    /// <summary>Exchange name.</summary>
    public string Exchange { get; }
    /// <summary>Velocitas code of the market (BTCUSDT, BTCUSD).</summary>
    public string Symbol { get; }
    /// <summary>The exchange's own name of the market.</summary>
    public string NativeId { get; }
    /// <summary>Interval code.</summary>
    public string Interval { get; }
    /// <summary>Start of the range.</summary>
    public DateTimeOffset From { get; }
    /// <summary>End of the range (exclusive).</summary>
    public DateTimeOffset To { get; }
    /// <summary>Candles the range holds if the exchange had no outage.</summary>
    public long ExpectedCandles { get; }
    /// <summary>When it started.</summary>
    public DateTimeOffset StartedAt { get; }
    /// <summary>When it ended, if it did.</summary>
    public DateTimeOffset? FinishedAt { get; internal set; }
    /// <summary>State.</summary>
    public DownloadState State { get; internal set; }
    /// <summary>The dataset written (or updated), once stored.</summary>
    public int? DatasetId { get; internal set; }
    /// <summary>Why it failed.</summary>
    public string? Error { get; internal set; }
    /// <summary>The import report (rows, first/last, gaps, notes), once stored.</summary>
    public ImportReport? Report { get; internal set; }
    /// <summary>Notes gathered on the way (archive fallback, ...).</summary>
    public List<string> Notes { get; } = [];
    /// <summary>Candles fetched so far.</summary>
    public long Candles => Interlocked.Read(ref _candles);
    /// <summary>Everything before this time has been fetched.</summary>
    public DateTimeOffset Through => new(Interlocked.Read(ref _throughTicks), TimeSpan.Zero);
    /// <summary>Share of the range done, 0–1.</summary>
    public double Fraction => To <= From ? 1 : Math.Clamp((Through - From) / (To - From), 0, 1);

    internal CancellationTokenSource Cancellation { get; } = new();
    internal Task Completion { get; set; } = Task.CompletedTask;

    internal void Advance(int candles, DateTimeOffset through)
    {
        Interlocked.Add(ref _candles, candles);
        Interlocked.Exchange(ref _throughTicks, through.UtcTicks);
    }

    /// <summary>Candles per second so far.</summary>
    public double CandlesPerSecond(DateTimeOffset now)
    {
        double seconds = ((FinishedAt ?? now) - StartedAt).TotalSeconds;
        return seconds <= 0 ? 0 : Candles / seconds;
    }

    /// <summary>Estimated time left (null until a share of the range is done, or once finished).</summary>
    public TimeSpan? Eta(DateTimeOffset now)
    {
        if (State != DownloadState.Running) return null;
        double f = Fraction;
        if (f <= 0.001) return null;
        return TimeSpan.FromTicks((long)((now - StartedAt).Ticks * (1 - f) / f));
    }

    /// <summary>The job as the API and the page show it.</summary>
    public DownloadStatus Status(DateTimeOffset now) => new(Id, Kind, State.ToString().ToLowerInvariant(), Exchange, Symbol, NativeId, Interval, From, To,
        ExpectedCandles, Candles, Math.Round(Fraction * 100, 1), Math.Round(CandlesPerSecond(now), 1), Eta(now) is { } eta ? Math.Round(eta.TotalSeconds, 1) : null,
        StartedAt, FinishedAt, DatasetId, Error, Notes.ToList(), Report);
}

/// <summary>A job's progress as JSON.</summary>
public sealed record DownloadStatus(int Id, string Kind, string State, string Exchange, string Symbol, string ExchangeSymbol, string Interval,
    DateTimeOffset From, DateTimeOffset To, long ExpectedCandles, long Candles, double Percent, double CandlesPerSecond, double? EtaSeconds,
    DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int? DatasetId, string? Error, IReadOnlyList<string> Notes, ImportReport? Report);
