using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Velocitas.Benchmarks;

/// <summary>
/// How much a kill -9 loses: the real app (built Velocitas.Web.dll) in its own process trades on the synthetic feed
/// while a client records every trade from /ws/trades with the moment it arrived; the process is killed with SIGKILL,
/// started again on the same data folder, and every trade seen but not stored is counted with its age at the kill.
/// <c>dotnet run -c Release --project tests/Velocitas.Benchmarks -- durability [runs] [seconds] [tick_rate]</c>
/// (build Velocitas.Web in Release first).
/// </summary>
public static class DurabilityCheck
{
    public static async Task RunAsync(string[] args)
    {
        int runs = args.Length > 1 ? int.Parse(args[1]) : 3;
        double seconds = args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 8;
        int tickRate = args.Length > 3 ? int.Parse(args[3]) : 20_000;
        for (int run = 1; run <= runs; run++)
        {
            string folder = Directory.CreateTempSubdirectory("velocitas-kill-").FullName;
            try
            {
                await OneRunAsync(run, folder, seconds, tickRate);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task OneRunAsync(int run, string folder, double seconds, int tickRate)
    {
        var (process, baseUrl) = await StartAppAsync(folder);
        using var http = new HttpClient { BaseAddress = baseUrl };
        string[] coins = ["BTC", "ETH", "SOL", "BNB", "XRP", "ADA"];
        foreach (string coin in coins)
            foreach (var (fast, slow) in new[] { (2, 3), (2, 4) })
                (await http.PostAsJsonAsync("/api/strategies/register", new { strategy_name = "sma-crossover", coin, @params = new { fast, slow } })).EnsureSuccessStatusCode();

        var seen = new List<(string Key, long At)>();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new UriBuilder(new Uri(baseUrl, "/ws/trades")) { Scheme = "ws" }.Uri, CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            var buffer = new byte[1 << 16];
            var message = new MemoryStream();
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var r = await socket.ReceiveAsync(buffer, stop.Token);
                    if (r.MessageType == WebSocketMessageType.Close) return;
                    message.Write(buffer, 0, r.Count);
                    if (!r.EndOfMessage) continue;
                    long at = Stopwatch.GetTimestamp();
                    var doc = JsonDocument.Parse(message.ToArray()).RootElement;
                    message.SetLength(0);
                    if (doc.GetProperty("type").GetString() == "trade") lock (seen) seen.Add((Key(doc.GetProperty("trade")), at));
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
            }
        });
        (await http.PostAsync($"/api/engine/start?data_source=synthetic&coins={string.Join(',', coins)}&tick_rate={tickRate}", null)).EnsureSuccessStatusCode();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        long killedAt = Stopwatch.GetTimestamp();
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        stop.Cancel();
        await reader;

        var (again, againUrl) = await StartAppAsync(folder);
        using var http2 = new HttpClient { BaseAddress = againUrl };
        var stored = new HashSet<string>();
        for (int page = 1; ; page++)
        {
            var body = await http2.GetFromJsonAsync<JsonElement>($"/api/trades?page={page}&page_size=1000");
            var trades = body.GetProperty("trades");
            foreach (var t in trades.EnumerateArray()) stored.Add(Key(t));
            if (trades.GetArrayLength() < 1000) break;
        }
        again.Kill(entireProcessTree: true);
        await again.WaitForExitAsync();

        List<(string Key, long At)> all;
        lock (seen) all = seen.ToList();
        // a trade that reached the client after the kill signal was sent was in flight: its age is counted as 0
        var lost = all.Where(s => !stored.Contains(s.Key)).Select(s => Math.Max(0, Stopwatch.GetElapsedTime(s.At, killedAt).TotalMilliseconds)).OrderBy(x => x).ToList();
        double rate = all.Count / seconds;
        if (all.Count > 0 && lost.Count == all.Count) Console.WriteLine($"  (no trade matched: first seen {all[0].Key}, first stored {stored.FirstOrDefault()})");
        Console.WriteLine($"run {run}: {all.Count:N0} trades seen in {seconds:F0} s ({rate:N0}/s) at {tickRate:N0} ticks/s, {stored.Count:N0} stored after the kill, " +
            $"{lost.Count} lost" + (lost.Count > 0 ? $", aged {lost[0]:F0}–{lost[^1]:F0} ms at the kill" : "") +
            $"; oldest trade lost would have been older than the newest {(lost.Count > 0 ? lost[^1] : 0):F0} ms");
    }

    private static string Key(JsonElement t) =>
        $"{t.GetProperty("strategy_id").GetInt32()}|{Time(t, "entry_time")}|{Time(t, "exit_time")}"; // one trade per instance and entry/exit

    private static long Time(JsonElement t, string name) =>
        DateTimeOffset.Parse(t.GetProperty(name).GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    private static async Task<(Process Process, Uri BaseUrl)> StartAppAsync(string folder)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Velocitas.Web.sln"))) dir = dir.Parent;
        string root = dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
        string dll = new[] { "Release", "Debug" }.Select(c => Path.Combine(root, "Velocitas.Web", "bin", c, "net10.0", "Velocitas.Web.dll")).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("Build Velocitas.Web first.");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var url = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", url.ToString().TrimEnd('/')]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Velocitas__DataPath"] = folder;
        info.Environment["Velocitas__Feeds__Synthetic__TicksPerCandle"] = "2";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (int i = 0; i < 240; i++)
        {
            try
            {
                if ((await http.GetAsync(new Uri(url, "/api/health"))).StatusCode == HttpStatusCode.OK) return (process, url);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("The app did not start.");
    }
}
