using System.Runtime.CompilerServices;
using Velocitas.Cluster.Contracts;
using Velocitas.Engine.Market;
using Velocitas.Engine.Optimization;

namespace Velocitas.Cluster.Coordination;

/// <summary>The coordinator's candle source for one run: silos that lack a coin read it from here, in chunks.</summary>
internal sealed class CandleShipment : ICandleSource
{
    // hashing a year of 1m candles takes a while: a series already hashed (same array) is not hashed again
    private static readonly ConditionalWeakTable<Candle[], string> Hashes = new();
    private readonly Dictionary<string, Candle[]> _series = new();

    public CandleShipment(IEnumerable<OptimizationData> data)
    {
        foreach (var d in data)
        {
            var ticket = new DatasetTicket
            {
                Key = Hashes.GetValue(d.Candles, c => CandleHash.Of(c)), Name = d.Name, Symbol = d.Symbol, Count = d.Candles.Length,
                Interval = d.Timeframe.Duration, DatasetId = d.DatasetId,
            };
            Tickets[d] = ticket;
            _series[ticket.Key] = d.Candles;
        }
    }

    /// <summary>The ticket of each coin of the run.</summary>
    public Dictionary<OptimizationData, DatasetTicket> Tickets { get; } = new(ReferenceEqualityComparer.Instance);

    public Task<CandleChunk> ReadAsync(string key, int offset, int count)
    {
        if (!_series.TryGetValue(key, out var candles)) throw new ArgumentException($"This run has no candle series {key}.", nameof(key));
        if (offset < 0 || count < 0 || offset + count > candles.Length)
            throw new ArgumentOutOfRangeException(nameof(offset), $"Candles {offset}..{offset + count} are outside the series of {candles.Length}.");
        return Task.FromResult(CandleChunk.Of(candles, offset, count));
    }
}
