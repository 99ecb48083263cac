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
    DateTimeOffset CreatedAt)
{
    /// <summary>"BTC demo · BTCUSDT · 1h · 5,000 candles".</summary>
    public string Label => $"{Name} · {Symbol} · {Timeframe} · {Rows:N0} candles";

    internal static DatasetSummary From(DatasetEntity e) =>
        new(e.Id, e.Name, e.Symbol, e.Timeframe, e.Source, e.FileName, e.Format, e.RowCount, e.FirstTime, e.LastTime, e.CreatedAt);
}

/// <summary>A stored dataset and the report of its import.</summary>
public sealed record DatasetImport(DatasetSummary Dataset, ImportReport Report);
