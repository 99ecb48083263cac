using Velocitas.Cluster.Hosting;
using Velocitas.Data;

namespace Velocitas.Web.Cluster;

/// <summary>Reads <c>Velocitas:Cluster</c>; PostgreSQL membership defaults to the app's own PostgreSQL database.</summary>
public static class ClusterConfiguration
{
    /// <summary>The settings as configured, with the membership database filled in from <c>Velocitas:Database</c> when not set.</summary>
    public static ClusterSettings Read(IConfiguration configuration)
    {
        var settings = new ClusterSettings();
        configuration.GetSection(ClusterSettings.Section).Bind(settings);
        if (settings.UsesPostgres && string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            var database = new DatabaseOptions();
            configuration.GetSection("Velocitas:Database").Bind(database);
            if (database.IsPostgres) settings.ConnectionString = database.ConnectionString ?? configuration.GetConnectionString("Velocitas");
        }
        return settings;
    }
}
