using System.Text.Json;
using MudBlazor.Services;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Live;
using Velocitas.Engine.Market;
using Velocitas.Web.Components.Pages.Live;
using Velocitas.Web.Components.UI;

namespace Velocitas.Web.Tests;

public class ChartComponentTests : BunitContext, IAsyncLifetime
{
    private readonly BunitJSModuleInterop _module;

    public ChartComponentTests()
    {
        JSInterop.Mode = JSRuntimeMode.Strict;
        Services.AddMudServices();
        _module = JSInterop.SetupModule("./lib/velocitas-charts/velocitas-charts.js");
        _module.Setup<int>("create", _ => true).SetResult(7);
        _module.SetupVoid("update", _ => true).SetVoidResult();
        _module.SetupVoid("append", _ => true).SetVoidResult();
        _module.SetupVoid("destroy", _ => true).SetVoidResult();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await ((IAsyncDisposable)this).DisposeAsync();

    private static JsonElement Config(JSRuntimeInvocation call) => JsonSerializer.SerializeToElement(call.Arguments[1], new JsonSerializerOptions(JsonSerializerDefaults.Web));

    [Fact]
    public async Task PriceChart_sends_candles_and_trade_markers_once_then_updates_in_place_and_is_destroyed_with_the_component()
    {
        var candles = SyntheticMarket.Generate(1, 100, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), Timeframe.OneHour, 50);
        var trade = new Trade(candles[10].Time, candles[20].Time, 1m, candles[10].Open, candles[20].Open, 5m, 0.1m, ExitReason.Signal);
        var cut = Render<PriceChart>(p => p.Add(x => x.Candles, candles).Add(x => x.Trades, [trade]).Add(x => x.Name, "BTCUSDT").Add(x => x.TestId, "c"));

        var create = Assert.Single(_module.Invocations, i => i.Identifier == "create");
        var config = Config(create);
        Assert.Equal("candles", config.GetProperty("kind").GetString());
        Assert.Equal(50, config.GetProperty("candles").GetArrayLength());
        var first = config.GetProperty("candles")[0];
        Assert.Equal(candles[0].Time.ToUnixTimeMilliseconds(), first[0].GetInt64());
        Assert.Equal(candles[0].Open, first[1].GetDecimal());
        var markers = config.GetProperty("markers");
        Assert.Equal(2, markers.GetArrayLength());
        Assert.Equal(("buy", trade.EntryPrice), (markers[0].GetProperty("side").GetString(), markers[0].GetProperty("price").GetDecimal()));
        Assert.Equal("sell", markers[1].GetProperty("side").GetString());

        cut.Render(p => p.Add(x => x.Candles, candles[..30]));
        Assert.Single(_module.Invocations, i => i.Identifier == "create");
        Assert.Equal(30, Config(Assert.Single(_module.Invocations, i => i.Identifier == "update")).GetProperty("candles").GetArrayLength());

        cut.Render(p => p.Add(x => x.Name, "BTCUSDT")); // same data: nothing sent
        Assert.Single(_module.Invocations, i => i.Identifier == "update");

        await DisposeComponentsAsync();
        Assert.Equal(7, Assert.Single(_module.Invocations, i => i.Identifier == "destroy").Arguments[0]);
    }

    [Fact]
    public void Many_candles_are_merged_into_at_most_the_requested_number()
    {
        var candles = SyntheticMarket.Generate(1, 100, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), Timeframe.OneMinute, 10_000);
        var merged = ChartData.Candles(candles, 1000);
        Assert.Equal(1000, merged.Count);
        Assert.Equal(candles.Take(10).Max(c => c.High), merged[0][2]);
        Assert.Equal(candles.Take(10).Min(c => c.Low), merged[0][3]);
        Assert.Equal(candles[9].Close, merged[0][4]);
        Assert.Equal(candles[^1].Close, merged[^1][4]);
    }

    [Fact]
    public void EquityChart_draws_drawdown_in_percent_below_zero()
    {
        var t = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Equity[] curve = [new(t, 100m), new(t.AddHours(1), 120m), new(t.AddHours(2), 90m), new(t.AddHours(3), 130m)];
        Render<EquityChart>(p => p.Add(x => x.Equity, curve).Add(x => x.Drawdown, true));

        var points = Config(Assert.Single(_module.Invocations, i => i.Identifier == "create")).GetProperty("series")[0].GetProperty("points");
        Assert.Equal(new[] { 0m, 0m, -25m, 0m }, points.EnumerateArray().Select(p => p[1].GetDecimal()));
    }

    [Fact]
    public void A_live_line_chart_appends_new_points_instead_of_resending_the_series()
    {
        var t = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        IReadOnlyList<decimal[]> P(int n) => Enumerable.Range(0, n).Select(i => new[] { t.AddSeconds(i).ToUnixTimeMilliseconds(), 100m + i }).ToList();
        var cut = Render<LineChart>(p => p.Add(x => x.Series, [new ChartSeries("Equity", P(3))]).Add(x => x.Live, true));
        cut.Render(p => p.Add(x => x.Series, [new ChartSeries("Equity", P(5))]));

        var append = Assert.Single(_module.Invocations, i => i.Identifier == "append");
        var added = JsonSerializer.SerializeToElement(append.Arguments[1]);
        Assert.Equal(2, added[0].GetArrayLength());
        Assert.DoesNotContain(_module.Invocations, i => i.Identifier == "update");
    }

    [Fact]
    public void HeatmapChart_sends_rows_columns_and_colour_bands()
    {
        Render<HeatmapChart>(p => p.Add(x => x.Columns, ["20", "30"]).Add(x => x.Rows, [("5", [1.5, null]), ("10", [0.5, -0.2])]).Add(x => x.XTitle, "slow").Add(x => x.YTitle, "fast"));
        var config = Config(Assert.Single(_module.Invocations, i => i.Identifier == "create"));
        Assert.Equal("heatmap", config.GetProperty("kind").GetString());
        Assert.Equal(2, config.GetProperty("rows").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, config.GetProperty("rows")[0].GetProperty("values")[1].ValueKind);
        Assert.Equal(7, config.GetProperty("ranges").GetArrayLength());
    }
}

public class LiveComponentTests : BunitContext, IAsyncLifetime
{
    public LiveComponentTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await ((IAsyncDisposable)this).DisposeAsync();

    private static InstanceSnapshot Instance(int id, string symbol, decimal realized, decimal qty = 0) => new()
    {
        Id = id, StrategyId = "rsi", StrategyName = "RSI reversion", Symbol = symbol, Parameters = "period=14", InitialCash = 1000m, Cash = 1000m + realized,
        Quantity = qty, AverageEntryPrice = qty > 0 ? 50m : 0m, LastPrice = 55m, RealizedPnl = realized, UnrealizedPnl = qty * 5m, Equity = 1000m + realized + (qty * 55m),
        Trades = 4, Wins = 3, IsWarm = true, LastSignal = "buy",
    };

    [Fact]
    public void Status_bar_shows_engine_feed_and_pipeline_figures()
    {
        var snapshot = EngineSnapshot.Empty(DateTimeOffset.UnixEpoch) with
        {
            State = EngineState.Running,
            Feed = new FeedSnapshot("binance", FeedStatus.Reconnecting, "connection lost; reconnecting in 2 s", ["BTCUSDT"], "1m", null, 3, 100),
            Pipeline = new PipelineSnapshot(1000, 1234.6, 900, 77, 2, 120, 5, 50, 900, 2, null),
        };
        var cut = Render<LiveStatusBar>(p => p.Add(x => x.Snapshot, snapshot));

        Assert.Equal("running", cut.Find("[data-testid=engine-state]").TextContent);
        Assert.Contains("binance · reconnecting", cut.Find("[data-testid=feed-status]").TextContent);
        Assert.Contains("1,235", cut.Find("[data-testid=events-per-second]").TextContent);
        Assert.Contains("77", cut.Markup);
        Assert.Contains("900 µs", cut.Markup);
        Assert.Contains("120 ms", cut.Markup);
        Assert.Contains("reconnects", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=rate-limit-waits]"));
    }

    [Fact]
    public void Status_bar_shows_an_exchanges_rate_limit_waits_with_the_last_one_as_a_hint()
    {
        var snapshot = EngineSnapshot.Empty(DateTimeOffset.UnixEpoch) with
        {
            State = EngineState.Running,
            Feed = new FeedSnapshot("bybit", FeedStatus.Connected, "1 symbol(s), 1m candles", ["BTCUSDT"], "1m", null, 1, 100,
                "bybit", 2, TimeSpan.FromSeconds(3), "Bybit answered 429 (too many requests); retrying after 2 s."),
        };
        var cut = Render<LiveStatusBar>(p => p.Add(x => x.Snapshot, snapshot));

        Assert.Contains("bybit · connected", cut.Find("[data-testid=feed-status]").TextContent);
        var waits = cut.Find("[data-testid=rate-limit-waits]");
        Assert.Contains("2 (3 s)", waits.TextContent);
        Assert.Equal("Bybit answered 429 (too many requests); retrying after 2 s.", waits.GetAttribute("title"));
    }

    [Fact]
    public void The_strategy_log_shows_what_each_instances_code_logged_and_nothing_when_none_did()
    {
        var quiet = Instance(1, "BTCUSDT", 0m);
        var chatty = Instance(2, "ETHUSDT", 0m) with
        {
            Log = [new Velocitas.Strategies.Hosting.LogLine(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero), "nearly all in at 2,310.55")],
        };
        Assert.Empty(Render<StrategyLogPanel>(p => p.Add(x => x.Instances, [quiet])).FindAll("[data-testid=strategy-log]"));

        var cut = Render<StrategyLogPanel>(p => p.Add(x => x.Instances, [quiet, chatty]));
        Assert.Empty(cut.FindAll("[data-testid=instance-1-log]"));
        Assert.Contains("2025-03-01 12:00  nearly all in at 2,310.55", cut.Find("[data-testid=instance-2-log]").TextContent);
    }

    [Fact]
    public void Pnl_table_lists_each_group_and_the_total()
    {
        var instances = new[] { Instance(1, "BTCUSDT", 10m), Instance(2, "ETHUSDT", -4m) };
        var lines = instances.GroupBy(i => i.Symbol).Select(g => PnlLine.Sum(g.Key, g, [], new FundValue())).ToList();
        var cut = Render<PnlTable>(p => p.Add(x => x.Lines, lines).Add(x => x.Total, PnlLine.Sum("overall", instances, [], new FundValue())).Add(x => x.KeyTitle, "Coin").Add(x => x.TestId, "t"));

        Assert.Equal(3, cut.FindAll("tbody tr").Count);
        Assert.Equal("6.00", cut.Find("[data-testid=t-total-realized]").TextContent);
        Assert.Contains("vel-neg", cut.FindAll("tbody tr")[1].InnerHtml);
    }

    [Fact]
    public void Instances_table_shows_positions_and_raises_actions()
    {
        (int, bool)? paused = null;
        int? removed = null;
        var cut = Render<InstancesTable>(p => p.Add(x => x.Instances, [Instance(3, "SOLUSDT", 2m, qty: 2m)])
            .Add(x => x.OnPause, ((int, bool) a) => paused = a).Add(x => x.OnRemove, (int id) => removed = id));

        Assert.Contains("2 @ 50.0000", cut.Find("[data-testid=instance-3]").TextContent);
        Assert.Equal("4", cut.Find("[data-testid=instance-3-trades]").TextContent);
        cut.Find("[aria-label=Pause]").Click();
        cut.Find("[data-testid=remove-3]").Click();
        Assert.Equal((3, true), paused);
        Assert.Equal(3, removed);
    }

    [Fact]
    public void Trade_blotter_lists_trades_newest_first_as_given()
    {
        var t = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var trades = new[]
        {
            new LiveTrade(1, "rsi", "BTCUSDT", new Trade(t, t.AddMinutes(3), 0.5m, 100m, 110m, 4.9m, 0.1m, ExitReason.TakeProfit)),
            new LiveTrade(2, "macd", "ETHUSDT", new Trade(t, t.AddMinutes(1), 1m, 10m, 9m, -1.1m, 0.1m, ExitReason.StopLoss)),
        };
        var cut = Render<TradeBlotter>(p => p.Add(x => x.Trades, trades));
        var rows = cut.FindAll("tr.vel-trade-row");
        Assert.Equal(2, rows.Count);
        Assert.Contains("03-04 05:09:07", rows[0].TextContent);
        Assert.Contains("take-profit", rows[0].TextContent);
        Assert.Contains("-1.10", rows[1].TextContent);
    }
}
