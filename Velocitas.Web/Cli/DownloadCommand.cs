using System.CommandLine;
using System.Globalization;
using Velocitas.Data.Storage;
using Velocitas.Engine.Live;
using Velocitas.Web.Extensions;
using Velocitas.Web.Services;
using Velocitas.Web.Services.Downloads;

namespace Velocitas.Web.Cli;

/// <summary>
/// <c>download --exchange binance --symbol BTCUSDT --interval 1m --from 2021-05-01 [--to 2021-06-01] [--name n] [--json]</c>:
/// downloads an exchange's closed candles (<c>--to</c> exclusive, default now) into a new dataset and prints the same
/// report as <c>import</c>. Ctrl+C keeps what arrived as a dataset marked incomplete (exit 130).
/// </summary>
internal sealed class DownloadCommand : CliVerb
{
    private readonly Option<string> _exchange;
    private readonly Option<string> _symbol;
    private readonly Option<string> _interval;
    private readonly Option<string> _from;
    private readonly Option<string> _to;
    private readonly Option<string> _name;
    private readonly Option<bool> _json;

    public DownloadCommand() : base("download", "Download an exchange's candles into a new dataset and print the import report.")
    {
        _exchange = Add(CliOptions.Required(new Option<string>("--exchange") { Description = $"The exchange: {string.Join(", ", ExchangeCatalog.Names)}." }));
        _symbol = Add(CliOptions.Required(new Option<string>("--symbol") { Description = "The coin or pair: BTC, BTCUSDT, BTC-USD (a bare coin means the exchange's main quote)." }));
        _interval = Add(CliOptions.Required(new Option<string>("--interval") { Description = "The candle interval: 1m, 5m, 1h, 1d..." }));
        _from = Add(CliOptions.Required(new Option<string>("--from") { Description = "The first day (UTC), e.g. 2021-05-01, or a time 2021-05-01T12:00Z.", HelpName = "date" }));
        _to = Add(new Option<string>("--to") { Description = "The end, exclusive (candles opening before it); default now.", HelpName = "date" });
        _name = Add(new Option<string>("--name") { Description = "The dataset's name (default: symbol, interval, exchange and dates)." });
        _json = Add(CliOptions.Json("the import report"));
    }

    public override async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken ct)
    {
        var request = new DownloadRequest(parse.GetValue(_exchange)!, parse.GetValue(_symbol)!, parse.GetValue(_interval)!,
            Date(parse.GetValue(_from)!, "from"), parse.GetValue(_to) is { } to ? Date(to, "to") : null, parse.GetValue(_name));
        await using var services = await DownloadServices.OpenAsync(context);
        var downloads = services.GetRequiredService<DownloadService>();
        var job = await DownloadServices.Start(() => downloads.StartAsync(request, ct));
        return await DownloadServices.FinishAsync(context, services, job, parse.GetValue(_json), "Downloaded", ct);
    }

    private static DateTimeOffset Date(string text, string option)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)) return t;
        throw new CliUsageException($"download: --{option} '{text}' is not a date: expected e.g. 2021-05-01 or 2021-05-01T12:00Z (UTC).");
    }
}

/// <summary><c>update --dataset ID [--json]</c>: fetches the closed candles a downloaded dataset is missing up to now, in one transaction.</summary>
internal sealed class UpdateCommand : CliVerb
{
    private readonly Option<int> _dataset;
    private readonly Option<bool> _json;

    public UpdateCommand() : base("update", "Fetch the candles a downloaded dataset is missing up to now and print the report.")
    {
        _dataset = Add(CliOptions.Required(new Option<int>("--dataset") { Description = "The dataset's id (see the Data page or GET /api/datasets).", HelpName = "id" }));
        _json = Add(CliOptions.Json("the update report"));
    }

    public override async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken ct)
    {
        await using var services = await DownloadServices.OpenAsync(context);
        var downloads = services.GetRequiredService<DownloadService>();
        var job = await DownloadServices.Start(() => downloads.StartUpdateAsync(parse.GetValue(_dataset), ct));
        return await DownloadServices.FinishAsync(context, services, job, parse.GetValue(_json), "Updated", ct);
    }
}

/// <summary>What download and update share: the services without a web host, starting a job, waiting with progress, the report.</summary>
internal static class DownloadServices
{
    public static async Task<DownloadJob> Start(Func<Task<DownloadJob>> start)
    {
        try
        {
            return await start();
        }
        catch (Exception ex) when (ex is FeedException or KeyNotFoundException)
        {
            throw new CliInputException(ex.Message);
        }
    }

    public static async Task<int> FinishAsync(CliContext context, ServiceProvider services, DownloadJob job, bool json, string verb, CancellationToken ct)
    {
        var downloads = services.GetRequiredService<DownloadService>();
        await using (ct.Register(() => downloads.Cancel(job.Id)))
        {
            await context.Progress.RunAsync($"{job.Kind} {job.NativeId} {job.Interval} from {job.Exchange}", async progress =>
            {
                void Report() => progress.Report(job.Fraction);
                downloads.Changed += Report;
                try
                {
                    await downloads.WaitAsync(job);
                }
                finally
                {
                    downloads.Changed -= Report;
                }
                return 0;
            });
        }
        if (job.DatasetId is null || job.Report is null)
            throw new CliInputException(job.Error ?? $"the {job.Kind} stopped ({job.State.ToString().ToLowerInvariant()}) without storing candles.");
        if (job.State == DownloadState.Failed && job.Kind == "update") throw new CliInputException(job.Error ?? "the update failed.");
        var dataset = await services.GetRequiredService<DatasetStore>().GetAsync(job.DatasetId.Value, CancellationToken.None)
            ?? throw new CliInputException($"dataset #{job.DatasetId} vanished.");
        await ImportCommand.WriteReportAsync(context, dataset, job.Report, json, $"{verb} {job.NativeId} {job.Interval} from {dataset.Exchange}");
        if (job.State == DownloadState.Failed) await context.Error.WriteLineAsync($"error: {job.Error} (what arrived is stored, marked incomplete)");
        return job.State switch
        {
            DownloadState.Completed => 0,
            DownloadState.Cancelled => 130,
            _ => 1,
        };
    }

    /// <summary>Core services plus the exchanges and the download jobs (no web host).</summary>
    public static async Task<ServiceProvider> OpenAsync(CliContext context)
    {
        var services = new ServiceCollection().AddSingleton(context.Configuration).AddVelocitasCore();
        services.AddLogging();
        services.AddHttpClient("binance", c => c.Timeout = TimeSpan.FromSeconds(60));
        services.AddHttpClient("bybit", c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient("coinbase", c => c.DefaultRequestHeaders.UserAgent.ParseAdd("Velocitas/1.0"));
        services.AddSingleton<ExchangeCatalog>();
        services.AddSingleton<CandleCache>();
        services.AddSingleton<DownloadService>();
        var provider = services.BuildServiceProvider();
        await provider.InitializeDatabaseAsync();
        return provider;
    }
}
