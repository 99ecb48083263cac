using System.Text;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Velocitas.Compiler;
using Velocitas.Engine.Live;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;
using Velocitas.Web.Components.Pages.Lab;
using Velocitas.Web.Components.UI;
using Velocitas.Web.Services;
using Velocitas.Web.Services.Lab;

namespace Velocitas.Web.Tests;

/// <summary>The Lab page on the app's real services: templates, compile as you type, save, backtest, delete rules.</summary>
public class LabPageTests : PageTestBase
{
    /// <summary>Finds and clicks in one step on the renderer's thread: the page re-renders as its compiles and loads finish, which replaces its handlers.</summary>
    private static void Click(IRenderedComponent<LabPage> cut, string selector) => Act(cut, () => cut.Find(selector).Click());

    private static void Act(IRenderedComponent<LabPage> cut, Action action) => cut.InvokeAsync(action).GetAwaiter().GetResult();

    private static Task TypeAsync(IRenderedComponent<LabPage> cut, string text) =>
        cut.InvokeAsync(() => cut.FindComponent<CodeEditor>().Instance.OnCodeChanged(text, 1));

    [Fact]
    public void The_lab_opens_the_sma_template_read_only_with_its_parameter_form()
    {
        var cut = Render<LabPage>();
        cut.WaitForElement("[data-testid=lab-compiled]", TimeSpan.FromSeconds(30));

        Assert.Contains("SMA crossover", cut.Find("[data-testid=lab-title]").TextContent);
        Assert.Equal("true", cut.Find("[data-testid=code-editor]").GetAttribute("data-read-only"));
        Assert.Equal(2, cut.FindAll("[data-testid=lab-run] [data-testid=parameter-form] input").Count);
        Assert.Equal(6, cut.FindAll("[data-testid=lab-templates] .mud-list-item").Count);
        Assert.NotNull(cut.Find("[data-testid=lab-no-strategies]"));
        Assert.Equal(StrategyTemplates.Source("sma-crossover"), cut.FindComponent<CodeEditor>().Instance.Text);
    }

    [Fact]
    public async Task A_duplicated_template_shows_its_errors_with_line_and_column_then_saves_as_version_1_and_backtests_into_history()
    {
        var cut = Render<LabPage>();
        cut.WaitForElement("[data-testid=lab-compiled]", TimeSpan.FromSeconds(30));
        Click(cut, "[data-testid=lab-duplicate]");
        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find("[data-testid=code-editor]").GetAttribute("data-read-only")), TimeSpan.FromSeconds(30));
        Act(cut, () => cut.Find("[data-testid=lab-name]").AsInput().Input("Lab Test Sma"));

        string source = StrategyTemplates.Source("sma-crossover");
        string broken = source.Replace("_slow = Sma(Slow);", "_slow = Sma(Slow) Plot2();");
        await TypeAsync(cut, broken);
        cut.WaitForElement("[data-testid=lab-diagnostic]", TimeSpan.FromSeconds(30));
        var line = broken.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains("Plot2")).i + 1;
        Assert.StartsWith($"{line}:", cut.Find("[data-testid=lab-diagnostic-position]").TextContent.Trim());
        Assert.Contains("; expected", cut.Find("[data-testid=lab-diagnostic-message]").TextContent);
        Assert.Same(cut.FindComponent<DiagnosticsList>().Instance.Diagnostics, cut.FindComponent<CodeEditor>().Instance.Diagnostics);
        Assert.True(cut.Find("[data-testid=lab-save]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=lab-run-backtest]").HasAttribute("disabled"));

        string fixedSource = source.Replace("_slow = Sma(Slow);", "_slow = Sma(Slow); Log(\"slow \" + Slow);")
            .Replace("else if (_fast.CrossedBelow(_slow)) Sell();", "else if (_fast.CrossedBelow(_slow)) Sell();\n        Plot(\"gap\", _fast[0] - _slow[0]);");
        await TypeAsync(cut, fixedSource);
        cut.WaitForElement("[data-testid=lab-compiled]", TimeSpan.FromSeconds(30));
        Assert.Equal("not saved yet", cut.Find("[data-testid=lab-version]").TextContent.Trim());

        Click(cut, "[data-testid=lab-save]");
        cut.WaitForAssertion(() => Assert.Equal("v1 (saved)", cut.Find("[data-testid=lab-version]").TextContent.Trim()), TimeSpan.FromSeconds(30));
        var saved = Assert.Single(await Services.GetRequiredService<Velocitas.Data.Storage.UserStrategyStore>().ListAsync());
        Assert.Equal(("lab-test-sma", "Lab Test Sma", 1), (saved.Key, saved.Name, saved.LatestVersion));
        Assert.Contains("Lab Test Sma", cut.Find("[data-testid=lab-strategy-lab-test-sma]").TextContent);
        Assert.Equal("/optimization?strategy=lab-test-sma%401", cut.Find("[data-testid=lab-optimize]").GetAttribute("href"));

        Click(cut, "[data-testid=lab-run-backtest]");
        cut.WaitForElement("[data-testid=lab-saved-link]", TimeSpan.FromSeconds(60));
        var run = Assert.Single(await Services.GetRequiredService<Velocitas.Data.Storage.BacktestStore>().ListAsync());
        Assert.Equal(("lab-test-sma@1", "lab"), (run.StrategyId, run.Origin));
        Assert.Equal(run.Trades.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find("[data-testid=lab-results] [data-metric=trades]").TextContent);
        Assert.Equal("start slow 30", cut.Find("[data-testid=strategy-log-line]").TextContent.Trim());
        var chart = cut.FindComponent<LabResults>().FindComponent<PriceChart>().Instance;
        var gap = Assert.Single(chart.Plots!, p => p.Name == "gap");
        Assert.Equal(OutputPlots.OwnPane, gap.Pane);
        StrategyCatalog.Unregister("lab-test-sma"); // the catalogue is process-wide
    }

    [Fact]
    public async Task An_edit_runs_as_unsaved_code_that_is_not_kept_in_history()
    {
        var cut = Render<LabPage>();
        cut.WaitForElement("[data-testid=lab-compiled]", TimeSpan.FromSeconds(30));
        Click(cut, "[data-testid=lab-duplicate]");
        await TypeAsync(cut, StrategyTemplates.Source("sma-crossover").Replace("= 10;", "= 12;"));
        cut.WaitForAssertion(() => Assert.Equal("12", cut.Find("[data-testid=lab-run] [data-param=fast]").AsInput().GetAttribute("value")), TimeSpan.FromSeconds(30));

        Click(cut, "[data-testid=lab-run-backtest]");
        cut.WaitForElement("[data-testid=lab-not-saved]", TimeSpan.FromSeconds(60));
        Assert.Empty(await Services.GetRequiredService<Velocitas.Data.Storage.BacktestStore>().ListAsync());
        Assert.Contains("(unsaved)", cut.Find("[data-testid=lab-results]").TextContent);
    }

    [Fact]
    public void Uploading_a_cs_file_opens_it_as_a_new_unsaved_strategy_and_other_files_are_refused_with_a_message()
    {
        var cut = Render<LabPage>();
        cut.WaitForElement("[data-testid=lab-compiled]", TimeSpan.FromSeconds(30));
        var input = cut.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>();

        input.UploadFiles(InputFileContent.CreateFromText("fast,slow", "notes.txt"));
        cut.WaitForAssertion(() => Assert.Equal("notes.txt is not a C# file: upload a .cs file holding one public class deriving from Strategy.", cut.Find("[data-testid=lab-message]").TextContent.Trim()));

        input.UploadFiles(InputFileContent.CreateFromText(new string('x', (int)StrategyFileUpload.MaxBytes + 1), "Huge.cs"));
        cut.WaitForAssertion(() => Assert.Contains("Huge.cs has 200,001 bytes or more; a strategy file may have at most 200,000.", cut.Find("[data-testid=lab-message]").TextContent));

        input.UploadFiles(InputFileContent.CreateFromText(StrategyTemplates.Source("rsi"), "MyRsi.cs"));
        cut.WaitForAssertion(() => Assert.Equal("MyRsi", cut.Find("[data-testid=lab-name]").AsInput().GetAttribute("value")), TimeSpan.FromSeconds(30));
        Assert.Equal("not saved yet", cut.Find("[data-testid=lab-version]").TextContent.Trim());
        Assert.Equal(StrategyTemplates.Source("rsi"), cut.FindComponent<CodeEditor>().Instance.Text);
        cut.WaitForElement("[data-testid=lab-compiled]", TimeSpan.FromSeconds(30));
        Assert.Equal(3, cut.FindAll("[data-testid=lab-run] [data-testid=parameter-form] input").Count);
    }

    [Fact]
    public async Task Deleting_a_strategy_that_a_live_instance_runs_is_refused_with_a_message()
    {
        var strategies = Services.GetRequiredService<UserStrategyService>();
        var created = await strategies.CreateAsync("Lab Busy Sma", StrategyTemplates.Source("sma-crossover"));
        Assert.True(created.Saved);
        var live = Services.GetRequiredService<LiveEngine>();
        await live.AddInstanceAsync(new InstanceSpec { StrategyId = created.Version!.VersionId, Symbol = "BTC" });
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/lab?strategy=lab-busy-sma");

        var dialog = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<LabPage>();
        cut.WaitForElement("[data-testid=lab-delete]", TimeSpan.FromSeconds(30));
        Click(cut, "[data-testid=lab-delete]");
        cut.WaitForAssertion(() => Assert.NotNull(dialog.Find(".mud-dialog .mud-button-root:last-child")));
        dialog.FindAll(".mud-dialog .mud-button-root").First(b => b.TextContent.Contains("Delete")).Click();

        cut.WaitForAssertion(() => Assert.Contains("cannot be deleted while live instance(s) #1", cut.Find("[data-testid=lab-message]").TextContent), TimeSpan.FromSeconds(30));
        Assert.Single(await Services.GetRequiredService<Velocitas.Data.Storage.UserStrategyStore>().ListAsync());
        StrategyCatalog.Unregister("lab-busy-sma"); // the catalogue is process-wide
    }

    [Fact]
    public async Task A_saved_strategy_is_renamed_and_downloaded_as_a_cs_file_from_the_lab()
    {
        var strategies = Services.GetRequiredService<UserStrategyService>();
        string source = StrategyTemplates.Source("sma-crossover").Replace("= 10;", "= 9;");
        Assert.True((await strategies.CreateAsync("Lab Named Sma", source)).Saved);
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/lab?strategy=lab-named-sma");
        var cut = Render<LabPage>();
        cut.WaitForElement("[data-testid=lab-delete]", TimeSpan.FromSeconds(30));
        Assert.Empty(cut.FindAll("[data-testid=lab-rename]")); // offered once the name is edited

        Act(cut, () => cut.Find("[data-testid=lab-name]").AsInput().Input("Lab Renamed Sma"));
        Click(cut, "[data-testid=lab-rename]");
        cut.WaitForAssertion(() => Assert.Equal("Renamed to Lab Renamed Sma.", cut.Find("[data-testid=lab-message]").TextContent.Trim()), TimeSpan.FromSeconds(30));
        var stored = Assert.Single(await Services.GetRequiredService<Velocitas.Data.Storage.UserStrategyStore>().ListAsync());
        Assert.Equal(("lab-named-sma", "Lab Renamed Sma", 1), (stored.Key, stored.Name, stored.LatestVersion)); // same key and versions
        Assert.Equal("Lab Renamed Sma v1", StrategyCatalog.Get("lab-named-sma@1").Name);
        cut.WaitForAssertion(() => Assert.Contains("Lab Renamed Sma", cut.Find("[data-testid=lab-strategy-lab-named-sma]").TextContent));

        Click(cut, "[data-testid=lab-download]");
        cut.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "download"));
        var download = JSInterop.Invocations.Last(i => i.Identifier == "download");
        Assert.Equal(["LabRenamedSma.cs", source], download.Arguments);
        StrategyCatalog.Unregister("lab-named-sma"); // the catalogue is process-wide
    }
}

/// <summary>The Lab's building blocks on their own.</summary>
public class LabComponentTests : BunitContext, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await ((IAsyncDisposable)this).DisposeAsync();

    public LabComponentTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    [Fact]
    public void The_diagnostics_list_shows_each_message_at_its_line_and_column_and_reports_a_click()
    {
        CompileDiagnostic? clicked = null;
        IReadOnlyList<CompileDiagnostic> diagnostics =
        [
            new("My.cs", 12, 9, "; expected", true, "CS1002"),
            new("My.cs", 20, 5, "The variable 'x' is assigned but its value is never used", false, "CS0219"),
        ];
        var cut = Render<DiagnosticsList>(p => p.Add(x => x.Diagnostics, diagnostics).Add(x => x.OnSelect, d => clicked = d));

        Assert.Equal(["12:9", "20:5"], cut.FindAll("[data-testid=lab-diagnostic-position]").Select(e => e.TextContent));
        Assert.Equal("1 error(s), 1 warning(s)", cut.Find("[data-testid=lab-diagnostic-count]").TextContent.Trim());
        cut.FindAll("[data-testid=lab-diagnostic]")[1].Click();
        Assert.Equal(20, clicked?.Line);
    }

    [Fact]
    public void The_diagnostics_list_says_when_the_code_compiles()
    {
        var cut = Render<DiagnosticsList>(p => p.Add(x => x.Diagnostics, []).Add(x => x.Elapsed, TimeSpan.FromMilliseconds(42)));
        Assert.Equal("Compiles (42 ms).", cut.Find("[data-testid=lab-compiled]").TextContent);
    }

    [Fact]
    public void The_code_editor_starts_monaco_with_the_text_and_marks_the_diagnostics()
    {
        var module = JSInterop.SetupModule("./lib/velocitas-charts/velocitas-editor.js");
        module.Setup<int>("create", _ => true).SetResult(7);
        var cut = Render<CodeEditor>(p => p.Add(x => x.Text, "class A {}").Add(x => x.ReadOnly, true)
            .Add(x => x.Diagnostics, [new CompileDiagnostic("A.cs", 1, 7, "bad", true, "CS0001")]));

        var create = module.Invocations["create"].Single();
        Assert.Equal("class A {}", create.Arguments[2]);
        Assert.Equal(true, create.Arguments[3]);
        Assert.Equal(CodeEditor.DebounceMs, create.Arguments[4]);
        cut.WaitForAssertion(() => Assert.Single(module.Invocations["setMarkers"]));
        Assert.Equal("true", cut.Find("[data-testid=code-editor]").GetAttribute("data-read-only"));
    }

    [Fact]
    public async Task The_code_editor_reports_typed_text_once_and_does_not_write_it_back()
    {
        var module = JSInterop.SetupModule("./lib/velocitas-charts/velocitas-editor.js");
        module.Setup<int>("create", _ => true).SetResult(1);
        string? changed = null;
        var cut = Render<CodeEditor>(p => p.Add(x => x.Text, "a").Add(x => x.TextChanged, t => changed = t));

        await cut.InvokeAsync(() => cut.Instance.OnCodeChanged("ab", 3));
        cut.Render(p => p.Add(x => x.Text, "ab"));
        Assert.Equal("ab", changed);
        Assert.Empty(module.Invocations["setText"]);

        cut.Render(p => p.Add(x => x.Text, "another file"));
        Assert.Equal("another file", Assert.Single(module.Invocations["setText"]).Arguments[1]);
    }

    [Fact]
    public void The_strategy_list_offers_the_users_strategies_with_their_version_and_the_six_templates()
    {
        string? opened = null, template = null;
        var now = DateTimeOffset.UnixEpoch;
        var cut = Render<LabStrategyList>(p => p
            .Add(x => x.Strategies, [new Velocitas.Data.Storage.UserStrategySummary("my-sma", "My SMA", 3, "MySma", now, now)])
            .Add(x => x.OnOpenStrategy, k => opened = k)
            .Add(x => x.OnOpenTemplate, t => template = t)
            .Add(x => x.Selected, "template:sma-crossover"));

        Assert.Contains("My SMA v3", cut.Find("[data-testid=lab-strategy-my-sma]").TextContent.Replace("  ", " "));
        Assert.Equal(6, cut.FindAll("[data-testid=lab-templates] .mud-list-item").Count);
        // what the editor shows is marked, in whichever of the two lists it is
        Assert.Equal(["lab-template-sma-crossover"], SelectedItems(cut));
        cut.Find("[data-testid=lab-strategy-my-sma]").Click();
        cut.Find("[data-testid=lab-template-rsi]").Click();
        Assert.Equal(("my-sma", "rsi"), (opened, template));
        cut.Render(p => p.Add(x => x.Selected, "user:my-sma"));
        Assert.Equal(["lab-strategy-my-sma"], SelectedItems(cut));
        cut.Render(p => p.Add(x => x.Selected, "template:rsi"));
        Assert.Equal(["lab-template-rsi"], SelectedItems(cut));
    }

    private static string[] SelectedItems(IRenderedComponent<LabStrategyList> cut) =>
        cut.FindAll(".mud-selected-item").Select(e => e.GetAttribute("data-testid") ?? "").ToArray();
}

/// <summary>Uploaded .cs files go through the upload rules.</summary>
public class StrategyFileUploadTests
{
    private static Task<StrategyFileUpload> Read(string name, byte[] bytes, long? size = null) =>
        StrategyFileUpload.ReadAsync(new MemoryStream(bytes), name, size ?? bytes.Length);

    [Fact]
    public async Task A_cs_file_becomes_a_draft_named_after_the_file()
    {
        var upload = await Read("C:\\fakepath\\MySma.cs", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("public sealed class MySma : Strategy {}\r\n")).ToArray());
        Assert.Null(upload.Problem);
        Assert.Equal(("MySma", "public sealed class MySma : Strategy {}\n"), (upload.Name, upload.Source));
    }

    [Theory]
    [InlineData("notes.txt", "notes.txt is not a C# file")]
    [InlineData("Empty.cs", "Empty.cs is empty.")]
    public async Task Wrong_files_are_refused_with_a_message(string name, string message)
    {
        var upload = await Read(name, Encoding.UTF8.GetBytes(name == "Empty.cs" ? "  \n" : "x"));
        Assert.StartsWith(message, upload.Problem);
        Assert.Null(upload.Source);
    }

    [Fact]
    public async Task A_file_over_the_cap_is_refused_before_and_while_reading()
    {
        var big = new byte[StrategyFileUpload.MaxBytes + 10];
        Array.Fill(big, (byte)'a');
        Assert.Contains("a strategy file may have at most 200,000", (await Read("Big.cs", big)).Problem);
        // a client that under-reports the size is caught while reading
        Assert.Contains("a strategy file may have at most 200,000", (await Read("Big.cs", big, size: 10)).Problem);
    }

    [Fact]
    public async Task Binary_and_non_utf8_files_are_refused()
    {
        Assert.Equal("Bin.cs is a binary file, not C# source.", (await Read("Bin.cs", [65, 0, 66])).Problem);
        Assert.StartsWith("Latin.cs is not UTF-8 text", (await Read("Latin.cs", [0x63, 0xE9, 0x20, 0xFF])).Problem);
    }
}

/// <summary>The Lab's draft compiles: the newest wins and the one before is unloaded.</summary>
public class LabDraftTests
{
    [Fact]
    public async Task Each_compile_replaces_and_unloads_the_previous_draft()
    {
        using var draft = new LabDraft();
        var first = await draft.CompileAsync(StrategyTemplates.Source("sma-crossover"), "One");
        Assert.NotNull(first?.Definition);
        var firstType = new WeakReference(first!.Definition!.Class!.Type);
        Assert.Equal(LabDraft.DraftId, first.Definition.Id);

        var broken = await draft.CompileAsync("public sealed class X : Strategy { void F() { int y = } }", "Two");
        Assert.Null(broken!.Definition);
        Assert.NotEmpty(broken.Errors);
        Assert.Same(broken, draft.Current);

        first = null;
        for (int i = 0; i < 20 && firstType.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(firstType.IsAlive, "the replaced draft's load context is collected");
    }

    [Fact]
    public async Task A_source_over_the_cap_is_refused_without_compiling()
    {
        using var draft = new LabDraft();
        var result = await draft.CompileAsync(new string('a', UserStrategyService.MaxSourceLength + 1), "Big");
        Assert.Contains("at most 200,000", Assert.Single(result!.Errors).Message);
    }
}

/// <summary>A strategy's Plot series placed with the prices or in their own pane.</summary>
public class OutputPlotsTests
{
    [Fact]
    public void Series_within_the_prices_go_over_the_candles_and_others_in_their_own_pane()
    {
        var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Candle[] candles = [new(t0, 100m, 110m, 90m, 105m, 1), new(t0.AddHours(1), 105m, 120m, 100m, 118m, 1)];
        var output = new StrategyOutput(new Dictionary<string, IReadOnlyList<Velocitas.Strategies.Hosting.PlotPoint>>
        {
            ["mid"] = [new(t0, 100), new(t0.AddHours(1), double.NaN)],
            ["spread"] = [new(t0, -2.5), new(t0.AddHours(1), 3)],
        }, []);

        var plots = OutputPlots.From(output, candles);

        var mid = Assert.Single(plots, p => p.Name == "mid");
        Assert.Equal(PlotSeries.PricePane, mid.Pane);
        Assert.Equal([t0.ToUnixTimeMilliseconds(), 100m], Assert.Single(mid.Points)); // NaN is a gap
        var spread = Assert.Single(plots, p => p.Name == "spread");
        Assert.Equal(OutputPlots.OwnPane, spread.Pane);
        Assert.Equal(2, spread.Points.Count);
    }
}
