namespace Velocitas.Data.Entities;

/// <summary>An imported (or generated) series of candles for one symbol and timeframe.</summary>
public sealed class DatasetEntity
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Symbol { get; set; }
    /// <summary>Timeframe code (1m, 1h, 1d, 1M).</summary>
    public required string Timeframe { get; set; }
    /// <summary>Timeframe length in seconds.</summary>
    public long TimeframeSeconds { get; set; }
    /// <summary>Where the candles came from: "demo", "upload", "cli", "exchange".</summary>
    public required string Source { get; set; }
    /// <summary>The exchange a downloaded dataset came from (binance, bybit, coinbase); null for files.</summary>
    public string? Exchange { get; set; }
    /// <summary>The exchange's own name of the market (BTCUSDT, BTC-USD) a downloaded dataset is updated from.</summary>
    public string? ExchangeSymbol { get; set; }
    /// <summary>True when a download was cancelled or failed part-way: the candles stop before the range asked for.</summary>
    public bool Incomplete { get; set; }
    /// <summary>Automatic update interval in minutes; null (the default) = off.</summary>
    public int? AutoUpdateMinutes { get; set; }
    /// <summary>Original file name, if imported.</summary>
    public string? FileName { get; set; }
    /// <summary>Detected CSV format name.</summary>
    public string? Format { get; set; }
    public int RowCount { get; set; }
    public DateTimeOffset FirstTime { get; set; }
    public DateTimeOffset LastTime { get; set; }
    /// <summary>The import report as JSON.</summary>
    public string? ImportReportJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
