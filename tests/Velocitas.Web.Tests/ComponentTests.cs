using MudBlazor.Services;
using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Strategies;
using Velocitas.Web.Components.UI;

namespace Velocitas.Web.Tests;

public class ComponentTests : BunitContext, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await ((IAsyncDisposable)this).DisposeAsync();

    public ComponentTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    private static PerformanceMetrics Metrics => new()
    {
        FinalEquity = 12345.678m, TotalReturnPct = 23.45678, BuyAndHoldReturnPct = -5, CagrPct = 12, MaxDrawdownPct = 8.5,
        MaxDrawdownDuration = TimeSpan.FromDays(12.5), Sharpe = 1.234, Sortino = 2.5, Calmar = 1.4, Trades = 42, WinRatePct = 57.14,
        ProfitFactor = 1.8, Expectancy = 55.5m, AvgTradePct = 0.9, BestTradePct = 12, WorstTradePct = -4, ExposurePct = 61, FeesPaid = 123.4m, Sqn = 2.1,
    };

    [Fact]
    public void MetricsPanel_shows_each_figure_formatted_with_its_sign()
    {
        var cut = Render<MetricsPanel>(p => p.Add(x => x.Metrics, Metrics).Add(x => x.InitialCash, 10_000m));

        Assert.Equal("12,345.68", cut.Find("[data-metric=finalEquity]").TextContent);
        Assert.Equal("+23.46 %", cut.Find("[data-metric=totalReturnPct]").TextContent);
        Assert.Contains("vel-pos", cut.Find("[data-metric=totalReturnPct]").ClassName);
        Assert.Equal("-8.50 %", cut.Find("[data-metric=maxDrawdownPct]").TextContent);
        Assert.Equal("1.23", cut.Find("[data-metric=sharpe]").TextContent);
        Assert.Equal("42", cut.Find("[data-metric=trades]").TextContent);
        Assert.Contains("win rate 57.14 %", cut.Markup);
        Assert.Contains("lasted 12.5 days", cut.Markup);
        Assert.Contains("buy &amp; hold -5.00 %", cut.Markup);
    }

    [Fact]
    public void MetricsPanel_shows_a_dash_for_undefined_figures()
    {
        var cut = Render<MetricsPanel>(p => p.Add(x => x.Metrics, new PerformanceMetrics { FinalEquity = 10000m }));
        Assert.Equal("–", cut.Find("[data-metric=sharpe]").TextContent);
        Assert.Equal("–", cut.Find("[data-metric=profitFactor]").TextContent);
    }

    [Fact]
    public void TradesTable_lists_trades_with_pnl_colour_and_exit_reason()
    {
        var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var trades = new List<Trade>
        {
            new(t0, t0.AddHours(5), 0.5m, 42000m, 43000m, 480m, 20m, ExitReason.TakeProfit),
            new(t0.AddDays(1), t0.AddDays(2), 0.5m, 43000m, 41000m, -1020m, 20m, ExitReason.StopLoss),
        };
        var cut = Render<TradesTable>(p => p.Add(x => x.Trades, trades));

        var rows = cut.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("2024-01-01 00:00", rows[0].TextContent);
        Assert.Contains("480.00", rows[0].TextContent);
        Assert.Contains("take-profit", rows[0].TextContent);
        Assert.Contains("-1,020.00", rows[1].TextContent);
        Assert.Contains("stop-loss", rows[1].TextContent);
        Assert.NotEmpty(rows[1].QuerySelectorAll(".vel-neg"));
    }

    [Fact]
    public void ParameterForm_shows_validation_messages_as_values_change()
    {
        var values = SmaCrossoverStrategy.CatalogEntry.Defaults.ToDictionary(p => p.Key, p => p.Value);
        var cut = Render<ParameterForm>(p => p.Add(x => x.Definition, SmaCrossoverStrategy.CatalogEntry).Add(x => x.Values, values));

        Assert.Equal(2, cut.FindAll("input").Count);
        Assert.True(cut.Instance.IsValid);

        Inputs.FindParam(cut.Find("[data-param=fast]")).Input("40");
        Assert.False(cut.Instance.IsValid);
        Assert.Contains("fast (40) must be less than slow (30).", cut.Markup);

        Inputs.FindParam(cut.Find("[data-param=slow]")).Input("45.5");
        Assert.Contains("slow must be a whole number (was 45.5).", cut.Markup);

        Inputs.FindParam(cut.Find("[data-param=slow]")).Input("50");
        Assert.True(cut.Instance.IsValid);
        Assert.Equal(40, values["fast"]);
    }

    [Fact]
    public void ExecutionForm_turns_the_fee_percentage_into_a_fraction_and_reports_bad_values()
    {
        var model = new ExecutionModel();
        var cut = Render<ExecutionForm>(p => p.Add(x => x.Model, model));
        Assert.Equal(0.001m, model.ToSettings().FeeRate);

        model.FeePct = 150;
        cut.Render();
        Assert.Contains("Fee must be at least 0 % and below 100 % (was 150 %).", cut.Markup);
        Assert.False(model.IsValid);
    }

    [Fact]
    public void ExecutionForm_keeps_a_typed_stop_loss_of_150_and_shows_the_engines_message_under_that_field()
    {
        var model = new ExecutionModel();
        var cut = Render<ExecutionForm>(p => p.Add(x => x.Model, model));

        cut.Find("[data-exec=stop-loss]").AsInput().Input("150");

        Assert.Equal(150m, model.StopLossPct);
        var field = cut.Find("[data-exec=stop-loss]").Closest(".mud-input-control")!;
        Assert.Contains("Stop-loss must be a percentage above 0 and below 100 (was 150).", field.TextContent);
        Assert.False(model.IsValid);
    }

    [Fact]
    public void ParameterForm_never_clamps_a_value_out_of_range_and_says_why_it_is_refused()
    {
        var values = SmaCrossoverStrategy.CatalogEntry.Defaults.ToDictionary(p => p.Key, p => p.Value);
        var cut = Render<ParameterForm>(p => p.Add(x => x.Definition, SmaCrossoverStrategy.CatalogEntry).Add(x => x.Values, values));

        Inputs.FindParam(cut.Find("[data-param=fast]")).Input("500");
        Assert.Equal(500, values["fast"]);
        Assert.Equal("500", Inputs.FindParam(cut.Find("[data-param=fast]")).GetAttribute("value"));
        Assert.Contains("fast must be between 2 and 200 (was 500).", cut.Find("[data-param=fast]").Closest(".mud-input-control")!.TextContent);

        Inputs.FindParam(cut.Find("[data-param=fast]")).Input("30");
        var fast = cut.Find("[data-param=fast]").Closest(".mud-input-control")!;
        Assert.Contains("fast (30) must be less than slow (30).", fast.TextContent);
        Assert.Contains("vel-field-error", fast.ClassName);
        Assert.False(cut.Instance.IsValid);
    }
}
