using Velocitas.Engine.Live;
using Velocitas.Engine.Market;

namespace Velocitas.Engine.Tests.Live;

public class MarketTapeTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Candle C(DateTimeOffset t, decimal close) => new(t, close, close + 1, close - 1, close, 1);

    private static void Candle(MarketTape tape, Candle c)
    {
        tape.Add(MarketEvent.Opened("BTCUSDT", c.Time, c.Open));
        tape.Add(MarketEvent.Tick("BTCUSDT", c.Time.AddSeconds(30), c.High));
        tape.Add(MarketEvent.Closed("BTCUSDT", c));
    }

    [Fact]
    public void Keeps_the_last_closed_candles_and_the_forming_one_in_time_order()
    {
        var tape = new MarketTape(capacity: 3);
        for (int i = 0; i < 5; i++) Candle(tape, C(T0.AddMinutes(i), 100 + i));
        tape.Add(MarketEvent.Opened("BTCUSDT", T0.AddMinutes(5), 105));
        tape.Add(MarketEvent.Tick("BTCUSDT", T0.AddMinutes(5).AddSeconds(10), 107));

        var candles = tape.Candles("BTCUSDT");
        Assert.Equal([T0.AddMinutes(2), T0.AddMinutes(3), T0.AddMinutes(4), T0.AddMinutes(5)], candles.Select(c => c.Time));
        Assert.Equal(new Candle(T0.AddMinutes(5), 105, 107, 105, 107, 0), candles[^1]);
    }

    [Fact]
    public void A_feed_on_an_earlier_clock_starts_the_tape_afresh_and_a_repeated_candle_is_kept_once()
    {
        var tape = new MarketTape();
        for (int i = 0; i < 4; i++) Candle(tape, C(T0.AddMinutes(i), 100 + i));
        Candle(tape, C(T0.AddMinutes(3), 103)); // sent twice
        Assert.Equal(4, tape.Candles("BTCUSDT").Count);

        var older = T0.AddYears(-1);
        Candle(tape, C(older, 50));
        Candle(tape, C(older.AddMinutes(1), 51));
        Assert.Equal([older, older.AddMinutes(1)], tape.Candles("BTCUSDT").Select(c => c.Time));
    }
}
