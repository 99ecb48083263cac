using Microsoft.EntityFrameworkCore;
using Velocitas.Data.Entities;
using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;

namespace Velocitas.Data.Storage;

/// <summary>Saved backtests: save, list (filter, sort), open, delete.</summary>
public sealed class BacktestStore(IDbContextFactory<VelocitasDbContext> factory, TimeProvider clock)
{
    /// <summary>Saves a run with its trades and (down-sampled) equity curve; returns its id.</summary>
    public async Task<int> SaveAsync(BacktestResult result, string datasetName, int? datasetId, string symbol, string origin, CancellationToken ct = default) =>
        await SaveAsync(result, datasetName, datasetId, symbol, origin, null, null, ct);

    /// <summary>Saves a run whose trades are on several coins (a portfolio), with notes (JSON) shown with it.</summary>
    public async Task<int> SaveAsync(BacktestResult result, string datasetName, int? datasetId, string symbol, string origin,
        IReadOnlyList<string>? tradeSymbols, string? notes, CancellationToken ct = default)
    {
        var m = result.Metrics;
        var entity = new BacktestRunEntity
        {
            CreatedAt = clock.GetUtcNow(),
            Origin = origin,
            StrategyId = result.StrategyId,
            ParametersJson = VelocitasJson.Serialize(result.Parameters.ToDictionary(p => p.Key, p => p.Value)),
            SettingsJson = VelocitasJson.Serialize(result.Settings),
            DatasetId = datasetId,
            DatasetName = datasetName,
            Symbol = symbol,
            Timeframe = result.Timeframe.Code,
            Candles = result.Candles,
            FirstTime = result.First,
            LastTime = result.Last,
            MetricsJson = VelocitasJson.Serialize(m),
            EquityJson = VelocitasJson.Serialize(EquitySampler.Sample(result.Equity).Select(e => new object[] { e.Time.ToUnixTimeMilliseconds(), e.Value })),
            FinalEquity = m.FinalEquity,
            TotalReturnPct = m.TotalReturnPct,
            MaxDrawdownPct = m.MaxDrawdownPct,
            Sharpe = m.Sharpe,
            WinRatePct = m.WinRatePct,
            ProfitFactor = m.ProfitFactor,
            TradeCount = m.Trades,
            Notes = notes,
            OutputJson = StrategyOutputJson.Serialize(result.Output),
        };
        var trades = result.Trades.Select((t, i) => ToEntity(t, tradeSymbols is not null && i < tradeSymbols.Count ? tradeSymbols[i] : symbol)).ToList();
        await using var db = await factory.CreateDbContextAsync(ct);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            // the run, then its trades in bulk (a long run holds thousands), in one transaction
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.BacktestRuns.Add(entity);
            await db.SaveChangesAsync(ct);
            await TradeBulkWriter.WriteAsync(db.Database.GetDbConnection(), entity.Id, trades, ct);
            await tx.CommitAsync(ct);
            return entity.Id;
        });
    }

    /// <summary>How many runs are saved.</summary>
    public async Task<int> CountAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.BacktestRuns.CountAsync(ct);
    }

    /// <summary>Saved runs matching <paramref name="query"/>.</summary>
    public async Task<IReadOnlyList<BacktestSummary>> ListAsync(BacktestQuery? query = null, CancellationToken ct = default)
    {
        query ??= new BacktestQuery();
        await using var db = await factory.CreateDbContextAsync(ct);
        IQueryable<BacktestRunEntity> q = db.BacktestRuns.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Strategy)) q = q.Where(r => r.StrategyId == query.Strategy);
        if (!string.IsNullOrWhiteSpace(query.Symbol)) q = q.Where(r => r.Symbol == query.Symbol.ToUpper());
        q = (query.SortBy.ToLowerInvariant(), query.Descending) switch
        {
            ("return", true) => q.OrderByDescending(r => r.TotalReturnPct),
            ("return", false) => q.OrderBy(r => r.TotalReturnPct),
            ("drawdown", true) => q.OrderByDescending(r => r.MaxDrawdownPct),
            ("drawdown", false) => q.OrderBy(r => r.MaxDrawdownPct),
            ("sharpe", true) => q.OrderByDescending(r => r.Sharpe),
            ("sharpe", false) => q.OrderBy(r => r.Sharpe),
            ("trades", true) => q.OrderByDescending(r => r.TradeCount),
            ("trades", false) => q.OrderBy(r => r.TradeCount),
            ("winrate", true) => q.OrderByDescending(r => r.WinRatePct),
            ("winrate", false) => q.OrderBy(r => r.WinRatePct),
            ("profitfactor", true) => q.OrderByDescending(r => r.ProfitFactor),
            ("profitfactor", false) => q.OrderBy(r => r.ProfitFactor),
            (_, false) => q.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id),
            _ => q.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
        };
        var rows = await q.Take(query.Limit).ToListAsync(ct);
        return rows.Select(ToSummary).ToList();
    }

    /// <summary>One run with trades and equity, or null.</summary>
    public async Task<BacktestDetails?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var e = await db.BacktestRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (e is null) return null;
        var trades = await db.Trades.AsNoTracking().Where(t => t.BacktestRunId == id).OrderBy(t => t.EntryTime).ThenBy(t => t.Id).ToListAsync(ct);
        var equity = VelocitasJson.Deserialize<decimal[][]>(e.EquityJson)
            .Select(p => new Equity(DateTimeOffset.FromUnixTimeMilliseconds((long)p[0]), p[1])).ToList();
        return new BacktestDetails(
            ToSummary(e),
            VelocitasJson.Deserialize<ExecutionSettings>(e.SettingsJson),
            VelocitasJson.Deserialize<PerformanceMetrics>(e.MetricsJson),
            trades.Select(FromEntity).ToList(),
            equity,
            e.FirstTime,
            e.LastTime)
        {
            TradeSymbols = trades.Select(t => t.Symbol).ToList(),
            Notes = e.Notes,
            Output = StrategyOutputJson.Deserialize(e.OutputJson),
        };
    }

    /// <summary>Deletes a run and its trades; false when it does not exist.</summary>
    public async Task<bool> DeleteAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var e = await db.BacktestRuns.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (e is null) return false;
        db.BacktestRuns.Remove(e);
        await db.Trades.Where(t => t.BacktestRunId == id).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The strategies and symbols that have saved runs (for filter pickers).</summary>
    public async Task<(IReadOnlyList<string> Strategies, IReadOnlyList<string> Symbols)> FacetsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var strategies = await db.BacktestRuns.Select(r => r.StrategyId).Distinct().OrderBy(s => s).ToListAsync(ct);
        var symbols = await db.BacktestRuns.Select(r => r.Symbol).Distinct().OrderBy(s => s).ToListAsync(ct);
        return (strategies, symbols);
    }

    internal static TradeEntity ToEntity(Trade t, string symbol) => new()
    {
        Symbol = symbol,
        EntryTime = t.EntryTime,
        ExitTime = t.ExitTime,
        Quantity = t.Quantity,
        EntryPrice = t.EntryPrice,
        ExitPrice = t.ExitPrice,
        Pnl = t.Pnl,
        Fees = t.Fees,
        ReturnPct = t.ReturnPct,
        ExitReason = t.ExitReason.ToName(),
    };

    internal static Trade FromEntity(TradeEntity t) =>
        new(t.EntryTime, t.ExitTime, t.Quantity, t.EntryPrice, t.ExitPrice, t.Pnl, t.Fees, ExitReasonNames.Parse(t.ExitReason));

    private static BacktestSummary ToSummary(BacktestRunEntity e) => new(
        e.Id, e.CreatedAt, e.Origin, e.StrategyId, VelocitasJson.Deserialize<Dictionary<string, double>>(e.ParametersJson),
        e.DatasetName, e.DatasetId, e.Symbol, e.Timeframe, e.Candles, e.FinalEquity, e.TotalReturnPct, e.MaxDrawdownPct,
        e.Sharpe, e.WinRatePct, e.ProfitFactor, e.TradeCount);
}
