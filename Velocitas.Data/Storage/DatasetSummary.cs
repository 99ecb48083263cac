using Velocitas.Data.Entities;
using Velocitas.Data.Import;

namespace Velocitas.Data.Storage;

/// <summary>A dataset as lists and pickers show it.</summary>
public sealed record DatasetSummary(
    int Id,
    string Name,
    string Symbol,
    string Timeframe,
    string Source,
    string? FileName,
    string? Format,
    int Rows,
    DateTimeOffset First,
    DateTimeOffset Last,
    DateTimeOffset CreatedAt,
    string? Exchange = null,
    string? ExchangeSymbol = null,
    bool Incomplete = false,
    int? AutoUpdateMinutes = null)
{
    /// <summary>True for a dataset downloaded from an exchange (it can be updated).</summary>
    public bool CanUpdate => Exchange is not null && ExchangeSymbol is not null;

    /// <summary>"BTC demo · BTCUSDT · 1h · 5,000 candles".</summary>
    public string Label => $"{Name} · {Symbol} · {Timeframe} · {Rows:N0} candles";

    internal static DatasetSummary From(DatasetEntity e) =>
        new(e.Id, e.Name, e.Symbol, e.Timeframe, e.Source, e.FileName, e.Format, e.RowCount, e.FirstTime, e.LastTime, e.CreatedAt,
            e.Exchange, e.ExchangeSymbol, e.Incomplete, e.AutoUpdateMinutes);
}

/// <summary>A stored dataset and the report of its import.</summary>
public sealed record DatasetImport(DatasetSummary Dataset, ImportReport Report);
