using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Velocitas.E2E.Tests;

/// <summary>
/// The real app (the built Velocitas.Web.dll) in its own process on a free loopback port, with a temporary data
/// folder that survives restarts of the process.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private Process? _process;

    public AppProcess(string? dataFolder = null)
    {
        DataFolder = dataFolder ?? Directory.CreateTempSubdirectory("velocitas-e2e-").FullName;
    }

    public string DataFolder { get; }

    /// <summary>Extra environment variables of the app (e.g. Velocitas__Feeds__Binance__RestBaseUrl).</summary>
    public Dictionary<string, string> Environment { get; } = [];
    public Uri BaseUrl { get; private set; } = default!;
    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Velocitas.Web.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Cannot find Velocitas.Web.sln above " + AppContext.BaseDirectory);
        }
    }

    public async Task StartAsync()
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        string project = Path.Combine(RepositoryRoot, "Velocitas.Web");
        string dll = Path.Combine(project, "bin", configuration, "net10.0", "Velocitas.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"Build Velocitas.Web first ({dll} is missing).");
        int port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", BaseUrl.ToString().TrimEnd('/')])
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Velocitas__DataPath"] = DataFolder;
        info.Environment["Velocitas__Feeds__Synthetic__TicksPerCandle"] = "3";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in Environment) info.Environment[key] = value;
        _process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the app.");
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var until = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited with code {_process.ExitCode}:\n{Log}");
            try
            {
                if ((await http.GetAsync(new Uri(BaseUrl, "/api/health"))).StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The app did not answer /api/health within 180 s:\n{Log}");
    }

    /// <summary>Ends the process abruptly (like a crash or kill -9).</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    public void DeleteData()
    {
        try { Directory.Delete(DataFolder, true); } catch (IOException) { }
    }
}
