using Microsoft.Extensions.Options;
using Velocitas.Engine.Market;
using Velocitas.Web.Services;

namespace Velocitas.Web.Extensions;

/// <summary>
/// The app's settings as typed options, bound from configuration and validated when the app starts: a wrong value
/// stops the start with one line per problem, naming the key, the value and what is expected.
/// </summary>
public static class OptionsValidation
{
    /// <summary>Binds <see cref="VelocitasOptions"/> (section <c>Velocitas</c>) and <see cref="LiveConfiguration"/>
    /// (<c>Velocitas:Live</c>, <c>Velocitas:Feeds</c>), validated at start.</summary>
    public static IServiceCollection AddVelocitasOptions(this IServiceCollection services)
    {
        services.AddOptions<VelocitasOptions>()
            .BindConfiguration("Velocitas")
            .PostConfigure<IConfiguration>((o, configuration) =>
            {
                if (string.IsNullOrWhiteSpace(o.Database.ConnectionString)) o.Database.ConnectionString = configuration.GetConnectionString("Velocitas");
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<VelocitasOptions>, VelocitasOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<VelocitasOptions>>().Value);

        services.AddOptions<LiveConfiguration>()
            .Configure<IConfiguration>((c, configuration) =>
            {
                configuration.GetSection("Velocitas:Live").Bind(c);
                configuration.GetSection("Velocitas:Feeds").Bind(c);
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<LiveConfiguration>, LiveConfigurationValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LiveConfiguration>>().Value);
        return services;
    }

    private sealed class VelocitasOptionsValidator : IValidateOptions<VelocitasOptions>
    {
        public ValidateOptionsResult Validate(string? name, VelocitasOptions o)
        {
            var problems = new List<string>();
            if (o.MaxUploadMegabytes <= 0) problems.Add($"Velocitas:MaxUploadMegabytes must be positive (was {o.MaxUploadMegabytes}).");
            if (string.IsNullOrWhiteSpace(o.DataPath)) problems.Add("Velocitas:DataPath must name a folder (relative paths are next to the app).");
            foreach (string origin in o.AllowedOriginList)
                if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                    problems.Add($"Velocitas:AllowedOrigins: '{origin}' is not an origin such as https://dash.example.");
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }

    private sealed class LiveConfigurationValidator : IValidateOptions<LiveConfiguration>
    {
        public ValidateOptionsResult Validate(string? name, LiveConfiguration c)
        {
            var problems = new List<string>();
            void Range(string key, double value, double min, double max)
            {
                if (!(value >= min && value <= max)) problems.Add($"{key} must be between {min:N0} and {max:N0} (was {value}).");
            }
            void Url(string key, string value, params string[] schemes)
            {
                if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !schemes.Contains(uri.Scheme))
                    problems.Add($"{key} must be an absolute {string.Join(" or ", schemes)} URL (was '{value}').");
            }
            void Interval(string key, string value)
            {
                if (!Timeframe.TryParse(value, out _)) problems.Add($"{key}: '{value}' is not an interval such as 1m, 5m, 1h.");
            }
            Range("Velocitas:Live:Workers", c.Workers, 1, 64);
            Range("Velocitas:Live:MaxPendingWrites", c.MaxPendingWrites, 100, 10_000_000);
            Range("Velocitas:Feeds:Synthetic:TicksPerSecond", c.Synthetic.TicksPerSecond, 1, 100_000);
            Range("Velocitas:Feeds:Synthetic:TicksPerCandle", c.Synthetic.TicksPerCandle, 1, 1_000_000);
            Interval("Velocitas:Feeds:Synthetic:Interval", c.Synthetic.Interval);
            Url("Velocitas:Feeds:Binance:RestBaseUrl", c.Binance.RestBaseUrl, "http", "https");
            Url("Velocitas:Feeds:Binance:StreamBaseUrl", c.Binance.StreamBaseUrl, "ws", "wss");
            Url("Velocitas:Feeds:Binance:ArchiveBaseUrl", c.Binance.ArchiveBaseUrl, "http", "https");
            Interval("Velocitas:Feeds:Binance:Interval", c.Binance.Interval);
            Url("Velocitas:Feeds:Bybit:RestBaseUrl", c.Bybit.RestBaseUrl, "http", "https");
            Url("Velocitas:Feeds:Bybit:StreamBaseUrl", c.Bybit.StreamBaseUrl, "ws", "wss");
            Interval("Velocitas:Feeds:Bybit:Interval", c.Bybit.Interval);
            Url("Velocitas:Feeds:Coinbase:RestBaseUrl", c.Coinbase.RestBaseUrl, "http", "https");
            Url("Velocitas:Feeds:Coinbase:StreamBaseUrl", c.Coinbase.StreamBaseUrl, "ws", "wss");
            Interval("Velocitas:Feeds:Coinbase:Interval", c.Coinbase.Interval);
            Url("Velocitas:Feeds:CoinGecko:BaseUrl", c.CoinGecko.BaseUrl, "http", "https");
            Range("Velocitas:Feeds:CoinGecko:PollSeconds", c.CoinGecko.PollSeconds, 1, 86_400);
            Interval("Velocitas:Feeds:CoinGecko:Interval", c.CoinGecko.Interval);
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
