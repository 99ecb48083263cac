using MudBlazor;
using MudBlazor.Services;
using Scalar.AspNetCore;
using Velocitas.Web.Api;
using Velocitas.Web.Api.Hardening;
using Velocitas.Web.Components;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Velocitas.Web.Cluster;
using Velocitas.Web.Services;

namespace Velocitas.Web.Extensions;

/// <summary>Registration and pipeline of the web app (kept out of Program.cs).</summary>
public static class WebServices
{
    /// <summary>Adds the core services, Blazor, MudBlazor, OpenAPI and the app's own services.</summary>
    public static WebApplicationBuilder AddVelocitasWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<VelocitasOptions>((k, o) =>
            {
                k.Limits.MaxRequestBodySize = (o.MaxUploadMegabytes * 1024 * 1024) + (64 * 1024);
                // URLs up to 32 KB reach the app, so one past ApiErrors.MaxUrlLength gets a problem detail, not a bare 414
                k.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
                k.Limits.MaxRequestLineSize = 32 * 1024;
            });
        services.AddOptions<Microsoft.AspNetCore.Http.Features.FormOptions>()
            .Configure<VelocitasOptions>((f, o) => f.MultipartBodyLengthLimit = o.MaxUploadMegabytes * 1024 * 1024);

        services.AddRazorComponents().AddInteractiveServerComponents(o => o.DetailedErrors = builder.Environment.IsDevelopment());
        services.AddMudServices(c =>
        {
            c.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            c.SnackbarConfiguration.VisibleStateDuration = 6000;
            c.SnackbarConfiguration.PreventDuplicates = false;
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.Id ?? c.HttpContext.TraceIdentifier);
            // every answer says in one sentence what was wrong, also when only the fields were named
            if (string.IsNullOrEmpty(c.ProblemDetails.Detail) && c.ProblemDetails is HttpValidationProblemDetails v && v.Errors.Count > 0)
                c.ProblemDetails.Detail = string.Join(" ", v.Errors.SelectMany(e => e.Value));
        });
        services.ConfigureHttpJsonOptions(o =>
        {
            Velocitas.Data.VelocitasJson.Apply(o.SerializerOptions);
            o.SerializerOptions.TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.WithAddedModifier(
                o.SerializerOptions.TypeInfoResolver ?? new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(), Api.Hardening.JsonAliases.Modifier);
        });
        // binding failures (wrong JSON types, malformed query values) reach ApiErrors, which names the field
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Velocitas API";
            doc.Info.Description = "Crypto trading simulation: strategies, backtests, datasets, live paper trading, optimisation, trend analysis and copilot alerts.";
            return Task.CompletedTask;
        }));
        services.AddVelocitasApp();
        builder.AddVelocitasCluster();
        return builder;
    }

    /// <summary>The app's own services (stores, live engine, feeds, runners), shared with the component tests.</summary>
    public static IServiceCollection AddVelocitasApp(this IServiceCollection services)
    {
        services.AddVelocitasCore();
        services.AddSingleton(sp => new Velocitas.Engine.Live.LiveEngine(
            sp.GetRequiredService<Velocitas.Engine.Live.ILiveStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<LiveConfiguration>().EngineOptions(),
            sp.GetService<ILogger<Velocitas.Engine.Live.LiveEngine>>()));
        services.AddSingleton<UserStrategyService>();
        services.AddHostedService(sp => sp.GetRequiredService<UserStrategyService>()); // before the live engine: restored instances need their strategies
        services.AddHostedService<LiveEngineHost>();
        services.AddSingleton(sp => new Velocitas.Web.Services.Copilot.WebhookSender(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<Velocitas.Web.Services.Copilot.WebhookSender>>())
        {
            FirstRetryDelay = TimeSpan.FromMilliseconds(sp.GetRequiredService<IConfiguration>().GetValue("Velocitas:Copilot:WebhookFirstRetryMs", 1000)),
        });
        services.AddSingleton(sp => new Velocitas.Web.Services.Copilot.CopilotService(sp.GetRequiredService<Velocitas.Engine.Live.LiveEngine>(),
            sp.GetRequiredService<Velocitas.Data.Storage.AlertStore>(), sp.GetRequiredService<Velocitas.Web.Services.Copilot.WebhookSender>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<Velocitas.Web.Services.Copilot.CopilotService>>())
        {
            MaxBacklog = sp.GetRequiredService<IConfiguration>().GetValue("Velocitas:Copilot:MaxBacklog", 50_000),
        });
        services.AddHostedService(sp => sp.GetRequiredService<Velocitas.Web.Services.Copilot.CopilotService>());
        // no request logging: a webhook URL's path or query often carries a secret token
        services.AddHttpClient("copilot-webhooks", c => c.Timeout = TimeSpan.FromSeconds(5)).RemoveAllLoggers();
        services.AddSingleton<MarketFeedFactory>();
        services.AddSingleton<Velocitas.Web.Services.Live.FeedLauncher>();
        services.AddHttpClient("binance", c => c.Timeout = TimeSpan.FromSeconds(60));
        services.AddHttpClient("bybit", c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient("coinbase", c =>
        {
            c.Timeout = TimeSpan.FromSeconds(30);
            c.DefaultRequestHeaders.UserAgent.ParseAdd("Velocitas/1.0");
        });
        services.AddSingleton<ExchangeCatalog>();
        services.AddSingleton<InstanceMarkets>();
        services.AddSingleton<Velocitas.Web.Services.Downloads.DownloadService>();
        services.AddHostedService(sp => sp.GetRequiredService<Velocitas.Web.Services.Downloads.DownloadService>());
        services.AddHttpClient("coingecko", (sp, c) =>
        {
            c.Timeout = TimeSpan.FromSeconds(30);
            Velocitas.Engine.Live.CoinGecko.CoinGeckoFeed.ConfigureClient(c, sp.GetRequiredService<LiveConfiguration>().CoinGeckoOptions());
        });
        services.AddSingleton<CandleCache>();
        services.AddSingleton<BacktestRunner>();
        services.AddSingleton<EngineWarmUp>();
        services.AddHostedService(sp => sp.GetRequiredService<EngineWarmUp>());
        services.TryAddSingleton<Velocitas.Engine.Optimization.IOptimizationRunner>(Velocitas.Engine.Optimization.InProcessOptimizationRunner.Instance);
        services.AddSingleton<OptimizationService>();
        services.AddSingleton<PortfolioService>();
        services.AddSingleton<TrendService>();
        services.AddSingleton<UploadStore>();
        services.AddSingleton<DataImportService>();
        return services;
    }

    /// <summary>Initialises the database, then maps pages, static assets, the API and its reference.</summary>
    public static async Task<WebApplication> UseVelocitasAsync(this WebApplication app)
    {
        ListenAddresses.RequireApiKeyBeyondLoopback(app.Configuration, app.Services.GetRequiredService<VelocitasOptions>());
        await app.Services.InitializeDatabaseAsync();
        int leftovers = app.Services.GetRequiredService<UploadStore>().CleanLeftovers();
        if (leftovers > 0) app.Logger.LogInformation("Removed {Count} upload(s) left unfinished by an earlier run.", leftovers);

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseMiddleware<ApiErrors>();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.UseMiddleware<CrossSiteGuard>();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapOpenApi();
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("Velocitas API"));
        app.MapVelocitasApi();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
