using Velocitas.Data.Storage;
using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Web.Services;

/// <summary>A finished backtest, its dataset and (when saved) its History id.</summary>
public sealed record BacktestOutcome(BacktestResult Result, DatasetSummary Dataset, int? SavedId, IReadOnlyList<Candle> Candles);
