using Velocitas.Engine.Market;

namespace Velocitas.Engine.Live;

/// <summary>
/// The recent candles of each symbol as the feed delivered them (closed candles plus the one forming), for live
/// charts. Written by the feed's publishing thread, read by pages; a small lock per symbol.
/// </summary>
public sealed class MarketTape
{
    private readonly int _capacity;
    private readonly Dictionary<string, Tape> _tapes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Keeps the last <paramref name="capacity"/> closed candles per symbol.</summary>
    public MarketTape(int capacity = 500) => _capacity = capacity;

    /// <summary>Records an event.</summary>
    public void Add(in MarketEvent e)
    {
        if (e.Kind == MarketEventKind.Fence) return;
        Tape tape;
        lock (_gate)
        {
            if (!_tapes.TryGetValue(e.Symbol, out tape!)) _tapes[e.Symbol] = tape = new Tape(_capacity);
        }
        lock (tape)
        {
            switch (e.Kind)
            {
                case MarketEventKind.CandleOpened:
                    tape.Current = new Candle(e.Time, e.Price, e.Price, e.Price, e.Price, 0);
                    break;
                case MarketEventKind.Tick when tape.Current is { } c:
                    tape.Current = c with { High = Math.Max(c.High, e.Price), Low = Math.Min(c.Low, e.Price), Close = e.Price };
                    break;
                case MarketEventKind.CandleClosed:
                    // a feed on an earlier clock (a replay after a live run) starts the symbol's tape afresh; a repeated candle is not kept twice
                    if (tape.Last is { } last && e.Candle.Time <= last)
                    {
                        if (e.Candle.Time == last)
                        {
                            tape.Current = null;
                            break;
                        }
                        tape.Closed.Clear();
                    }
                    tape.Closed.Enqueue(e.Candle);
                    tape.Last = e.Candle.Time;
                    while (tape.Closed.Count > _capacity) tape.Closed.Dequeue();
                    tape.Current = null;
                    break;
            }
        }
    }

    /// <summary>Closed candles then the forming one, oldest first.</summary>
    public IReadOnlyList<Candle> Candles(string symbol)
    {
        Tape? tape;
        lock (_gate) _tapes.TryGetValue(symbol, out tape);
        if (tape is null) return [];
        lock (tape)
        {
            var list = new List<Candle>(tape.Closed.Count + 1);
            list.AddRange(tape.Closed);
            if (tape.Current is { } c && (list.Count == 0 || c.Time > list[^1].Time)) list.Add(c);
            return list;
        }
    }

    /// <summary>Symbols with data.</summary>
    public IReadOnlyList<string> Symbols
    {
        get
        {
            lock (_gate) return _tapes.Keys.Order().ToList();
        }
    }

    private sealed class Tape(int capacity)
    {
        public Queue<Candle> Closed { get; } = new(capacity + 1);
        public Candle? Current { get; set; }
        public DateTimeOffset? Last { get; set; }
    }
}
