using Velocitas.Data;

namespace Velocitas.Web.Extensions;

/// <summary>Configuration section <c>Velocitas</c>.</summary>
public sealed class VelocitasOptions
{
    /// <summary>Folder for the database and uploads; relative paths are next to the app (its base directory).</summary>
    public string DataPath { get; set; } = "data";

    /// <summary>Largest accepted upload, in megabytes.</summary>
    public long MaxUploadMegabytes { get; set; } = 200;

    /// <summary>
    /// Web origins besides the app's own that may send state-changing requests and open WebSockets
    /// (semicolon-separated, e.g. <c>http://localhost:3000;https://dash.example</c>).
    /// </summary>
    public string? AllowedOrigins { get; set; }

    /// <summary>
    /// When set, the REST API and WebSockets require it in the <c>X-Api-Key</c> header. Required when the app
    /// listens beyond loopback. Never logged.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The allowed origins as a list.</summary>
    public IReadOnlyList<string> AllowedOriginList =>
        (AllowedOrigins ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Run a short synthetic backtest of every built-in strategy in the background when the app starts, so the engine's
    /// code is compiled optimised before the first backtest a user asks for (see README, Performance). On by default.
    /// </summary>
    public bool WarmUpEngine { get; set; } = true;

    /// <summary>Database provider and connection.</summary>
    public DatabaseOptions Database { get; set; } = new();

    /// <summary>The data folder as an absolute path.</summary>
    public string DataFolder => Path.GetFullPath(Path.IsPathRooted(DataPath) ? DataPath : Path.Combine(AppContext.BaseDirectory, DataPath));

    /// <summary>Folder for uploaded files (inside the data folder).</summary>
    public string UploadFolder => Path.Combine(DataFolder, "uploads");
}
