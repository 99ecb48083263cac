using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Velocitas.Data.Import;
using Velocitas.Engine.Market;
using Velocitas.Engine.Trend;
using Velocitas.Web.Components.Pages.Trend;
using Velocitas.Web.Services;

namespace Velocitas.Web.Tests;

public class TrendPageTests : PageTestBase
{
    [Fact]
    public void The_page_analyses_every_coin_and_shows_the_selected_ones_evidence_history_and_suggestions()
    {
        var cut = Render<TrendPage>();
        cut.WaitForElement("[data-testid=trend-detail]", TimeSpan.FromSeconds(30));

        var rows = cut.FindAll("[data-testid=trend-overview] tbody tr");
        Assert.Equal(3, rows.Count);
        foreach (string coin in new[] { "BTCUSDT", "ETHUSDT", "SOLUSDT" })
            Assert.Contains(cut.Find($"[data-regime={coin}]").TextContent, new[] { "Uptrend", "Downtrend", "Range", "Volatile" });
        Assert.Equal(8, cut.FindAll("[data-testid=evidence] tr").Count);
        Assert.NotEmpty(cut.FindAll("[data-testid=suggestions] .mud-alert"));
        Assert.Equal(4, cut.FindAll("[data-testid=regime-stats] tbody tr").Count);
        Assert.Equal(10, cut.FindAll("[data-testid=regime-periods] tbody tr").Count);
        Assert.Contains("(now)", cut.Find("[data-testid=regime-periods]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=regime-chart]"));

        // another coin
        string first = cut.Find("[data-testid=trend-title]").TextContent;
        var other = cut.FindAll("[data-testid=trend-overview] tbody tr").First(r => !r.TextContent.Contains(first));
        other.Click();
        cut.WaitForAssertion(() => Assert.NotEqual(first, cut.Find("[data-testid=trend-title]").TextContent));
    }

    [Fact]
    public async Task What_the_page_shows_is_the_engines_analysis_of_the_stored_candles()
    {
        var service = Services.GetRequiredService<TrendService>();
        var result = await service.AnalyzeAsync(1);
        var candles = await Services.GetRequiredService<Velocitas.Data.Storage.DatasetStore>().LoadCandlesAsync(1);
        var direct = TrendAnalyzer.Analyze(candles, "BTCUSDT", Timeframe.OneHour, execution: TrendService.DefaultExecution);
        Assert.Equal(direct.Current, result.Analysis.Current);
        Assert.Equal(direct.Segments.Count, result.Analysis.Segments.Count);
        // the built-ins' suggestions: saved strategies come and go in the process-wide catalogue as other tests run
        static IEnumerable<string> BuiltIn(IEnumerable<Velocitas.Engine.Trend.StrategySuggestion> suggestions) => suggestions
            .Where(s => s.StrategyId is null || Velocitas.Engine.Strategies.StrategyCatalog.BuiltIn.Any(b => b.Id == s.StrategyId)).Select(s => s.Text);
        Assert.Equal(BuiltIn(direct.Suggestions), BuiltIn(result.Analysis.Suggestions));
    }
}

/// <summary>The longer timeframe shown beside a shorter one is read at the same moment, or not at all.</summary>
public class HigherTimeframeTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static DatasetTrend Trend(int id, string symbol, Timeframe timeframe, DateTimeOffset start, int count)
    {
        var candles = SyntheticMarket.Generate(id, 40_000, start, timeframe, count);
        var summary = new Velocitas.Data.Storage.DatasetSummary(id, $"{symbol} {timeframe.Code} #{id}", symbol, timeframe.Code, "upload", null, null, count, candles[0].Time, candles[^1].Time, start);
        return new DatasetTrend(summary, TrendAnalyzer.Analyze(candles, symbol, timeframe));
    }

    [Fact]
    public void The_daily_label_is_the_one_of_the_last_day_closed_when_the_hourly_candle_closed()
    {
        var hourly = Trend(1, "BTCUSDT", Timeframe.OneHour, Start, 4000); // up to 2024-06-15 15:00
        var daily = Trend(2, "BTCUSDT", Timeframe.OneDay, Start, 300); // runs on to October

        var higher = HigherTimeframe.Of(hourly, [hourly, daily]);

        Assert.NotNull(higher);
        Assert.Same(daily, higher.Source);
        Assert.Equal(new DateTimeOffset(2024, 6, 14, 0, 0, 0, TimeSpan.Zero), higher.Reading.Time);
        Assert.Equal(new DateTimeOffset(2024, 6, 15, 0, 0, 0, TimeSpan.Zero), higher.ClosedAt);
        Assert.Equal(daily.Analysis.Readings.Single(r => r.Time == higher.Reading.Time), higher.Reading);
        Assert.Null(HigherTimeframe.Of(daily, [hourly, daily])); // nothing longer than a day here
    }

    [Fact]
    public void Regimes_read_as_english_in_a_sentence()
    {
        Assert.Equal(["an uptrend", "a downtrend", "a range", "a volatile market"],
            new MarketRegime?[] { MarketRegime.Uptrend, MarketRegime.Downtrend, MarketRegime.Ranging, MarketRegime.Volatile }.Select(RegimeStyle.Market));
        Assert.Equal("volatile market", RegimeStyle.Noun(MarketRegime.Volatile));
    }

    [Fact]
    public void A_longer_timeframe_of_another_period_or_another_coin_says_nothing()
    {
        var hourly = Trend(1, "BTCUSDT", Timeframe.OneHour, Start, 4000);
        var olderDaily = Trend(2, "BTCUSDT", Timeframe.OneDay, Start.AddYears(-3), 400); // ends in 2022
        var ethDaily = Trend(3, "ETHUSDT", Timeframe.OneDay, Start, 300);

        Assert.Null(HigherTimeframe.Of(hourly, [hourly, olderDaily, ethDaily]));
    }
}

public class TrendApiTests : ApiTestBase
{
    [Fact]
    public async Task Upload_then_analyze_coins_and_ask_for_suggestions()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(SharedData.Reference("GOOG.csv"))), "file", "GOOG.csv" }, { new StringContent("GOOG"), "symbol" } };
        var up = await Http.PostAsync("/api/trend-analysis/upload-csv", form);
        Assert.Equal(HttpStatusCode.Created, up.StatusCode);
        int goog = (await Json(up)).GetProperty("dataset_id").GetInt32();

        var r = await Http.PostAsJsonAsync("/api/trend-analysis/analyze", new { coins = new[] { "BTC", "ETH" }, dataset_ids = new[] { goog } });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var body = await Json(r);
        var results = body.GetProperty("results");
        Assert.Equal(3, results.GetArrayLength());
        Assert.Equal(new[] { "GOOG", "BTCUSDT", "ETHUSDT" }, results.EnumerateArray().Select(x => x.GetProperty("symbol").GetString()));
        var g = results[0];
        // the same answer as the engine on the same file
        var parsed = CandleFileParser.Parse(SharedData.Reference("GOOG.csv"));
        var direct = TrendAnalyzer.Analyze(parsed.Candles, "GOOG", Timeframe.OneDay, execution: TrendService.DefaultExecution);
        Assert.Equal(StrategyAdvisor.Label(direct.Current.Regime!.Value), g.GetProperty("regime").GetString()!.Replace("ranging", "range"));
        Assert.Equal(direct.Current.Confidence, g.GetProperty("confidence").GetDouble());
        Assert.Equal(8, g.GetProperty("evidence_items").GetArrayLength());
        Assert.InRange(g.GetProperty("rsi").GetDouble(), 0, 100);
        Assert.True(g.GetProperty("suggestions").GetArrayLength() >= 6);
        Assert.Equal(4, g.GetProperty("stats").GetArrayLength());
        Assert.True(g.GetProperty("segments").EnumerateArray().Last().GetProperty("ongoing").GetBoolean());
        Assert.Equal(3, body.GetProperty("overview").GetArrayLength());

        var s = await Http.GetAsync("/api/trend-analysis/suggestions-for-coin?coin=goog");
        Assert.Equal(HttpStatusCode.OK, s.StatusCode);
        var sb = await Json(s);
        Assert.Equal("GOOG", sb.GetProperty("coin").GetString());
        Assert.Equal(direct.Suggestions[0].Text, sb.GetProperty("suggestions")[0].GetProperty("text").GetString());
        Assert.Equal(direct.Rule, sb.GetProperty("rule").GetString());

        var all = await Json(await Http.PostAsync("/api/trend-analysis/analyze", null));
        Assert.Equal(4, all.GetProperty("results").GetArrayLength()); // no body: every dataset
    }

    [Fact]
    public async Task Bad_requests_say_what_is_wrong()
    {
        var unknown = await Http.PostAsJsonAsync("/api/trend-analysis/analyze", new { coins = new[] { "DOGE" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("No dataset for 'DOGE'. Datasets cover BTCUSDT, ETHUSDT, SOLUSDT", await unknown.Content.ReadAsStringAsync());

        var missing = await Http.PostAsJsonAsync("/api/trend-analysis/analyze", new { dataset_ids = new[] { 42 } });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Dataset #42 does not exist.", await missing.Content.ReadAsStringAsync());

        var settings = await Http.PostAsJsonAsync("/api/trend-analysis/analyze", new { settings = new { fast_ma = 80, slow_ma = 50 } });
        Assert.Equal(HttpStatusCode.BadRequest, settings.StatusCode);
        Assert.Contains("fastMa (80) must be less than slowMa (50).", await settings.Content.ReadAsStringAsync());

        var typo = await Http.PostAsJsonAsync("/api/trend-analysis/analyze", new { settings = new { adx = 10 } });
        Assert.Contains("Unknown field 'adx' in settings", await typo.Content.ReadAsStringAsync());

        var noCoin = await Http.GetAsync("/api/trend-analysis/suggestions-for-coin");
        Assert.Equal(HttpStatusCode.BadRequest, noCoin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/trend-analysis/suggestions-for-coin?dataset_id=77")).StatusCode);
    }
}
