using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Velocitas.Data.Entities;
using Velocitas.Data.Import;
using Velocitas.Engine.Market;

namespace Velocitas.Data.Storage;

/// <summary>
/// Datasets of candles: import (all or nothing), list, load, rename, delete. With <paramref name="files"/>, each
/// dataset also has a binary candle file that whole-dataset loads read instead of the database (written at import,
/// removed when the candles change or the dataset is deleted, rewritten from the database when missing, stale or damaged).
/// </summary>
public sealed class DatasetStore(IDbContextFactory<VelocitasDbContext> factory, TimeProvider clock, CandleFiles? files = null)
{
    /// <summary>
    /// Stores a parsed file as a new dataset in one transaction: on any failure nothing is kept.
    /// </summary>
    public async Task<DatasetImport> ImportAsync(ParsedCandleFile parsed, string name, string? symbol, string source, string? fileName,
        IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var report = parsed.Report;
        string sym = NormalizeSymbol(symbol ?? report.Symbol ?? SymbolFromFileName(fileName) ?? name);
        var entity = await SaveAsync(name, sym, report.Timeframe, parsed.Candles, source, fileName, report.Format.ToName(),
            VelocitasJson.Serialize(report), progress, ct);
        return new DatasetImport(DatasetSummary.From(entity), report);
    }

    /// <summary>Stores candles as a new dataset in one transaction.</summary>
    public async Task<DatasetEntity> SaveAsync(string name, string symbol, Timeframe? timeframe, Candle[] candles, string source,
        string? fileName = null, string? format = null, string? reportJson = null, IProgress<double>? progress = null, CancellationToken ct = default,
        DownloadOrigin? origin = null)
    {
        if (candles.Length == 0) throw new ArgumentException("A dataset needs at least one candle.", nameof(candles));
        var tf = timeframe ?? Timeframe.Infer(candles) ?? Timeframe.OneDay;
        await using var db = await factory.CreateDbContextAsync(ct);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var entity = new DatasetEntity
            {
                Name = Clean(name),
                Symbol = NormalizeSymbol(symbol),
                Timeframe = tf.Code,
                TimeframeSeconds = (long)tf.Duration.TotalSeconds,
                Source = source,
                FileName = fileName,
                Format = format,
                RowCount = candles.Length,
                FirstTime = candles[0].Time,
                LastTime = candles[^1].Time,
                ImportReportJson = reportJson,
                CreatedAt = clock.GetUtcNow(),
                Exchange = origin?.Exchange,
                ExchangeSymbol = origin?.ExchangeSymbol,
                Incomplete = origin?.Incomplete ?? false,
            };
            db.Datasets.Add(entity);
            await db.SaveChangesAsync(ct);
            bool inBlocks = CandleBlockStore.CanStore(candles);
            // the candle file is written from the same encoded blocks as the database, and replaces nothing until committed
            using var file = inBlocks ? files?.BeginWrite(entity.Id) : null;
            await WriteCandlesAsync(db, tx, entity.Id, candles, inBlocks, progress, ct, file);
            await tx.CommitAsync(ct);
            file?.Complete(StampOf(entity));
            return entity;
        });
    }

    /// <summary>
    /// Adds the candles newer than the dataset's last one in one transaction (all or nothing) and updates its row
    /// count, last time and, when given, its stored report. Returns the candles added (0 when nothing was newer).
    /// </summary>
    public async Task<int> AppendAsync(int id, Candle[] candles, string? reportJson = null, bool? incomplete = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var entity = await db.Datasets.FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new KeyNotFoundException($"Dataset #{id} does not exist.");
            var newer = candles.Where(c => c.Time > entity.LastTime).ToArray();
            if (newer.Length > 0)
            {
                await WriteCandlesAsync(db, tx, id, newer, CandleBlockStore.CanStore(newer), null, ct);
                entity.RowCount += newer.Length;
                entity.LastTime = newer[^1].Time;
            }
            if (reportJson is not null) entity.ImportReportJson = reportJson;
            if (incomplete is { } inc) entity.Incomplete = inc;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            if (newer.Length > 0) files?.Invalidate(id);
            return newer.Length;
        });
    }

    /// <summary>Turns automatic updates of a downloaded dataset on (every <paramref name="minutes"/>) or off (null); false when it does not exist.</summary>
    public async Task<bool> SetAutoUpdateAsync(int id, int? minutes, CancellationToken ct = default)
    {
        if (minutes is < 1 or > 7 * 24 * 60) throw new ArgumentOutOfRangeException(nameof(minutes), "The automatic update interval must be between 1 minute and 7 days.");
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Datasets.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.AutoUpdateMinutes, minutes), ct) > 0;
    }

    /// <summary>All datasets, newest first.</summary>
    public async Task<IReadOnlyList<DatasetSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Datasets.AsNoTracking().OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).ToListAsync(ct);
        return rows.Select(DatasetSummary.From).ToList();
    }

    /// <summary>One dataset, or null.</summary>
    public async Task<DatasetSummary?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var e = await db.Datasets.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        return e is null ? null : DatasetSummary.From(e);
    }

    /// <summary>The stored import report of a dataset, if it was imported from a file.</summary>
    public async Task<ImportReport?> GetReportAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        string? json = await db.Datasets.Where(d => d.Id == id).Select(d => d.ImportReportJson).FirstOrDefaultAsync(ct);
        return json is null ? null : VelocitasJson.Deserialize<ImportReport>(json);
    }

    /// <summary>
    /// Candles of a dataset in time order, optionally limited to [from, to]. The whole dataset comes from its candle
    /// file when that is current and intact; otherwise from the database, and the file is written again.
    /// </summary>
    public async Task<Candle[]> LoadCandlesAsync(int id, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken ct = default)
    {
        if (files is null || from is not null || to is not null) return await LoadFromDatabaseAsync(id, from, to, ct);
        var stamp = await StampAsync(id, ct);
        if (stamp is null) return [];
        if (files.TryRead(id, stamp.Value) is { } stored) return stored;
        var candles = await LoadFromDatabaseAsync(id, null, null, ct);
        files.TryWrite(id, stamp.Value, candles);
        return candles;
    }

    /// <summary>Datasets of at least this many candles are held as their candle file's blocks by <see cref="LoadSeriesAsync"/>.</summary>
    public int CompactFrom { get; init; } = 1_000_000;

    /// <summary>
    /// The whole dataset for runs that walk it: a big one (<see cref="CompactFrom"/> candles or more) as its candle
    /// file's blocks (~28 bytes a candle instead of 88, decoded as a backtest reads them), any other as one array.
    /// </summary>
    public async Task<CandleSeries> LoadSeriesAsync(int id, CancellationToken ct = default)
    {
        if (files is not null && await StampAsync(id, ct) is { } stamp && stamp.Count >= CompactFrom && files.TryReadCompact(id, stamp) is { } compact)
            return compact;
        return CandleSeries.Of(await LoadCandlesAsync(id, ct: ct));
    }

    /// <summary>The stamp a dataset's candle file must carry: its row count, first and last time and creation time; null when it does not exist.</summary>
    public async Task<CandleFileStamp?> StampAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var e = await db.Datasets.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        return e is null ? null : StampOf(e);
    }

    private static CandleFileStamp StampOf(DatasetEntity e) =>
        new(e.Id, e.RowCount, e.FirstTime.ToUnixTimeMilliseconds(), e.LastTime.ToUnixTimeMilliseconds(), e.CreatedAt.ToUnixTimeMilliseconds());

    private async Task<Candle[]> LoadFromDatabaseAsync(int id, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await CandleBlockStore.LoadAsync(db, id, from, to, ct);
    }

    /// <summary>Candles go in blocks (~28 bytes each); a price too long for a block (over 63 bits of mantissa) keeps the batch in rows.</summary>
    private static Task WriteCandlesAsync(VelocitasDbContext db, IDbContextTransaction tx, int id, Candle[] candles, bool inBlocks, IProgress<double>? progress,
        CancellationToken ct, CandleFiles.PendingFile? file = null) =>
        inBlocks
            ? CandleBlockStore.WriteAsync(db, id, candles, progress, ct, file)
            : CandleBulkWriter.WriteAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), id, candles, progress, ct);

    /// <summary>Renames a dataset; false when it does not exist.</summary>
    public async Task<bool> RenameAsync(int id, string name, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A dataset name cannot be empty.", nameof(name));
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Datasets.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Name, Clean(name)), ct) > 0;
    }

    /// <summary>Deletes a dataset and its candles; false when it does not exist. Saved backtests keep their results.</summary>
    public async Task<bool> DeleteAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await CandleBlockStore.DeleteAsync(db, id, ct);
        await db.BacktestRuns.Where(r => r.DatasetId == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.DatasetId, (int?)null), ct);
        int n = await db.Datasets.Where(d => d.Id == id).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        files?.Invalidate(id);
        return n > 0;
    }

    /// <summary>"BTCUSDT-1m-2021-05.csv" → BTCUSDT, "Binance_ETHUSDT_1h.csv" → ETHUSDT; null when no symbol-like part.</summary>
    public static string? SymbolFromFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName)) return null;
        string stem = Path.GetFileNameWithoutExtension(fileName);
        foreach (string part in stem.Split(['-', '_', ' ', '.']))
        {
            if (part.Length >= 3 && part.All(char.IsAsciiLetterUpper) && !part.Equals("BINANCE", StringComparison.OrdinalIgnoreCase)) return part;
        }
        return null;
    }

    private static string NormalizeSymbol(string symbol)
    {
        string s = new(symbol.Trim().ToUpperInvariant().Where(ch => char.IsAsciiLetterOrDigit(ch)).ToArray());
        return s.Length == 0 ? "UNKNOWN" : s.Length > 40 ? s[..40] : s;
    }

    private static string Clean(string name)
    {
        string n = name.Trim();
        return n.Length > 200 ? n[..200] : n;
    }
}
