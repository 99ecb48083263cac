namespace Velocitas.Engine.Market.Exchanges;

/// <summary>One page of closed candles from an exchange's history, in time order.</summary>
/// <param name="Candles">Closed candles (the still-forming candle is never included), ascending, no duplicates.</param>
/// <param name="Through">Everything before this time has been asked for (progress: the next page starts here).</param>
/// <param name="Source">Where the page came from: "rest" or "archive".</param>
/// <param name="Note">Something the user should know (e.g. the archive host could not be reached), once.</param>
public sealed record KlinePage(IReadOnlyList<Candle> Candles, DateTimeOffset Through, string Source, string? Note = null);
