using Velocitas.Web.Extensions;

namespace Velocitas.Web;

/// <summary>The web app: Blazor pages, REST API and the hosted engine, until the host is stopped (Ctrl+C).</summary>
public static class VelocitasWebHost
{
    /// <summary>Builds and runs the web app with the host's arguments (<c>--urls</c>, configuration overrides).</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        // content (appsettings.json, wwwroot) lives next to the app, so it starts the same from any working directory
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // serve wwwroot, MudBlazor's and the chart bundle's files from the build output in every environment
        // (a published app has no static web assets manifest, and this does nothing there)
        builder.WebHost.UseStaticWebAssets();
        builder.AddVelocitasWeb();

        var app = builder.Build();
        await app.UseVelocitasAsync();
        await app.RunAsync(ct);
        return 0;
    }
}
