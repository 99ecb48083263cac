using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Velocitas.Web.Tests;

/// <summary>The real app on a real Kestrel port with its own SQLite file in a temp data folder.</summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private readonly Microsoft.Extensions.Logging.ILoggerProvider? _logs;

    private readonly Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? _services;

    public AppFactory(string? dataFolder = null, Dictionary<string, string?>? settings = null, Microsoft.Extensions.Logging.ILoggerProvider? logs = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        _services = services;
        _logs = logs;
        DataFolder = dataFolder ?? Directory.CreateTempSubdirectory("velocitas-web-").FullName;
        _settings = settings ?? [];
        UseKestrel(0);
    }

    public string DataFolder { get; }

    /// <summary>Starts the server and returns a client for it.</summary>
    public HttpClient Start()
    {
        StartServer();
        return CreateClient();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Velocitas:DataPath", DataFolder);
        builder.UseSetting("Velocitas:WarmUpEngine", "false"); // many hosts share the test machine's two cores; a test turns it on
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_services is { } services) builder.ConfigureServices(services);
        if (_logs is { } logs) builder.ConfigureLogging(l => l.AddProvider(logs).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace));
    }

    /// <summary>Deletes the data folder (after the factory is disposed).</summary>
    public void DeleteData()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
    }
}
