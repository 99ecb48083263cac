using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Velocitas.Web.Extensions;

namespace Velocitas.Web.Tests;

/// <summary>A bUnit context with MudBlazor, loose JS interop and the app's real services on a temp SQLite database.</summary>
public abstract class PageTestBase : BunitContext, IAsyncLifetime
{
    protected string Folder { get; } = Directory.CreateTempSubdirectory("velocitas-bunit-").FullName;

    protected PageTestBase()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        // CI runs the test projects side by side (the browser tests too) on two cores: waits are generous, passes are fast
        DefaultWaitTimeout = TimeSpan.FromSeconds(30);
        Services.AddMudServices();
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Velocitas:DataPath"] = Folder }).Build());
        Services.AddVelocitasApp();
    }

    public virtual async Task InitializeAsync()
    {
        await Services.InitializeDatabaseAsync();
        await Services.GetRequiredService<Velocitas.Engine.Live.LiveEngine>().InitializeAsync();
        await Services.GetRequiredService<Velocitas.Web.Services.Copilot.CopilotService>().StartAsync(default);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Services.GetRequiredService<Velocitas.Web.Services.Copilot.CopilotService>().StopAsync(default);
        await Services.GetRequiredService<Velocitas.Engine.Live.LiveEngine>().DisposeAsync();
        await ((IAsyncDisposable)this).DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, true); } catch (IOException) { }
    }
}

/// <summary>Helpers for MudBlazor inputs.</summary>
public static class Inputs
{
    /// <summary>The input element of a field marked with data-param.</summary>
    public static AngleSharp.Dom.IElement Param(this IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> cut, string name) => FindParam(cut.Find($"[data-param={name}]"));

    /// <summary>The input element of a marked MudBlazor field (the mark lands on the input or on its wrapper).</summary>
    public static AngleSharp.Dom.IElement AsInput(this AngleSharp.Dom.IElement marked) => FindParam(marked);

    internal static AngleSharp.Dom.IElement FindParam(AngleSharp.Dom.IElement marked) =>
        marked.TagName == "INPUT" ? marked : marked.QuerySelector("input") ?? throw new InvalidOperationException("no input in " + marked.OuterHtml);
}
