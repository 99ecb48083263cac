using Microsoft.EntityFrameworkCore;
using Velocitas.Data.Entities;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Live;

namespace Velocitas.Data.Storage;

/// <summary>A page of live trades.</summary>
public sealed record TradePage(IReadOnlyList<LiveTrade> Items, int Total, int Page, int PageSize);

/// <summary>Live instances, their accounts and trades in the database (the engine's <see cref="ILiveStore"/>).</summary>
public sealed class LiveStore(IDbContextFactory<VelocitasDbContext> factory, TimeProvider clock) : ILiveStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<PersistedInstance>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.StrategyInstances.AsNoTracking().Where(i => !i.Removed).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        return rows.Select(e => new PersistedInstance(e.Id, ToSpec(e), e.UpdatedAt is null ? null : ToState(e), e.Paused, e.LastPrice, e.PauseReason)).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PersistedInstance>> LoadClosedAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.StrategyInstances.AsNoTracking().Where(i => i.Removed).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        return rows.Select(e => new PersistedInstance(e.Id, ToSpec(e), e.UpdatedAt is null ? null : ToState(e), true, e.LastPrice)).ToList();
    }

    /// <summary>Settings key prefix of the groups' fund measures.</summary>
    private const string FundKeyPrefix = "live.fund.";

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, FundMeasure>> LoadFundsAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Settings.AsNoTracking().Where(s => s.Key.StartsWith(FundKeyPrefix)).ToListAsync(cancellationToken);
        var funds = new Dictionary<string, FundMeasure>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var parts = row.Value.Split(';');
            if (parts.Length == 3 && double.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out double unit)
                && double.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out double peak)
                && double.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out double maxDd))
                funds[row.Key[FundKeyPrefix.Length..]] = new FundMeasure(unit, peak, maxDd);
        }
        return funds;
    }

    /// <inheritdoc />
    public async Task<int> AddAsync(InstanceSpec spec, CancellationToken cancellationToken)
    {
        var entity = new StrategyInstanceEntity
        {
            StrategyId = spec.StrategyId,
            Symbol = spec.Symbol,
            ParametersJson = VelocitasJson.Serialize(spec.Parameters ?? new Dictionary<string, double>()),
            SettingsJson = VelocitasJson.Serialize(spec.Settings),
            Label = spec.Label,
            WatchOnly = spec.WatchOnly,
            MarketRulesJson = spec.MarketRules is null ? null : VelocitasJson.Serialize(spec.MarketRules),
            CreatedAt = clock.GetUtcNow(),
            Cash = spec.Settings.InitialCash,
            PeakEquity = spec.Settings.InitialCash,
        };
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.StrategyInstances.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return entity.Id;
    }

    /// <inheritdoc />
    public async Task RemoveAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.StrategyInstances.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Removed, true), cancellationToken);
    }

    /// <inheritdoc />
    public async Task SetPausedAsync(int id, bool paused, string? reason, CancellationToken cancellationToken)
    {
        if (reason is { Length: > StrategyInstanceEntity.MaxPauseReasonLength }) reason = string.Concat(reason.AsSpan(0, StrategyInstanceEntity.MaxPauseReasonLength - 1), "…");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.StrategyInstances.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Paused, paused).SetProperty(i => i.PauseReason, reason), cancellationToken);
    }

    /// <inheritdoc />
    public async Task SaveAsync(LiveBatch batch, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var t in batch.Trades)
        {
            var entity = BacktestStore.ToEntity(t.Trade, t.Symbol);
            entity.StrategyInstanceId = t.InstanceId;
            db.Trades.Add(entity);
        }
        if (batch.Accounts.Count > 0)
        {
            var ids = batch.Accounts.Keys.ToList();
            var rows = await db.StrategyInstances.Where(i => ids.Contains(i.Id)).ToListAsync(cancellationToken);
            var now = clock.GetUtcNow();
            foreach (var row in rows)
            {
                var s = batch.Accounts[row.Id];
                row.Cash = s.Cash;
                row.Quantity = s.Quantity;
                row.CostBasis = s.CostBasis;
                row.OpenFees = s.OpenFees;
                row.RealizedPnl = s.RealizedPnl;
                row.FeesPaid = s.FeesPaid;
                row.EntryTime = s.EntryTime;
                row.PendingOrder = s.PendingOrder?.ToString().ToLowerInvariant();
                row.TrailingHigh = s.TrailingHigh;
                row.TradeCount = s.Trades;
                row.WinCount = s.Wins;
                row.PeakEquity = s.PeakEquity;
                row.MaxDrawdown = s.MaxDrawdown;
                row.Market = s.Market;
                row.MarketTime = s.MarketTime;
                if (batch.LastPrices.TryGetValue(row.Id, out decimal price) && price > 0) row.LastPrice = price;
                row.UpdatedAt = now;
            }
        }
        if (batch.Funds is { Count: > 0 } funds)
        {
            var keys = funds.Keys.Select(k => FundKeyPrefix + k).ToList();
            var existing = await db.Settings.Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, cancellationToken);
            foreach (var (key, f) in funds)
            {
                if (FundKeyPrefix.Length + key.Length > 100) continue; // the settings key's length; such a group is measured, not kept across restarts
                string value = FormattableString.Invariant($"{f.UnitValue:R};{f.Peak:R};{f.MaxDrawdownPct:R}");
                if (existing.TryGetValue(FundKeyPrefix + key, out var row)) row.Value = value;
                else db.Settings.Add(new AppSettingEntity { Key = FundKeyPrefix + key, Value = value });
            }
        }
        if (batch.PortfolioEquity is { Count: > 0 } points)
            db.PortfolioEquity.AddRange(points.Select(p => new PortfolioEquityEntity { Time = p.Time, Equity = p.Value }));
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>How many portfolio equity samples are kept (about a day at one a second); older ones go at start-up.</summary>
    public const int PortfolioEquityKept = 100_000;

    /// <inheritdoc />
    public async Task<IReadOnlyList<Equity>> LoadPortfolioEquityAsync(int count, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        long newest = await db.PortfolioEquity.MaxAsync(p => (long?)p.Id, cancellationToken) ?? 0;
        if (newest > PortfolioEquityKept)
            await db.PortfolioEquity.Where(p => p.Id <= newest - PortfolioEquityKept).ExecuteDeleteAsync(cancellationToken);
        var rows = await db.PortfolioEquity.AsNoTracking().OrderByDescending(p => p.Id).Take(count).ToListAsync(cancellationToken);
        rows.Reverse();
        return rows.Select(p => new Equity(p.Time, p.Equity)).ToList();
    }

    /// <summary>Live trades, newest first, optionally of one instance, a page at a time.</summary>
    public async Task<TradePage> TradesAsync(int? instanceId, int page = 1, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 1000);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var q = db.Trades.AsNoTracking().Where(t => t.StrategyInstanceId != null);
        if (instanceId is { } id) q = q.Where(t => t.StrategyInstanceId == id);
        int total = await q.CountAsync(cancellationToken);
        var rows = await q.OrderByDescending(t => t.ExitTime).ThenByDescending(t => t.StrategyInstanceId).ThenByDescending(t => t.EntryTime).ThenByDescending(t => t.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Join(db.StrategyInstances, t => t.StrategyInstanceId, i => i.Id, (t, i) => new { t, i.StrategyId }).ToListAsync(cancellationToken);
        return new TradePage(rows.Select(r => new LiveTrade(r.t.StrategyInstanceId!.Value, r.StrategyId, r.t.Symbol, BacktestStore.FromEntity(r.t))).ToList(), total, page, pageSize);
    }

    private static InstanceSpec ToSpec(StrategyInstanceEntity e) => new()
    {
        StrategyId = e.StrategyId,
        Symbol = e.Symbol,
        Parameters = VelocitasJson.Deserialize<Dictionary<string, double>>(e.ParametersJson),
        Settings = VelocitasJson.Deserialize<ExecutionSettings>(e.SettingsJson),
        Label = e.Label,
        WatchOnly = e.WatchOnly,
        MarketRules = e.MarketRulesJson is null ? null : VelocitasJson.Deserialize<MarketRules>(e.MarketRulesJson),
    };

    private static AccountState ToState(StrategyInstanceEntity e) => new()
    {
        Cash = e.Cash,
        Quantity = e.Quantity,
        CostBasis = e.CostBasis,
        OpenFees = e.OpenFees,
        RealizedPnl = e.RealizedPnl,
        FeesPaid = e.FeesPaid,
        EntryTime = e.EntryTime,
        PendingOrder = e.PendingOrder switch { "buy" => OrderSide.Buy, "sell" => OrderSide.Sell, _ => null },
        TrailingHigh = e.TrailingHigh,
        Trades = e.TradeCount,
        Wins = e.WinCount,
        PeakEquity = e.PeakEquity,
        MaxDrawdown = e.MaxDrawdown,
        Market = e.Market,
        MarketTime = e.MarketTime,
    };
}
