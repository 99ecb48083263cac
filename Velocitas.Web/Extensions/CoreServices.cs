using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Velocitas.Data;
using Velocitas.Data.Storage;

namespace Velocitas.Web.Extensions;

/// <summary>Services shared by the web app and the command-line verbs.</summary>
public static class CoreServices
{
    /// <summary>Options, clock, database and stores.</summary>
    public static IServiceCollection AddVelocitasCore(this IServiceCollection services)
    {
        // typed options, read when first needed (hosts and test hosts can still change the configuration after
        // registration) and validated when the app starts
        services.AddVelocitasOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<VelocitasOptions>();
            return new VelocitasDbContextFactory(options.Database, options.DataFolder, sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>());
        });
        services.AddSingleton<IDbContextFactory<VelocitasDbContext>>(sp => sp.GetRequiredService<VelocitasDbContextFactory>());
        services.AddSingleton(sp => new CandleFiles(Path.Combine(sp.GetRequiredService<VelocitasOptions>().DataFolder, "candles")));
        services.AddSingleton<DatasetStore>();
        services.AddSingleton<BacktestStore>();
        services.AddSingleton<OptimizationStore>();
        services.AddSingleton<AlertStore>();
        services.AddSingleton<LiveStore>();
        services.AddSingleton<UserStrategyStore>();
        services.AddSingleton<Velocitas.Engine.Live.ILiveStore>(sp => sp.GetRequiredService<LiveStore>());
        return services;
    }

    /// <summary>Applies migrations and seeds demo data.</summary>
    public static Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken ct = default) =>
        DatabaseInitializer.InitializeAsync(
            services.GetRequiredService<IDbContextFactory<VelocitasDbContext>>(),
            services.GetRequiredService<DatasetStore>(), ct);
}
