using Velocitas.Engine.Copilot;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Live;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Tests.Copilot;

/// <summary>Each rule kind fires exactly once on a crafted series while its condition holds, and respects its cool-down.</summary>
public class CopilotMonitorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CopilotMonitor Monitor(AlertKind kind, Dictionary<string, double>? p = null, string? symbol = "BTCUSDT", int? instance = null, TimeSpan? cooldown = null)
    {
        var m = new CopilotMonitor();
        m.SetRule(new AlertRule { Id = 1, Name = "test", Kind = kind, Symbol = symbol, InstanceId = instance, Parameters = p ?? new(), Cooldown = cooldown ?? TimeSpan.FromHours(1) });
        return m;
    }

    private static Candle C(int i, double close, double range = 0.01, double volume = 100) =>
        new(T0.AddHours(i), (decimal)close, (decimal)(close * (1 + range)), (decimal)(close * (1 - range)), (decimal)close, volume);

    private static List<Alert> Feed(CopilotMonitor m, IEnumerable<Candle> candles) =>
        candles.SelectMany(c => m.OnCandle("BTCUSDT", c, Timeframe.OneHour, c.Time.AddHours(1))).ToList();

    [Fact]
    public void Price_cross_fires_on_the_cross_not_while_above_and_again_only_after_the_cool_down()
    {
        var m = Monitor(AlertKind.PriceCross, new() { ["level"] = 105, ["direction"] = 1 }, cooldown: TimeSpan.FromMinutes(5));
        var alerts = new List<Alert>();
        decimal[] prices = [100, 102, 104, 106, 107, 108, 103, 106, 104, 101];
        for (int i = 0; i < prices.Length; i++) alerts.AddRange(m.OnPrice("BTCUSDT", prices[i], T0.AddMinutes(i)));
        var alert = Assert.Single(alerts); // the second cross (minute 7) is inside the 5-minute cool-down
        Assert.Equal(T0.AddMinutes(3), alert.Time);
        Assert.Equal("BTCUSDT crossed above 105 (from 104 to 106).", alert.Message);

        // after the cool-down the next cross fires; a cross below is ignored by an "above" rule
        Assert.Empty(m.OnPrice("BTCUSDT", 104, T0.AddMinutes(20)));
        Assert.Single(m.OnPrice("BTCUSDT", 110, T0.AddMinutes(21)));
        Assert.Empty(m.OnPrice("ETHUSDT", 90, T0.AddMinutes(22)));
        Assert.Empty(m.OnPrice("ETHUSDT", 120, T0.AddMinutes(23))); // another coin
    }

    [Fact]
    public void Percent_move_fires_once_while_the_move_lasts()
    {
        var m = Monitor(AlertKind.PercentMove, new() { ["pct"] = 3, ["candles"] = 2 });
        double[] closes = [100, 100, 100, 101, 104, 106, 109, 109, 109, 109];
        var alerts = Feed(m, closes.Select((c, i) => C(i, c)));
        var alert = Assert.Single(alerts);
        Assert.Equal("BTCUSDT moved +4.00% in 2 candles (100 → 104).", alert.Message);
        Assert.Equal(4, alert.Value!.Value, 9);
    }

    [Fact]
    public void Rsi_fires_once_when_it_rises_above_the_level()
    {
        var m = Monitor(AlertKind.Rsi, new() { ["period"] = 3, ["level"] = 70, ["direction"] = 1 });
        double[] closes = [100, 99, 100, 99, 100, 101, 102, 103, 104, 105, 106];
        var alerts = Feed(m, closes.Select((c, i) => C(i, c)));
        var alert = Assert.Single(alerts);
        Assert.StartsWith("RSI(3) on BTCUSDT is ", alert.Message);
        Assert.True(alert.Value > 70);
    }

    [Fact]
    public void Volatility_spike_fires_once_when_ranges_widen()
    {
        var m = Monitor(AlertKind.VolatilitySpike, new() { ["percentile"] = 95, ["period"] = 5, ["history"] = 200 });
        var calm = Enumerable.Range(0, 120).Select(i => C(i, 100 + Math.Sin(i / 5.0), range: 0.005));
        var wild = Enumerable.Range(120, 8).Select(i => C(i, 100, range: 0.06));
        var alert = Assert.Single(Feed(m, calm.Concat(wild)));
        Assert.StartsWith("Volatility spike on BTCUSDT: ATR is ", alert.Message);
        Assert.True(alert.Value >= 95);
    }

    [Fact]
    public void Volume_spike_fires_once_per_burst()
    {
        var m = Monitor(AlertKind.VolumeSpike, new() { ["multiple"] = 3, ["candles"] = 20 });
        var candles = Enumerable.Range(0, 30).Select(i => C(i, 100, volume: i is 25 or 26 or 27 ? 500 : 100));
        var alert = Assert.Single(Feed(m, candles));
        Assert.Equal(T0.AddHours(26), alert.Time); // the close of candle 25
        Assert.Contains("5.0× the average of the previous 20 (100.00)", alert.Message);
    }

    [Fact]
    public void Regime_change_fires_once_when_a_range_turns_into_an_uptrend()
    {
        var m = Monitor(AlertKind.RegimeChange, new() { ["to"] = 0 }, cooldown: TimeSpan.FromDays(30));
        var random = new Random(3);
        double price = 100;
        var candles = new List<Candle>();
        for (int i = 0; i < 700; i++)
        {
            price = i < 400 ? 100 * Math.Exp(0.01 * Math.Sin(i / 3.0) + (random.NextDouble() - 0.5) * 0.004) : price * Math.Exp(0.006 + (random.NextDouble() - 0.5) * 0.004);
            candles.Add(C(i, price, range: 0.004));
        }
        var alert = Assert.Single(Feed(m, candles));
        Assert.Contains("to uptrend", alert.Message);
        Assert.InRange(alert.Time, T0.AddHours(400), T0.AddHours(460));
    }

    [Fact]
    public void Strategy_signal_fires_for_the_chosen_side_and_instance_once_per_cool_down()
    {
        var m = Monitor(AlertKind.StrategySignal, new() { ["side"] = 1 }, symbol: null, instance: 7, cooldown: TimeSpan.FromMinutes(30));
        var candle = C(0, 65000);
        LiveSignal S(int id, Signal s) => new(id, "rsi", "BTCUSDT", s, candle, WatchOnly: true);
        var alerts = new List<Alert>();
        alerts.AddRange(m.OnSignal(S(7, Signal.Enter), T0));
        alerts.AddRange(m.OnSignal(S(7, Signal.Exit), T0.AddMinutes(5)));
        alerts.AddRange(m.OnSignal(S(8, Signal.Enter), T0.AddMinutes(6)));   // another instance
        alerts.AddRange(m.OnSignal(S(7, Signal.Enter), T0.AddMinutes(10)));  // inside the cool-down
        var alert = Assert.Single(alerts);
        Assert.Equal("RSI reversion #7 on BTCUSDT would BUY at the next open (close 65,000.00), watch-only.", alert.Message);
        Assert.Single(m.OnSignal(S(7, Signal.Enter), T0.AddMinutes(45)));
    }

    private static InstanceSnapshot I(int id, decimal equity, double drawdown = 0, decimal quantity = 0, decimal price = 100) => new()
    {
        Id = id, StrategyId = "sma-crossover", StrategyName = "SMA crossover", Symbol = "BTCUSDT", Parameters = "fast=10, slow=30",
        InitialCash = 10_000, Cash = equity - (quantity * price), Quantity = quantity, LastPrice = price, Equity = equity, CurrentDrawdownPct = drawdown,
    };

    private static EngineSnapshot S(int second, IReadOnlyList<InstanceSnapshot> instances, DateTimeOffset? lastEvent = null, EngineState state = EngineState.Running) =>
        EngineSnapshot.Empty(T0.AddSeconds(second)) with
        {
            State = state,
            Instances = instances,
            Overall = PnlLine.Sum("overall", instances, [], new FundValue()),
            Feed = new FeedSnapshot("synthetic", FeedStatus.Connected, null, ["BTCUSDT"], "1m", lastEvent ?? T0.AddSeconds(second), 0, 10),
        };

    [Fact]
    public void Instance_drawdown_fires_once_as_it_deepens()
    {
        var m = Monitor(AlertKind.Drawdown, new() { ["pct"] = 10 }, symbol: null, instance: 1);
        double[] path = [2, 5, 11, 12, 8, 13, 14];
        var alerts = path.SelectMany((d, k) => m.OnSnapshot(S(k, [I(1, 9000, d), I(2, 9000, 50)]))).ToList();
        var alert = Assert.Single(alerts); // 13 % comes back within the hour's cool-down; instance 2 is not watched
        Assert.Equal("SMA crossover #1 on BTCUSDT is 11.0% below its equity peak (equity 9,000.00, limit 10%).", alert.Message);
    }

    /// <summary>Snapshots whose overall line is measured as the engine measures it: a fund book joined, marked and left by the instances.</summary>
    private sealed class Book
    {
        private readonly PortfolioBook _book = new();
        private readonly HashSet<int> _members = [];

        public EngineSnapshot S(int second, IReadOnlyList<InstanceSnapshot> instances)
        {
            foreach (int gone in _members.Except(instances.Select(i => i.Id)).ToList())
            {
                _book.Leave(gone);
                _members.Remove(gone);
            }
            foreach (var i in instances)
            {
                if (_members.Add(i.Id)) _book.Join(i.Id, i.Symbol, i.StrategyId, i.Equity);
                else _book.Mark(i.Id, T0.AddSeconds(second), i.Equity);
            }
            _book.Settle();
            return CopilotMonitorTests.S(second, instances) with { Overall = PnlLine.Sum("overall", instances, [], _book.Get(PortfolioBook.Overall)) };
        }
    }

    [Fact]
    public void Portfolio_drawdown_uses_the_combined_equity_peak()
    {
        var m = Monitor(AlertKind.Drawdown, new() { ["pct"] = 5 }, symbol: null);
        var book = new Book();
        decimal[] equity = [10_000, 10_400, 10_000, 9_800, 9_700, 9_650];
        var alerts = equity.SelectMany((e, k) => m.OnSnapshot(book.S(k, [I(1, e / 2), I(2, e / 2)]))).ToList();
        var alert = Assert.Single(alerts);
        Assert.Equal("The portfolio is 5.8% below its peak (9,800.00 against 10,400.00, limit 5%).", alert.Message);
    }

    [Fact]
    public void Portfolio_drawdown_ignores_the_cash_that_comes_and_goes_with_instances()
    {
        var m = Monitor(AlertKind.Drawdown, new() { ["pct"] = 5 }, symbol: null);
        var book = new Book();
        Assert.Empty(m.OnSnapshot(book.S(0, [I(1, 10_000), I(2, 10_000)])));
        Assert.Empty(m.OnSnapshot(book.S(1, [I(1, 10_000)])));                 // instance 2 removed: summed equity halves
        Assert.Empty(m.OnSnapshot(book.S(2, [I(1, 10_000), I(3, 50_000)])));   // a big one added
        var alert = Assert.Single(m.OnSnapshot(book.S(3, [I(1, 9_000), I(3, 47_000)])));
        Assert.Equal("The portfolio is 6.7% below its peak (56,000.00 against 60,000.00, limit 5%).", alert.Message);
    }

    [Fact]
    public void Loss_streak_fires_once_at_the_count_and_resets_on_a_win()
    {
        var m = Monitor(AlertKind.LossStreak, new() { ["count"] = 3 }, symbol: null, cooldown: TimeSpan.Zero);
        LiveTrade T(decimal pnl) => new(3, "macd", "ETHUSDT", new Trade(T0, T0.AddHours(1), 1, 100, 100 + pnl, pnl, 0.2m, ExitReason.Signal));
        decimal[] pnls = [-5, -4, -3, -2, 10, -1, -1, -1];
        var alerts = pnls.SelectMany((p, k) => m.OnTrade(T(p), T0.AddHours(k))).ToList();
        Assert.Equal(2, alerts.Count); // the 3rd loss, then again after the win reset the streak
        Assert.Equal("MACD crossover #3 on ETHUSDT lost 3 trades in a row (-12.00 in total, last -3.00%).", alerts[0].Message);
    }

    [Fact]
    public void Exposure_fires_once_above_the_limit()
    {
        var m = Monitor(AlertKind.Exposure, new() { ["pct"] = 90 }, symbol: null, instance: 1);
        decimal[] quantities = [50, 95, 96, 40, 97];
        var alerts = quantities.SelectMany((q, k) => m.OnSnapshot(S(k, [I(1, 10_000, quantity: q)]))).ToList();
        var alert = Assert.Single(alerts); // 97 % comes back inside the cool-down
        Assert.Equal("SMA crossover #1 on BTCUSDT has 95.0% of its equity in the position (95 at 100, limit 90%).", alert.Message);
    }

    [Fact]
    public void Stale_feed_fires_once_while_no_data_arrives()
    {
        var m = Monitor(AlertKind.StaleFeed, new() { ["seconds"] = 30 }, symbol: null, cooldown: TimeSpan.FromMinutes(10));
        var alerts = new List<Alert>();
        foreach (int s in new[] { 10, 20, 31, 40, 50 }) alerts.AddRange(m.OnSnapshot(S(s, [], lastEvent: T0)));
        var alert = Assert.Single(alerts);
        Assert.Equal("No market data from synthetic for 31 s (last 00:00:00 UTC; feed connected).", alert.Message);
        alerts.AddRange(m.OnSnapshot(S(60, [], lastEvent: T0.AddSeconds(59)))); // data again: re-armed
        alerts.AddRange(m.OnSnapshot(S(100, [], lastEvent: T0.AddSeconds(59)))); // stale again, inside the cool-down
        Assert.Single(alerts);
        Assert.Empty(m.OnSnapshot(S(1000, [], lastEvent: T0, state: EngineState.Stopped))); // a stopped engine is not stale
    }

    [Fact]
    public void Disabled_rules_stay_quiet_and_a_restored_alert_keeps_its_cool_down()
    {
        var m = Monitor(AlertKind.PriceCross, new() { ["level"] = 105 });
        m.SetRule(new AlertRule { Id = 1, Name = "test", Kind = AlertKind.PriceCross, Symbol = "BTCUSDT", Parameters = new Dictionary<string, double> { ["level"] = 105 }, Enabled = false });
        m.OnPrice("BTCUSDT", 100, T0);
        Assert.Empty(m.OnPrice("BTCUSDT", 110, T0.AddMinutes(1)));

        var restarted = Monitor(AlertKind.PriceCross, new() { ["level"] = 105, ["direction"] = 1 });
        restarted.RestoreLastFired(new Alert(T0, 1, "test", AlertKind.PriceCross, AlertSeverity.Warning, "BTCUSDT", null, null, "", 106, 105));
        restarted.OnPrice("BTCUSDT", 100, T0.AddMinutes(2));
        Assert.Empty(restarted.OnPrice("BTCUSDT", 110, T0.AddMinutes(3)));
        restarted.OnPrice("BTCUSDT", 100, T0.AddMinutes(61));
        Assert.Single(restarted.OnPrice("BTCUSDT", 110, T0.AddMinutes(62)));
    }

    [Fact]
    public void Rules_are_validated_with_every_problem_named()
    {
        var rule = new AlertRule { Name = "", Kind = AlertKind.Rsi, Parameters = new Dictionary<string, double> { ["level"] = 120, ["period"] = 1, ["colour"] = 2 }, WebhookUrl = "ftp://x" };
        var problems = rule.Problems();
        Assert.Contains("name is required.", problems);
        Assert.Contains("rsi has no parameter 'colour'; it takes period, level, direction.", problems);
        Assert.Contains("level must be between 1 and 99 (was 120).", problems);
        Assert.Contains("period must be between 2 and 500 (was 1).", problems);
        Assert.Contains("webhook must be an absolute http(s) URL.", problems);
        Assert.Contains("level is required for price-cross.", new AlertRule { Name = "x", Kind = AlertKind.PriceCross }.Problems());
    }
}
