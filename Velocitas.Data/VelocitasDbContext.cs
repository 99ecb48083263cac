using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Velocitas.Data.Entities;

namespace Velocitas.Data;

/// <summary>
/// The Velocitas database. Provider-neutral model; <see cref="SqliteVelocitasDbContext"/> and
/// <see cref="PostgresVelocitasDbContext"/> carry each provider's migrations. Times are stored as Unix
/// milliseconds so both providers sort and compare them in SQL.
/// </summary>
public abstract class VelocitasDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<DatasetEntity> Datasets => Set<DatasetEntity>();
    public DbSet<CandleEntity> Candles => Set<CandleEntity>();
    public DbSet<CandleBlockEntity> CandleBlocks => Set<CandleBlockEntity>();
    public DbSet<BacktestRunEntity> BacktestRuns => Set<BacktestRunEntity>();
    public DbSet<TradeEntity> Trades => Set<TradeEntity>();
    public DbSet<StrategyInstanceEntity> StrategyInstances => Set<StrategyInstanceEntity>();
    public DbSet<OptimizationRunEntity> OptimizationRuns => Set<OptimizationRunEntity>();
    public DbSet<AlertEntity> Alerts => Set<AlertEntity>();
    public DbSet<AlertRuleEntity> AlertRules => Set<AlertRuleEntity>();
    public DbSet<AppSettingEntity> Settings => Set<AppSettingEntity>();
    public DbSet<PortfolioEquityEntity> PortfolioEquity => Set<PortfolioEquityEntity>();

    /// <summary>Strategies written in the Lab.</summary>
    public DbSet<UserStrategyEntity> UserStrategies => Set<UserStrategyEntity>();

    /// <summary>Their immutable versions.</summary>
    public DbSet<UserStrategyVersionEntity> UserStrategyVersions => Set<UserStrategyVersionEntity>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(28, 10);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<DatasetEntity>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Symbol).HasMaxLength(40);
            e.Property(x => x.Timeframe).HasMaxLength(10);
            e.Property(x => x.Exchange).HasMaxLength(20);
            e.Property(x => x.ExchangeSymbol).HasMaxLength(40);
            e.HasIndex(x => x.Name);
        });
        model.Entity<CandleEntity>(e =>
        {
            e.HasKey(x => new { x.DatasetId, x.Time });
            e.HasOne<DatasetEntity>().WithMany().HasForeignKey(x => x.DatasetId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<CandleBlockEntity>(e =>
        {
            e.HasKey(x => new { x.DatasetId, x.FirstTime });
            e.HasOne<DatasetEntity>().WithMany().HasForeignKey(x => x.DatasetId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<BacktestRunEntity>(e =>
        {
            e.HasIndex(x => x.CreatedAt);
            e.HasIndex(x => x.StrategyId);
            e.HasIndex(x => x.Symbol);
            e.HasMany(x => x.Trades).WithOne().HasForeignKey(x => x.BacktestRunId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<TradeEntity>(e =>
        {
            // live trades only: a saved backtest's trades (no instance) would land all over it, a leaf page each, since
            // every run on the same dataset has the same exit times (a 5,500-trade run wrote ~20 MB to save)
            e.HasIndex(x => new { x.StrategyInstanceId, x.ExitTime }).HasFilter("\"StrategyInstanceId\" IS NOT NULL");
            e.HasOne<StrategyInstanceEntity>().WithMany().HasForeignKey(x => x.StrategyInstanceId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<OptimizationRunEntity>(e => e.HasIndex(x => x.CreatedAt));
        model.Entity<AlertEntity>(e =>
        {
            e.HasIndex(x => x.Time);
            e.HasIndex(x => new { x.State, x.Time });
            e.HasIndex(x => x.RuleId);
        });
        model.Entity<AlertRuleEntity>(e => e.Property(x => x.Name).HasMaxLength(200));
        model.Entity<StrategyInstanceEntity>(e => e.Property(x => x.Market).HasMaxLength(300));
        model.Entity<PortfolioEquityEntity>(e => e.ToTable("PortfolioEquity"));
        model.Entity<UserStrategyEntity>(e =>
        {
            e.Property(x => x.Key).HasMaxLength(60);
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasIndex(x => x.Key).IsUnique();
            e.HasMany(x => x.Versions).WithOne().HasForeignKey(x => x.UserStrategyId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<UserStrategyVersionEntity>(e =>
        {
            e.Property(x => x.ClassName).HasMaxLength(200);
            e.HasIndex(x => new { x.UserStrategyId, x.Number }).IsUnique();
        });
        model.Entity<AppSettingEntity>(e =>
        {
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(100);
        });
    }

    /// <summary>Stores DateTimeOffset as UTC Unix milliseconds.</summary>
    private sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.ToUnixTimeMilliseconds(),
        v => DateTimeOffset.FromUnixTimeMilliseconds(v));
}

/// <summary>The context on SQLite (the default); owns the SQLite migrations.</summary>
public sealed class SqliteVelocitasDbContext(DbContextOptions<SqliteVelocitasDbContext> options) : VelocitasDbContext(options);

/// <summary>The context on PostgreSQL; owns the PostgreSQL migrations.</summary>
public sealed class PostgresVelocitasDbContext(DbContextOptions<PostgresVelocitasDbContext> options) : VelocitasDbContext(options);
