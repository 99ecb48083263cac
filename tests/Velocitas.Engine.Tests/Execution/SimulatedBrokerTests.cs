using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Tests.Execution;

public class SimulatedBrokerTests
{
    private static readonly ExecutionSettings Cash1000 = new() { InitialCash = 1000m };

    [Fact]
    public void A_signal_at_a_close_fills_at_the_next_candles_open()
    {
        var candles = TestCandles.Daily((9, 10, 8, 9), (10, 11, 9, 11), (11, 12, 10, 12), (12, 13, 11, 12), (12, 12, 12, 12));
        var result = Backtester.Run(candles, new ScriptedStrategy((0, Signal.Enter), (2, Signal.Exit)), Cash1000);

        var trade = Assert.Single(result.Trades);
        Assert.Equal(candles[1].Time, trade.EntryTime);
        Assert.Equal(10m, trade.EntryPrice);
        Assert.Equal(100m, trade.Quantity);
        Assert.Equal(candles[3].Time, trade.ExitTime);
        Assert.Equal(12m, trade.ExitPrice);
        Assert.Equal(200m, trade.Pnl);
        Assert.Equal(ExitReason.Signal, trade.ExitReason);
        Assert.Equal(1200m, result.Metrics.FinalEquity);
    }

    [Fact]
    public void Fees_are_charged_on_each_side_and_all_in_sizing_leaves_room_for_the_entry_fee()
    {
        var candles = TestCandles.Daily((10, 10, 10, 10), (10, 10, 10, 10), (12, 12, 12, 12), (12, 12, 12, 12));
        var result = Backtester.Run(candles, new ScriptedStrategy((0, Signal.Enter), (1, Signal.Exit)), Cash1000 with { FeeRate = 0.01m });

        var trade = Assert.Single(result.Trades);
        Assert.Equal(99m, trade.Quantity);            // floor(1000 / (10 × 1.01)) = floor(99.0099)
        Assert.Equal(9.9m + 11.88m, trade.Fees);       // 990 × 1 % + 1188 × 1 %
        Assert.Equal(176.22m, trade.Pnl);              // 1188 − 990 − 21.78
        Assert.Equal(1176.22m, result.Metrics.FinalEquity);
        Assert.Equal(21.78m, result.Metrics.FeesPaid);
    }

    [Fact]
    public void Quantities_are_rounded_down_to_the_lot_step()
    {
        var candles = TestCandles.Daily((30000, 30000, 30000, 30000), (30000, 30000, 30000, 30000), (30000, 30000, 30000, 30000));
        var result = Backtester.Run(candles, new ScriptedStrategy((0, Signal.Enter)), Cash1000 with { LotStep = 0.001m });

        Assert.Equal(0.033m, Assert.Single(result.Trades).Quantity); // 1000 / 30000 = 0.0333…
    }

    [Fact]
    public void Slippage_moves_both_fills_against_the_trader()
    {
        var candles = TestCandles.Daily((100, 100, 100, 100), (100, 100, 100, 100), (110, 110, 110, 110), (110, 110, 110, 110));
        var result = Backtester.Run(candles, new ScriptedStrategy((0, Signal.Enter), (1, Signal.Exit)), Cash1000 with { SlippageBps = 50 });

        var trade = Assert.Single(result.Trades);
        Assert.Equal(100.5m, trade.EntryPrice);
        Assert.Equal(109.45m, trade.ExitPrice);
        Assert.Equal(9m, trade.Quantity); // floor(1000 / 100.5)
    }

    [Fact]
    public void A_buy_that_cannot_afford_one_lot_is_rejected_and_counted()
    {
        var candles = TestCandles.Daily((5000, 5000, 5000, 5000), (5000, 5000, 5000, 5000), (5000, 5000, 5000, 5000));
        var result = Backtester.Run(candles, new ScriptedStrategy((0, Signal.Enter)), Cash1000);

        Assert.Empty(result.Trades);
        Assert.Equal(1, result.RejectedOrders);
        Assert.Equal(1000m, result.Metrics.FinalEquity);
    }

    [Fact]
    public void Stop_loss_inside_a_candle_fills_at_the_stop_level()
    {
        var candles = TestCandles.Daily((100, 100, 100, 100), (100, 101, 99, 100), (99, 100, 94, 96), (96, 96, 96, 96));
        var result = Backtester.Run(candles, new ScriptedStrategy((0, Signal.Enter)), Cash1000 with { StopLossPct = 5 });

        var trade = Assert.Single(result.Trades);
        Assert.Equal(ExitReason.StopLoss, trade.ExitReason);
        Assert.Equal(95m, trade.ExitPrice);
        Assert.Equal(candles[2].Time, trade.ExitTime);
    }

    [Fact]
    public void A_gap_through_the_stop_fills_at_the_open()
    {
        var candles = TestCandles.Daily((100, 100, 100, 100), (100, 101, 99, 100), (90, 92, 88, 91), (91, 91, 91, 91));
        var result = Backtester.Run(candles, new ScriptedStrategy((0, Signal.Enter)), Cash1000 with { StopLossPct = 5 });

        var trade = Assert.Single(result.Trades);
        Assert.Equal(ExitReason.StopLoss, trade.ExitReason);
        Assert.Equal(90m, trade.ExitPrice);
    }

    [Fact]
    public void Take_profit_fills_at_its_level_or_at_a_better_gap_open()
    {
        var inside = TestCandles.Daily((100, 100, 100, 100), (100, 101, 99, 100), (101, 111, 100, 105), (105, 105, 105, 105));
        var gap = TestCandles.Daily((100, 100, 100, 100), (100, 101, 99, 100), (115, 116, 114, 115), (115, 115, 115, 115));
        var settings = Cash1000 with { TakeProfitPct = 10 };

        var a = Assert.Single(Backtester.Run(inside, new ScriptedStrategy((0, Signal.Enter)), settings).Trades);
        var b = Assert.Single(Backtester.Run(gap, new ScriptedStrategy((0, Signal.Enter)), settings).Trades);

        Assert.Equal((ExitReason.TakeProfit, 110m), (a.ExitReason, a.ExitPrice));
        Assert.Equal((ExitReason.TakeProfit, 115m), (b.ExitReason, b.ExitPrice));
    }

    [Fact]
    public void When_stop_and_target_are_both_inside_one_candle_the_stop_is_assumed_first()
    {
        var candles = TestCandles.Daily((100, 100, 100, 100), (100, 101, 99, 100), (100, 112, 94, 105), (105, 105, 105, 105));
        var result = Backtester.Run(candles, new ScriptedStrategy((0, Signal.Enter)), Cash1000 with { StopLossPct = 5, TakeProfitPct = 10 });

        var trade = Assert.Single(result.Trades);
        Assert.Equal(ExitReason.StopLoss, trade.ExitReason);
        Assert.Equal(95m, trade.ExitPrice);
    }

    [Fact]
    public void Trailing_stop_follows_the_highest_high_of_completed_candles()
    {
        // entry 100; candle 2 makes a high of 120 with a low of 105 (the stop it is tested against still trails 100 → 90);
        // candle 3 trades down to 107: the stop now trails 120 → 108.
        var candles = TestCandles.Daily((100, 100, 100, 100), (100, 101, 99, 100), (101, 120, 105, 118), (118, 119, 107, 110), (110, 110, 110, 110));
        var result = Backtester.Run(candles, new ScriptedStrategy((0, Signal.Enter)), Cash1000 with { TrailingStopPct = 10 });

        var trade = Assert.Single(result.Trades);
        Assert.Equal(ExitReason.TrailingStop, trade.ExitReason);
        Assert.Equal(108m, trade.ExitPrice);
        Assert.Equal(candles[3].Time, trade.ExitTime);
    }

    [Fact]
    public void Stops_pay_slippage()
    {
        var candles = TestCandles.Daily((100, 100, 100, 100), (100, 101, 99, 100), (99, 100, 94, 96), (96, 96, 96, 96));
        var result = Backtester.Run(candles, new ScriptedStrategy((0, Signal.Enter)), Cash1000 with { StopLossPct = 5, SlippageBps = 100 });

        var trade = Assert.Single(result.Trades);
        Assert.Equal(101m, trade.EntryPrice);
        Assert.Equal(101m * 0.95m * 0.99m, trade.ExitPrice);
    }

    [Fact]
    public void A_position_open_at_the_end_is_closed_at_the_last_close_as_end_of_data()
    {
        var candles = TestCandles.Daily((10, 10, 10, 10), (10, 11, 9, 11), (11, 13, 11, 13));
        var result = Backtester.Run(candles, new ScriptedStrategy((0, Signal.Enter)), Cash1000 with { FeeRate = 0.001m });

        var trade = Assert.Single(result.Trades);
        Assert.Equal(ExitReason.EndOfData, trade.ExitReason);
        Assert.Equal(13m, trade.ExitPrice);
        Assert.Equal(candles[2].Time, trade.ExitTime);
        Assert.Equal(result.Metrics.FinalEquity, result.Equity[^1].Value);
        Assert.Equal(1000m + trade.Pnl, result.Metrics.FinalEquity);
    }

    [Fact]
    public void Exit_signals_while_flat_and_entry_signals_while_long_are_ignored()
    {
        var candles = TestCandles.FromCloses(10, 10, 10, 10, 10, 10);
        var result = Backtester.Run(candles, new ScriptedStrategy((0, Signal.Exit), (1, Signal.Enter), (2, Signal.Enter), (3, Signal.Exit)), Cash1000);

        var trade = Assert.Single(result.Trades);
        Assert.Equal(candles[2].Time, trade.EntryTime);
        Assert.Equal(candles[4].Time, trade.ExitTime);
    }

    [Fact]
    public void Invalid_settings_are_rejected_naming_the_field()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SimulatedBroker(new ExecutionSettings { FeeRate = 1.5m }));
        Assert.Equal("FeeRate", ex.ParamName);
        Assert.Contains("fee must be a fraction between 0 and 1", ex.Message);
        Assert.Throws<ArgumentException>(() => new SimulatedBroker(new ExecutionSettings { LotStep = 0 }));
        Assert.Throws<ArgumentException>(() => new SimulatedBroker(new ExecutionSettings { StopLossPct = 100 }));
    }
}
