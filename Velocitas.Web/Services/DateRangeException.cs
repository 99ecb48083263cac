using Velocitas.Data.Storage;
using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Web.Services;

/// <summary>A backtest's date range that holds no usable candles (the message says what the dataset covers).</summary>
public sealed class DateRangeException(string message) : ArgumentException(message);
