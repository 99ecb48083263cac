using Velocitas.Data.Storage;
using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Web.Services;

/// <summary>What to backtest: a dataset, or the part of it from <paramref name="From"/> (inclusive) to <paramref name="To"/> (exclusive), UTC.</summary>
public sealed record BacktestRequest(int DatasetId, string StrategyId, IReadOnlyDictionary<string, double>? Parameters, ExecutionSettings Settings, bool Save = true, string Origin = "ui",
    DateTimeOffset? From = null, DateTimeOffset? To = null);
