using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Tests.Backtesting;

public class BacktesterTests
{
    public static TheoryData<string> Strategies => new(StrategyCatalog.All.Select(s => s.Id));

    [Theory, MemberData(nameof(Strategies))]
    public void The_same_inputs_give_the_same_result(string id)
    {
        var candles = TestCandles.Synthetic(4000);
        var settings = new ExecutionSettings { FeeRate = 0.001m, LotStep = 0.001m, StopLossPct = 8, SlippageBps = 5 };

        var a = Backtester.Run(candles, StrategyCatalog.Get(id).Create(), settings);
        var b = Backtester.Run(candles, StrategyCatalog.Get(id).Create(), settings);

        Assert.Equal(a.Trades, b.Trades);
        Assert.Equal(a.Metrics, b.Metrics);
        Assert.True(a.Trades.Count > 0, $"{id} should trade on 4000 synthetic candles with regimes");
    }

    [Theory, MemberData(nameof(Strategies))]
    public void Live_path_open_then_close_gives_the_same_trades_as_the_backtest(string id)
    {
        var candles = TestCandles.Synthetic(3000, seed: 21);
        var settings = new ExecutionSettings { FeeRate = 0.001m, LotStep = 0.0001m, TrailingStopPct = 6 };
        var backtest = Backtester.Run(candles, StrategyCatalog.Get(id).Create(), settings);

        var session = new TradingSession(StrategyCatalog.Get(id).Create(), settings);
        foreach (var c in candles)
        {
            session.OnOpen(c.Time, c.Open);
            session.OnClose(c);
        }
        session.Finish();

        Assert.Equal(backtest.Trades, session.Ledger.Trades);
        Assert.Equal(backtest.Metrics.FinalEquity, session.Ledger.Cash);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(2500)]
    public void A_run_that_ends_in_a_position_revises_its_last_point_as_a_session_that_keeps_every_point_revisable(int candleCount)
    {
        // the backtester keeps the statistics before a point only for its last candle; a session left as it is keeps them always
        var candles = TestCandles.Synthetic(2500, seed: 8).Take(candleCount).ToArray();
        var settings = new ExecutionSettings { FeeRate = 0.001m, LotStep = 0.0001m };
        var run = Backtester.Run(candles, new ScriptedStrategy((0, Signal.Enter)), settings);
        var sampled = Backtester.RunSampled(candles, new ScriptedStrategy((0, Signal.Enter)), settings);

        var session = new TradingSession(new ScriptedStrategy((0, Signal.Enter)), settings);
        foreach (var c in candles) session.Process(c);
        session.Finish();
        var expected = PerformanceMetrics.Compute(session.Statistics, session.Ledger.Trades, session.Ledger.FeesPaid, run.Timeframe.Duration);

        Assert.Equal(expected, run.Metrics);
        Assert.Equal(expected, sampled.Metrics);
        Assert.Equal(session.Ledger.Cash, run.Equity[^1].Value);
        Assert.Equal(candleCount > 1 ? 1 : 0, run.Trades.Count); // bought at the second open, sold at the last close
    }

    [Theory, MemberData(nameof(Strategies))]
    public void Trades_on_a_prefix_do_not_depend_on_the_candles_after_it(string id)
    {
        var candles = TestCandles.Synthetic(3000, seed: 5);
        var full = Backtester.Run(candles, StrategyCatalog.Get(id).Create(), new ExecutionSettings());
        var prefix = Backtester.Run(candles.AsSpan(0, 2000), StrategyCatalog.Get(id).Create(), new ExecutionSettings());

        // every trade closed before the prefix ended is identical in the full run
        var closedEarly = prefix.Trades.Where(t => t.ExitReason != ExitReason.EndOfData).ToList();
        Assert.Equal(closedEarly, full.Trades.Take(closedEarly.Count));
    }

    [Fact]
    public void Candles_out_of_time_order_are_refused()
    {
        var candles = TestCandles.FromCloses(10, 11, 12);
        (candles[1], candles[2]) = (candles[2], candles[1]);
        var ex = Assert.Throws<InvalidOperationException>(() => Backtester.Run(candles, SmaCrossoverStrategy.CatalogEntry.Create()));
        Assert.Contains("time order", ex.Message);
    }

    [Fact]
    public void Timeframe_is_inferred_from_the_most_common_step()
    {
        var hourly = TestCandles.Synthetic(100).ToList();
        hourly.RemoveAt(50); // a gap does not change the interval
        Assert.Equal(Timeframe.OneHour, Timeframe.Infer(hourly.ToArray()));
        var result = Backtester.Run(hourly, "rsi");
        Assert.Equal(Timeframe.OneHour, result.Timeframe);
    }

    [Fact]
    public void Running_the_default_sma_crossover_over_synthetic_data_keeps_the_ledger_consistent()
    {
        var candles = TestCandles.Synthetic(5000, seed: 3);
        var result = Backtester.Run(candles, "sma-crossover", null, new ExecutionSettings { FeeRate = 0.002m, LotStep = 0.01m });

        Assert.Equal(10_000m + result.Trades.Sum(t => t.Pnl), result.Metrics.FinalEquity);
        Assert.Equal(result.Trades.Sum(t => t.Fees), result.Metrics.FeesPaid);
        Assert.All(result.Trades, t => Assert.True(t.EntryTime < t.ExitTime || t.ExitReason != ExitReason.Signal));
        Assert.Equal(candles.Length, result.Equity.Count);
    }
}
