using Microsoft.Extensions.Options;
using Velocitas.Cluster.Hosting;

namespace Velocitas.Web.Cluster;

/// <summary>
/// Cluster mode of the web app: with <c>Velocitas:Cluster:Membership</c> set, the app hosts a silo and optimisations
/// run on every silo of the cluster; without it nothing of Orleans starts and optimisations run in this process.
/// </summary>
public static class ClusterHosting
{
    /// <summary>Hosts a silo when a cluster is configured; the settings are validated when the app starts.</summary>
    public static IHostApplicationBuilder AddVelocitasCluster(this IHostApplicationBuilder builder)
    {
        var settings = ClusterConfiguration.Read(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddOptions<ClusterSettings>().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ClusterSettings>>(new ClusterSettingsValidator(settings));
        if (!settings.Enabled || settings.Problems().Count > 0) return builder;
        // Orleans and its placement retries log every step at Information
        builder.Logging.AddFilter("Orleans", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning);
        if (settings.UsesPostgres) builder.Services.AddHostedService(_ => new MembershipSchemaInstaller(settings.ConnectionString!));
        builder.UseOrleans(silo => silo.AddVelocitasSilo(settings));
        return builder;
    }

    /// <summary>Fails the start with one line per problem of <c>Velocitas:Cluster</c>.</summary>
    private sealed class ClusterSettingsValidator(ClusterSettings settings) : IValidateOptions<ClusterSettings>
    {
        public ValidateOptionsResult Validate(string? name, ClusterSettings options) =>
            settings.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }

    /// <summary>Creates Orleans' membership tables in PostgreSQL before the silo starts (once; later starts find them).</summary>
    private sealed class MembershipSchemaInstaller(string connectionString) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => PostgresMembershipSchema.EnsureAsync(connectionString, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
