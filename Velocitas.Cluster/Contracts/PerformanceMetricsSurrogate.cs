using Velocitas.Engine.Backtesting;

namespace Velocitas.Cluster.Contracts;

/// <summary>How <see cref="PerformanceMetrics"/> travels between silos: every figure, exactly (doubles and decimals bit for bit).</summary>
[GenerateSerializer]
public struct PerformanceMetricsSurrogate
{
    [Id(0)] public decimal FinalEquity;
    [Id(1)] public double TotalReturnPct;
    [Id(2)] public double BuyAndHoldReturnPct;
    [Id(3)] public double CagrPct;
    [Id(4)] public double MaxDrawdownPct;
    [Id(5)] public TimeSpan MaxDrawdownDuration;
    [Id(6)] public TimeSpan LongestDrawdownDuration;
    [Id(7)] public double? Sharpe;
    [Id(8)] public double? Sortino;
    [Id(9)] public double? Calmar;
    [Id(10)] public int Trades;
    [Id(11)] public double? WinRatePct;
    [Id(12)] public double? ProfitFactor;
    [Id(13)] public decimal? Expectancy;
    [Id(14)] public double? AvgTradePct;
    [Id(15)] public double? BestTradePct;
    [Id(16)] public double? WorstTradePct;
    [Id(17)] public double ExposurePct;
    [Id(18)] public decimal FeesPaid;
    [Id(19)] public double? Sqn;
}

/// <summary>Converts <see cref="PerformanceMetrics"/> to and from its surrogate.</summary>
[RegisterConverter]
public sealed class PerformanceMetricsConverter : IConverter<PerformanceMetrics, PerformanceMetricsSurrogate>
{
    /// <inheritdoc />
    public PerformanceMetrics ConvertFromSurrogate(in PerformanceMetricsSurrogate s) => new()
    {
        FinalEquity = s.FinalEquity, TotalReturnPct = s.TotalReturnPct, BuyAndHoldReturnPct = s.BuyAndHoldReturnPct, CagrPct = s.CagrPct,
        MaxDrawdownPct = s.MaxDrawdownPct, MaxDrawdownDuration = s.MaxDrawdownDuration, LongestDrawdownDuration = s.LongestDrawdownDuration,
        Sharpe = s.Sharpe, Sortino = s.Sortino, Calmar = s.Calmar, Trades = s.Trades, WinRatePct = s.WinRatePct, ProfitFactor = s.ProfitFactor,
        Expectancy = s.Expectancy, AvgTradePct = s.AvgTradePct, BestTradePct = s.BestTradePct, WorstTradePct = s.WorstTradePct,
        ExposurePct = s.ExposurePct, FeesPaid = s.FeesPaid, Sqn = s.Sqn,
    };

    /// <inheritdoc />
    public PerformanceMetricsSurrogate ConvertToSurrogate(in PerformanceMetrics m) => new()
    {
        FinalEquity = m.FinalEquity, TotalReturnPct = m.TotalReturnPct, BuyAndHoldReturnPct = m.BuyAndHoldReturnPct, CagrPct = m.CagrPct,
        MaxDrawdownPct = m.MaxDrawdownPct, MaxDrawdownDuration = m.MaxDrawdownDuration, LongestDrawdownDuration = m.LongestDrawdownDuration,
        Sharpe = m.Sharpe, Sortino = m.Sortino, Calmar = m.Calmar, Trades = m.Trades, WinRatePct = m.WinRatePct, ProfitFactor = m.ProfitFactor,
        Expectancy = m.Expectancy, AvgTradePct = m.AvgTradePct, BestTradePct = m.BestTradePct, WorstTradePct = m.WorstTradePct,
        ExposurePct = m.ExposurePct, FeesPaid = m.FeesPaid, Sqn = m.Sqn,
    };
}
