using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Velocitas.Data.Storage;
using Velocitas.Engine.Live;
using Velocitas.Engine.Strategies;
using Velocitas.Web.Components.UI;
using Velocitas.Web.Services;

namespace Velocitas.Web.Tests;

/// <summary>User strategy versions in the running app: names shown, unloading of unused versions, trend suggestions.</summary>
public class UserStrategyLifecycleTests : PageTestBase
{
    private UserStrategyService Strategies => Services.GetRequiredService<UserStrategyService>();

    private static string Source(int fast) => StrategyTemplates.Source("sma-crossover").Replace("= 10;", $"= {fast};");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Strategies.StartAsync(default);
    }

    /// <summary>A weak handle on a version's code, taken without keeping anything of it on this frame.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference TypeOf(string id) => new(StrategyCatalog.Get(id).Class!.Type);

    private static bool Collected(WeakReference handle)
    {
        for (int i = 0; i < 30 && handle.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        return !handle.IsAlive;
    }

    [Fact]
    public async Task Versions_nobody_runs_are_unloaded_while_a_live_instance_keeps_its_own()
    {
        var v1 = (await Strategies.CreateAsync("Sweep Sma", Source(10))).Version!;
        var live = Services.GetRequiredService<LiveEngine>();
        var instance = await live.AddInstanceAsync(new InstanceSpec { StrategyId = v1.VersionId, Symbol = "BTC" });
        var v2 = (await Strategies.UpdateAsync(v1.Key, Source(11))).Version!;
        Assert.Contains(v1.VersionId, Strategies.LoadedVersions); // a live instance runs it

        // version 3 is saved: version 2 is neither the latest nor run by anyone, so it is unloaded and freed
        var v2Code = TypeOf(v2.VersionId);
        var v3 = (await Strategies.UpdateAsync(v1.Key, Source(12))).Version!;
        Assert.Equal(["sweep-sma@1", "sweep-sma@3"], Strategies.LoadedVersions.Where(id => id.StartsWith("sweep-sma@", StringComparison.Ordinal)).Order());
        Assert.True(Collected(v2Code), "version 2's load context is freed");

        // the live instance goes: its version is unloaded at the next sweep
        var v1Code = TypeOf(v1.VersionId);
        Assert.True(await live.RemoveInstanceAsync(instance.Id));
        Assert.Equal(["sweep-sma@1"], Strategies.SweepUnused());
        Assert.Equal(["sweep-sma@3"], Strategies.LoadedVersions.Where(id => id.StartsWith("sweep-sma@", StringComparison.Ordinal)));
        Assert.True(Collected(v1Code), "version 1 is freed once its live instance is removed");

        // an old version asked for again (a History re-run) is loaded again, then swept again
        Assert.Equal("Sweep Sma v2", StrategyCatalog.Get(v2.VersionId).Name);
        Assert.Equal(["sweep-sma@2"], Strategies.SweepUnused());
        Assert.Equal(v3.VersionId, StrategyCatalog.Get("sweep-sma").Id);
        Assert.Null(await Strategies.DeleteAsync(v1.Key)); // the catalogue is process-wide
    }

    [Fact]
    public async Task History_and_live_show_a_version_by_its_name_without_loading_it()
    {
        var v1 = (await Strategies.CreateAsync("Named Sma", Source(10))).Version!;
        await Strategies.UpdateAsync(v1.Key, Source(11));
        Strategies.SweepUnused();
        Assert.DoesNotContain(v1.VersionId, Strategies.LoadedVersions);

        Assert.Equal("Named Sma v1", Fmt.Strategy(v1.VersionId));
        Assert.DoesNotContain(v1.VersionId, Strategies.LoadedVersions); // the name came from the store, nothing compiled
        Assert.Equal("Named Sma v2", Fmt.Strategy("named-sma@2"));
        Assert.Null(await Strategies.RenameAsync(v1.Key, "Renamed Sma"));
        Assert.Equal("Renamed Sma v1", Fmt.Strategy(v1.VersionId));
        Assert.Null(await Strategies.DeleteAsync(v1.Key));
        Assert.Equal("named-sma@1 (deleted)", Fmt.Strategy(v1.VersionId));
        Assert.Equal("SMA crossover", Fmt.Strategy("sma-crossover"));
    }

    [Fact]
    public async Task A_saved_runs_plots_and_log_and_its_version_name_show_in_history()
    {
        const string source = """
            public sealed class Spread : Strategy
            {
                [Parameter(2, 50)] public int Fast { get; set; } = 5;
                private Series _fast = null!, _slow = null!;
                protected override void OnStart() { _fast = Sma(Fast); _slow = Sma(20); Log("fast " + Fast); }
                protected override void OnCandle(Candle candle)
                {
                    Plot("fast", _fast[0]);
                    Plot("spread", _fast[0] - _slow[0]);
                    if (_fast.CrossedAbove(_slow)) Buy(); else if (_fast.CrossedBelow(_slow)) Sell();
                }
            }
            """;
        var v1 = (await Strategies.CreateAsync("History Spread", source)).Version!;
        var btc = (await Services.GetRequiredService<DatasetStore>().ListAsync()).First(d => d.Symbol == "BTCUSDT");
        var outcome = await Services.GetRequiredService<BacktestRunner>().RunAsync(new BacktestRequest(btc.Id, v1.VersionId, null, new Velocitas.Engine.Execution.ExecutionSettings(), Origin: "lab"));

        var cut = Render<Velocitas.Web.Components.Pages.History.BacktestDetailPage>(p => p.Add(x => x.Id, outcome.SavedId!.Value));
        cut.WaitForElement("[data-testid=strategy-log-line]");
        Assert.Contains($"Backtest #{outcome.SavedId} · History Spread v1", cut.Markup);
        Assert.Equal("start fast 5", cut.Find("[data-testid=strategy-log-line]").TextContent.Trim());
        var plots = cut.FindComponent<PriceChart>().Instance.Plots!;
        Assert.Equal((PlotSeries.PricePane, OutputPlots.OwnPane), (plots.Single(p => p.Name == "fast").Pane, plots.Single(p => p.Name == "spread").Pane));
        Assert.True(outcome.Result.Output.Plots["spread"].Count > StrategyOutputJson.MaxPointsPerSeries); // ~6,000 candles
        Assert.InRange(plots.Single(p => p.Name == "spread").Points.Count, StrategyOutputJson.MaxPointsPerSeries / 2, StrategyOutputJson.MaxPointsPerSeries); // stored bounded
        Assert.Null(await Strategies.DeleteAsync(v1.Key)); // the catalogue is process-wide
    }

    [Fact]
    public async Task A_saved_user_strategy_is_among_the_trend_suggestions_judged_on_its_record()
    {
        var v1 = (await Strategies.CreateAsync("Trend Sma", Source(8))).Version!;
        var btc = (await Services.GetRequiredService<DatasetStore>().ListAsync()).First(d => d.Symbol == "BTCUSDT");

        var trend = await Services.GetRequiredService<TrendService>().AnalyzeAsync(btc.Id);

        var mine = Assert.Single(trend.Analysis.Suggestions, s => s.StrategyId == v1.VersionId);
        Assert.Equal("Trend Sma v1", mine.Name);
        Assert.False(mine.FitsRule);
        Assert.Contains("Trend Sma v1 (8, 30): a strategy of your own, judged on this coin's record alone.", mine.Text);
        Assert.Contains(trend.Analysis.Suggestions, s => s.StrategyId == "sma-crossover");
        Assert.Null(await Strategies.DeleteAsync(v1.Key)); // the catalogue is process-wide
    }

    [Fact]
    public async Task A_saved_version_runs_from_the_backtest_page_and_in_a_portfolio_under_its_version()
    {
        var v1 = (await Strategies.CreateAsync("Everywhere Sma", Source(7))).Version!;
        Assert.Contains(StrategyCatalog.All, s => s.Id == v1.VersionId && s.Name == "Everywhere Sma v1");

        // the Backtest page (opened as the Lab's links do): the version's own parameter form, saved under the version
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"/backtest?dataset=1&strategy={v1.VersionId}");
        var cut = Render<Velocitas.Web.Components.Pages.Backtest.BacktestPage>();
        cut.WaitForElement("[data-testid=run-backtest]");
        Assert.Contains("Everywhere Sma v1", cut.Markup);
        Assert.Equal(2, cut.FindAll("[data-testid=parameter-form] input").Count);
        cut.Find("[data-testid=run-backtest]").Click();
        cut.WaitForElement("[data-testid=metrics]", TimeSpan.FromSeconds(30));
        var run = Assert.Single(await Services.GetRequiredService<BacktestStore>().ListAsync());
        Assert.Equal((v1.VersionId, 7.0, 30.0), (run.StrategyId, run.Parameters["fast"], run.Parameters["slow"]));

        // a portfolio leg of the user's version beside a built-in: each leg trades as it would alone
        var datasets = await Services.GetRequiredService<DatasetStore>().ListAsync();
        var btc = datasets.First(d => d.Symbol == "BTCUSDT");
        var eth = datasets.First(d => d.Symbol == "ETHUSDT");
        var outcome = await Services.GetRequiredService<PortfolioService>().RunAsync(
            [new PortfolioLegSetup(btc.Id, v1.VersionId, null), new PortfolioLegSetup(eth.Id, "rsi", null)], new Velocitas.Engine.Execution.ExecutionSettings { LotStep = 0.0001m });
        Assert.Equal($"{v1.VersionId}(fast=7, slow=30) on BTCUSDT", outcome.LegLabels[0]);
        var alone = Velocitas.Engine.Backtesting.Backtester.Run(await Services.GetRequiredService<DatasetStore>().LoadCandlesAsync(btc.Id), StrategyCatalog.Get(v1.VersionId).Create(),
            new Velocitas.Engine.Execution.ExecutionSettings { LotStep = 0.0001m, InitialCash = outcome.Result.Legs[0].Allocation }, Velocitas.Engine.Market.Timeframe.OneHour);
        Assert.NotEmpty(alone.Trades);
        Assert.Equal(alone.Trades.Select(t => (t.EntryTime, t.ExitTime)), outcome.Result.Legs[0].Result.Trades.Select(t => (t.EntryTime, t.ExitTime)));
        Assert.Null(await Strategies.DeleteAsync(v1.Key)); // the catalogue is process-wide
    }

    [Fact]
    public async Task The_live_page_shows_a_user_strategys_log_and_the_error_of_one_whose_code_failed_while_the_other_trades()
    {
        const string talker = """
            using Velocitas.Strategies;

            public sealed class Talker : Strategy
            {
                protected override void OnCandle(Candle candle) => Log("candle " + Candles.Count);
            }
            """;
        const string failer = """
            using Velocitas.Strategies;

            public sealed class Failer : Strategy
            {
                private readonly List<double> _seen = [];

                protected override void OnCandle(Candle candle)
                {
                    if (Candles.Count == 3) Log(_seen[5].ToString());
                }
            }
            """;
        var talks = (await Strategies.CreateAsync("Live Talker", talker)).Version!;
        var fails = (await Strategies.CreateAsync("Live Failer", failer)).Version!;
        var live = Services.GetRequiredService<LiveEngine>();
        var a = await live.AddInstanceAsync(new InstanceSpec { StrategyId = talks.VersionId, Symbol = "BTC" });
        var b = await live.AddInstanceAsync(new InstanceSpec { StrategyId = fails.VersionId, Symbol = "BTC" });
        var cut = Render<Velocitas.Web.Components.Pages.Live.LivePage>();
        cut.WaitForElement($"[data-testid=instance-{b.Id}]");

        await live.StartAsync(new SyntheticFeed(["BTC"], new SyntheticFeedOptions { TicksPerSecond = 0, TicksPerCandle = 3, MaxTicks = 60 }));
        await live.WhenFeedCompletedAsync();
        await live.StopAsync();

        // the engine first (what the page shows comes from it), then the page
        var snapshot = live.PublishSnapshot().Instances;
        var talking = snapshot.Single(i => i.Id == a.Id);
        Assert.True(snapshot.Single(i => i.Id == b.Id).Paused);
        Assert.True((false, 20) == (talking.Paused, talking.Candles), $"talker: paused {talking.Paused}, {talking.Candles} candle(s), note '{talking.Note}', log: {string.Join(" | ", talking.Log.Select(l => l.Message))}");
        Assert.Equal("candle 20", talking.Log[^1].Message);
        cut.WaitForAssertion(() => Assert.Contains("candle 20", cut.Find($"[data-testid=instance-{a.Id}-log]").TextContent));
        Assert.Contains("Live Talker v1 on BTCUSDT", cut.Find($"[data-testid=instance-{a.Id}-log]").TextContent);
        var note = cut.Find($"[data-testid=instance-{b.Id}-note]").GetAttribute("title")!;
        Assert.StartsWith("Paused: the strategy's code failed at ", note);
        Assert.Contains(": line 9: ArgumentOutOfRangeException: ", note);

        Assert.True(await live.RemoveInstanceAsync(a.Id));
        Assert.True(await live.RemoveInstanceAsync(b.Id));
        Assert.Null(await Strategies.DeleteAsync(talks.Key)); // the catalogue is process-wide
        Assert.Null(await Strategies.DeleteAsync(fails.Key));
    }

    [Fact]
    public async Task A_saved_user_strategy_trades_identically_in_a_backtest_an_optimisation_and_a_live_replay()
    {
        const string source = """
            using Velocitas.Strategies;

            public sealed class Scaler : Strategy
            {
                [Parameter(2, 50)] public int Fast { get; set; } = 8;
                [Parameter(0.1, 1, Step = 0.1)] public double Fraction { get; set; } = 0.5;
                private Series _fast = null!, _slow = null!;

                protected override void OnStart()
                {
                    _fast = Ema(Fast);
                    _slow = Sma(30);
                    SetStopLoss(4);
                }

                protected override void OnCandle(Candle candle)
                {
                    Plot("gap", _fast[0] - _slow[0]);
                    if (_fast.CrossedAbove(_slow)) Buy(Fraction);
                    else if (_fast.CrossedBelow(_slow)) Sell(0.5);
                    else if (Position.IsLong && candle.Close < _slow[0] * 0.97) Sell();
                }
            }
            """;
        var v1 = (await Strategies.CreateAsync("Replay Scaler", source)).Version!;
        var definition = StrategyCatalog.Get(v1.VersionId);
        var btc = (await Services.GetRequiredService<DatasetStore>().ListAsync()).First(d => d.Symbol == "BTCUSDT");
        var candles = await Services.GetRequiredService<DatasetStore>().LoadCandlesAsync(btc.Id);
        var settings = new Velocitas.Engine.Execution.ExecutionSettings { FeeRate = 0.001m, LotStep = 0.0001m, SlippageBps = 2 };
        var parameters = new Dictionary<string, double> { ["fast"] = 8, ["fraction"] = 0.5 };

        var backtest = Velocitas.Engine.Backtesting.Backtester.Run(candles, definition.Create(parameters), settings, Velocitas.Engine.Market.Timeframe.OneHour);
        var expected = backtest.Trades.Where(t => t.ExitReason != Velocitas.Engine.Execution.ExitReason.EndOfData).ToList();
        Assert.True(expected.Count > 20, $"{expected.Count} trades");
        Assert.Contains(expected, t => t.ExitReason == Velocitas.Engine.Execution.ExitReason.StopLoss);

        var optimisation = Velocitas.Engine.Optimization.Optimizer.Run(new Velocitas.Engine.Optimization.OptimizationRequest
        {
            Data = [new Velocitas.Engine.Optimization.OptimizationData(btc.Name, btc.Symbol, candles, Velocitas.Engine.Market.Timeframe.OneHour)],
            Strategies = [new Velocitas.Engine.Optimization.StrategySearch(definition, new Dictionary<string, Velocitas.Engine.Optimization.ParameterRange>
            {
                ["fast"] = Velocitas.Engine.Optimization.ParameterRange.Parse("6,8", "fast"),
                ["fraction"] = Velocitas.Engine.Optimization.ParameterRange.Parse("0.5,1", "fraction"),
            })],
            Settings = settings,
            MinTrades = 1,
        });
        Assert.Equal(backtest.Metrics, optimisation.Combinations.Single(c => c.Parameters["fast"] == 8 && c.Parameters["fraction"] == 0.5).InSample);

        var live = Services.GetRequiredService<LiveEngine>();
        var instance = await live.AddInstanceAsync(new InstanceSpec { StrategyId = v1.VersionId, Symbol = "BTC", Parameters = parameters, Settings = settings });
        await live.StartAsync(new CandleReplayFeed(new Dictionary<string, Velocitas.Engine.Market.Candle[]> { ["BTCUSDT"] = candles }, Velocitas.Engine.Market.Timeframe.OneHour));
        await live.WhenFeedCompletedAsync();
        await live.StopAsync();
        Assert.Equal(expected, live.RecentTrades.Where(t => t.InstanceId == instance.Id).Select(t => t.Trade).ToList());
        Assert.Equal(candles.Length, live.PublishSnapshot().Instances.Single(i => i.Id == instance.Id).Candles);

        Assert.True(await live.RemoveInstanceAsync(instance.Id));
        Assert.Null(await Strategies.DeleteAsync(v1.Key)); // the catalogue is process-wide
    }

    [Fact]
    public async Task The_backtest_page_says_which_line_of_a_strategys_code_failed()
    {
        const string source = """
            using Velocitas.Strategies;

            public sealed class Thirty : Strategy
            {
                protected override void OnCandle(Candle candle)
                {
                    var seen = new List<double>();
                    if (Candles.Count == 30) Log(seen[3].ToString());
                }
            }
            """;
        var v1 = (await Strategies.CreateAsync("Page Thirty", source)).Version!;
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"/backtest?dataset=1&strategy={v1.VersionId}");
        var cut = Render<Velocitas.Web.Components.Pages.Backtest.BacktestPage>();
        cut.WaitForElement("[data-testid=run-backtest]");

        cut.Find("[data-testid=run-backtest]").Click();

        cut.WaitForElement("[data-testid=backtest-error]", TimeSpan.FromSeconds(30));
        Assert.StartsWith("The strategy's code failed: line 8: ArgumentOutOfRangeException: ", cut.Find("[data-testid=backtest-error]").TextContent.Trim());
        Assert.Empty(await Services.GetRequiredService<BacktestStore>().ListAsync()); // nothing half-run is saved
        Assert.Null(await Strategies.DeleteAsync(v1.Key)); // the catalogue is process-wide
    }
}
