using System.Collections.Concurrent;
using Velocitas.Data;
using Velocitas.Data.Import;
using Velocitas.Data.Storage;
using Velocitas.Engine.Live;
using Velocitas.Engine.Market;
using Velocitas.Engine.Market.Exchanges;

namespace Velocitas.Web.Services.Downloads;

/// <summary>
/// Downloads and updates of exchange datasets as background jobs: several at once, independent of any page (their
/// progress can be read again at any time), cancelled cleanly at shutdown. A download stores what it fetched as a new
/// dataset (marked incomplete when cancelled or failed part-way) with the same import report as a CSV upload (gaps
/// are the exchange's outages, reported, never filled in); an update appends only the missing candles in one
/// transaction. Automatic updates run for datasets that ask for them (off by default).
/// </summary>
public sealed class DownloadService(ExchangeCatalog exchanges, DatasetStore datasets, CandleCache cache, TimeProvider clock, ILogger<DownloadService> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<int, DownloadJob> _jobs = new();
    private readonly Dictionary<int, DateTimeOffset> _autoStarted = []; // dataset → last automatic update (the timer loop's alone)
    private int _nextId;

    /// <summary>Raised when a job starts, advances a page or ends (on a pool thread).</summary>
    public event Action? Changed;

    /// <summary>Every job of this run, newest first.</summary>
    public IReadOnlyList<DownloadJob> Jobs => _jobs.Values.OrderByDescending(j => j.Id).ToList();

    /// <summary>One job, or null.</summary>
    public DownloadJob? Get(int id) => _jobs.GetValueOrDefault(id);

    /// <summary>How many candles of <paramref name="interval"/> open in [from, to).</summary>
    public static long CountCandles(DateTimeOffset from, DateTimeOffset to, Timeframe interval) =>
        to <= from ? 0 : (long)Math.Ceiling((to - from) / interval.Duration);

    /// <summary>Checks the request (exchange, symbol against its market list, interval, dates) and starts the job.</summary>
    public async Task<DownloadJob> StartAsync(DownloadRequest request, CancellationToken ct = default)
    {
        var exchange = exchanges.Get(request.Exchange);
        if (!Timeframe.TryParse(request.Interval, out var interval))
            throw new FeedException($"'{request.Interval}' is not an interval such as 1m, 5m, 1h or 1d.");
        if (!exchange.Intervals.Contains(interval))
            throw new FeedException($"{exchange.DisplayName} has no {interval.Code} candles; use {string.Join(", ", exchange.Intervals.Select(i => i.Code))}.");
        var now = clock.GetUtcNow();
        var to = request.To ?? now;
        if (to > now) to = now;
        if (request.From >= to) throw new FeedException($"from ({request.From:yyyy-MM-dd HH:mm}) must be before to ({to:yyyy-MM-dd HH:mm}); to is exclusive and at most now.");
        var market = await ResolveAsync(exchange, request.Symbol, ct);
        string name = string.IsNullOrWhiteSpace(request.Name)
            ? $"{market.Code} {interval.Code} {exchange.Name} {request.From:yyyy-MM-dd} → {to:yyyy-MM-dd}"
            : request.Name.Trim();
        var job = new DownloadJob(Interlocked.Increment(ref _nextId), "download", exchange.Name, market.Code, market.NativeId, interval.Code,
            request.From, to, CountCandles(request.From, to, interval), now, null);
        Launch(job, token => DownloadAsync(job, exchange, market, interval, name, token));
        return job;
    }

    /// <summary>Starts an update of a downloaded dataset: the candles after its last one, up to now.</summary>
    public async Task<DownloadJob> StartUpdateAsync(int datasetId, CancellationToken ct = default)
    {
        var dataset = await datasets.GetAsync(datasetId, ct) ?? throw new KeyNotFoundException($"Dataset #{datasetId} does not exist.");
        if (!dataset.CanUpdate) throw new FeedException($"Dataset #{datasetId} was not downloaded from an exchange (source {dataset.Source}); only downloaded datasets can be updated.");
        if (_jobs.Values.FirstOrDefault(j => j.DatasetId == datasetId && j.Kind == "update" && j.State == DownloadState.Running) is { } running) return running;
        var exchange = exchanges.Get(dataset.Exchange);
        if (!Timeframe.TryParse(dataset.Timeframe, out var interval)) throw new FeedException($"Dataset #{datasetId} has an unknown interval '{dataset.Timeframe}'.");
        var market = await ResolveAsync(exchange, dataset.ExchangeSymbol!, ct);
        var now = clock.GetUtcNow();
        var from = dataset.Last + interval.Duration;
        var job = new DownloadJob(Interlocked.Increment(ref _nextId), "update", exchange.Name, market.Code, market.NativeId, interval.Code,
            from, now, CountCandles(from, now, interval), now, datasetId);
        Launch(job, token => UpdateAsync(job, exchange, market, interval, dataset, token));
        return job;
    }

    /// <summary>Asks a running job to stop; false when there is no such running job.</summary>
    public bool Cancel(int id)
    {
        if (!_jobs.TryGetValue(id, out var job) || job.State != DownloadState.Running) return false;
        job.Cancellation.Cancel();
        return true;
    }

    /// <summary>Waits for a job to end (the command line runs one job to its end).</summary>
    public Task WaitAsync(DownloadJob job) => job.Completion;

    private async Task<ExchangeSymbol> ResolveAsync(IExchange exchange, string symbol, CancellationToken ct)
    {
        try
        {
            return await exchange.ResolveAsync(symbol, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or RateLimitedException)
        {
            throw new FeedException($"{exchange.DisplayName} could not be reached: {ex.Message}", ex);
        }
    }

    private void Launch(DownloadJob job, Func<CancellationToken, Task> work)
    {
        _jobs[job.Id] = job;
        Notify();
        job.Completion = Task.Run(async () =>
        {
            try
            {
                await work(job.Cancellation.Token);
            }
            catch (Exception ex)
            {
                job.State = DownloadState.Failed;
                job.Error ??= ex.Message;
                logger.LogWarning(ex, "Download job {Id} failed", job.Id);
            }
            finally
            {
                job.FinishedAt ??= clock.GetUtcNow();
                Notify();
            }
        });
    }

    private async Task DownloadAsync(DownloadJob job, IExchange exchange, ExchangeSymbol market, Timeframe interval, string name, CancellationToken ct)
    {
        var (candles, duplicates, stopped) = await FetchAsync(job, exchange, market, interval, ct);
        bool incomplete = stopped != DownloadState.Completed;
        if (candles.Count == 0)
        {
            job.State = stopped;
            job.Error ??= stopped == DownloadState.Completed
                ? $"{exchange.DisplayName} has no {market.NativeId} {interval.Code} candles between {job.From:yyyy-MM-dd HH:mm} and {job.To:yyyy-MM-dd HH:mm}; nothing was stored."
                : "Stopped before any candle arrived; nothing was stored.";
            if (stopped == DownloadState.Completed) job.State = DownloadState.Failed;
            return;
        }
        var array = candles.ToArray();
        if (incomplete) job.Notes.Add($"Stopped at {job.Through:yyyy-MM-dd HH:mm} UTC before the end of the range ({job.To:yyyy-MM-dd HH:mm}): the dataset is marked incomplete.");
        var report = Report(array, interval, duplicates, market, exchange, job.Notes);
        var entity = await datasets.SaveAsync(name, market.Code, interval, array, "exchange", null, CsvFormat.ExchangeDownload.ToName(),
            VelocitasJson.Serialize(report), null, CancellationToken.None, new DownloadOrigin(exchange.Name, market.NativeId, incomplete));
        job.DatasetId = entity.Id;
        job.Report = report;
        job.State = stopped;
    }

    private async Task UpdateAsync(DownloadJob job, IExchange exchange, ExchangeSymbol market, Timeframe interval, DatasetSummary dataset, CancellationToken ct)
    {
        var (candles, duplicates, stopped) = await FetchAsync(job, exchange, market, interval, ct);
        if (stopped != DownloadState.Completed)
        {
            job.State = stopped;
            job.Notes.Add("The update was stopped; the dataset is unchanged (an update is stored in one transaction).");
            return;
        }
        var array = candles.ToArray();
        var previous = await datasets.LoadCandlesAsync(dataset.Id, dataset.Last, dataset.Last, CancellationToken.None);
        var report = Report([.. previous, .. array], interval, duplicates, market, exchange, job.Notes) with { RowsRead = array.Length, RowsImported = array.Length, First = array.Length > 0 ? array[0].Time : null };
        // complete up to now: a download that was cut short (incomplete) is whole once an update has fetched the rest
        int added = await datasets.AppendAsync(dataset.Id, array, null, incomplete: false, CancellationToken.None);
        cache.Evict(dataset.Id);
        job.Report = report with { RowsImported = added, Notes = [.. report.Notes, added == 0 ? "Already up to date: no closed candle is missing." : $"Added {added:N0} candle(s) after {dataset.Last:yyyy-MM-dd HH:mm} UTC."] };
        job.State = DownloadState.Completed;
    }

    /// <summary>Fetches the job's range page by page; returns what arrived and how it ended.</summary>
    private async Task<(List<Candle> Candles, long Duplicates, DownloadState Ended)> FetchAsync(DownloadJob job, IExchange exchange, ExchangeSymbol market, Timeframe interval, CancellationToken ct)
    {
        var candles = new List<Candle>((int)Math.Min(job.ExpectedCandles, 10_000_000));
        long duplicates = 0;
        try
        {
            await foreach (var page in exchange.GetKlinesAsync(market, interval, job.From, job.To, ct).WithCancellation(ct))
            {
                int added = 0;
                foreach (var c in page.Candles)
                {
                    if (candles.Count > 0 && c.Time <= candles[^1].Time) { duplicates++; continue; }
                    candles.Add(c);
                    added++;
                }
                if (page.Note is { } note) lock (job.Notes) job.Notes.Add(note);
                job.Advance(added, page.Through);
                Notify();
            }
            return (candles, duplicates, DownloadState.Completed);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return (candles, duplicates, DownloadState.Cancelled);
        }
        catch (Exception ex) when (ex is HttpRequestException or RateLimitedException or FeedException or IOException)
        {
            job.Error = $"{exchange.DisplayName}: {ex.Message}";
            return (candles, duplicates, DownloadState.Failed);
        }
    }

    private static ImportReport Report(Candle[] candles, Timeframe interval, long duplicates, ExchangeSymbol market, IExchange exchange, IEnumerable<string> notes)
    {
        var gaps = CandleFileParser.FindGaps(candles, interval);
        var all = new List<string> { $"Downloaded from {exchange.DisplayName} ({market.NativeId}); tick size {market.TickSize.Plain()}, lot size {market.LotSize.Plain()}." };
        all.AddRange(notes);
        if (gaps.Count > 0) all.Add($"{gaps.Count:N0} gap(s) where {exchange.DisplayName} has no candles (outages or no trades); they are reported, not filled in.");
        var outliers = CandleOutliers.Find(candles); // the same check as a CSV import: flagged, never changed
        if (outliers.Count > 0) all.Add($"{outliers.Count:N0} candle(s) far from their neighbours (first {outliers[0].Time:yyyy-MM-dd HH:mm}); flagged, not changed: see the outliers.");
        return new ImportReport
        {
            Format = CsvFormat.ExchangeDownload,
            Timeframe = interval,
            RowsRead = candles.Length + duplicates,
            RowsImported = candles.Length,
            DuplicatesDropped = duplicates,
            RowsRejected = [],
            RejectedCount = 0,
            Gaps = gaps,
            Outliers = outliers,
            First = candles.Length > 0 ? candles[0].Time : null,
            Last = candles.Length > 0 ? candles[^1].Time : null,
            Notes = all,
            Symbol = market.Code,
        };
    }

    private void Notify()
    {
        try
        {
            Changed?.Invoke();
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "A download listener failed");
        }
    }

    /// <summary>How often datasets are checked for an automatic update.</summary>
    public static readonly TimeSpan AutoUpdateCheck = TimeSpan.FromMinutes(1);

    /// <summary>When the automatic updates last looked at the datasets (null before the first look).</summary>
    public DateTimeOffset? AutoUpdateCheckedAt { get; private set; }

    /// <summary>
    /// Automatic updates: every <see cref="AutoUpdateCheck"/> on the app's clock, a downloaded dataset with an interval set
    /// (off by default) is updated once that interval has passed since its last candle closed.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(AutoUpdateCheck, clock); // created before the first await: no tick is missed
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = clock.GetUtcNow();
                IReadOnlyList<DatasetSummary> list;
                try
                {
                    list = await datasets.ListAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Automatic updates could not read the datasets; trying again in {Minutes} min.", AutoUpdateCheck.TotalMinutes);
                    continue;
                }
                foreach (var d in list.Where(d => d.CanUpdate && d.AutoUpdateMinutes is not null))
                {
                    var every = TimeSpan.FromMinutes(d.AutoUpdateMinutes!.Value);
                    var closed = d.Last + (Timeframe.TryParse(d.Timeframe, out var tf) ? tf.Duration : TimeSpan.Zero);
                    // at most one automatic update per interval (a tick queued while the last one ran finds nothing new to ask)
                    if (now - closed < every || (_autoStarted.TryGetValue(d.Id, out var last) && now - last < every)) continue;
                    try
                    {
                        _autoStarted[d.Id] = now;
                        var job = await StartUpdateAsync(d.Id, stoppingToken);
                        logger.LogInformation("Automatic update of dataset #{Id} started (job #{Job}).", d.Id, job.Id);
                    }
                    catch (Exception ex) when (ex is FeedException or KeyNotFoundException)
                    {
                        logger.LogWarning("Automatic update of dataset #{Id} not started: {Message}", d.Id, ex.Message);
                    }
                }
                AutoUpdateCheckedAt = now;
                Notify();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>At shutdown: no more automatic updates start; every running job stops and stores what it has.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var job in _jobs.Values.Where(j => j.State == DownloadState.Running)) job.Cancellation.Cancel();
        await Task.WhenAll(_jobs.Values.Select(j => j.Completion)).WaitAsync(cancellationToken);
    }
}
