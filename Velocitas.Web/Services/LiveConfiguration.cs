using Velocitas.Engine.Live;
using Velocitas.Engine.Live.Binance;
using Velocitas.Engine.Live.CoinGecko;
using Velocitas.Engine.Market;

namespace Velocitas.Web.Services;

/// <summary>Configuration of the live engine and its feeds (section <c>Velocitas:Live</c> and <c>Velocitas:Feeds</c>).</summary>
public sealed class LiveConfiguration
{
    public int Workers { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Unsaved live results at which trading halts until the database accepts writes (Velocitas:Live:MaxPendingWrites).</summary>
    public int MaxPendingWrites { get; set; } = 20_000;
    public SyntheticSection Synthetic { get; set; } = new();
    public BinanceSection Binance { get; set; } = new();
    public CoinGeckoSection CoinGecko { get; set; } = new();
    public BybitSection Bybit { get; set; } = new();
    public CoinbaseSection Coinbase { get; set; } = new();

    public sealed class SyntheticSection
    {
        public int TicksPerSecond { get; set; } = 20;
        public int TicksPerCandle { get; set; } = 12;
        public int Seed { get; set; } = 7;
        public string Interval { get; set; } = "1m";
    }

    public sealed class BinanceSection
    {
        public string RestBaseUrl { get; set; } = "https://api.binance.com";
        public string StreamBaseUrl { get; set; } = "wss://stream.binance.com:9443";
        public string ArchiveBaseUrl { get; set; } = "https://data.binance.vision";
        public bool UseArchives { get; set; } = true;
        public string Interval { get; set; } = "1m";
    }

    public sealed class BybitSection
    {
        public string RestBaseUrl { get; set; } = "https://api.bybit.com";
        public string StreamBaseUrl { get; set; } = "wss://stream.bybit.com";
        public string Interval { get; set; } = "1m";
    }

    public sealed class CoinbaseSection
    {
        public string RestBaseUrl { get; set; } = "https://api.exchange.coinbase.com";
        public string StreamBaseUrl { get; set; } = "wss://ws-feed.exchange.coinbase.com";
        public string Interval { get; set; } = "1m";
    }

    public sealed class CoinGeckoSection
    {
        public string BaseUrl { get; set; } = "https://api.coingecko.com/api/v3";
        public string? ApiKey { get; set; }
        public string ApiKeyHeader { get; set; } = "x-cg-demo-api-key";
        public double PollSeconds { get; set; } = 20;
        public string Interval { get; set; } = "30m";
    }

    /// <summary>The engine's options (values validated at start, see <c>OptionsValidation</c>).</summary>
    public LiveEngineOptions EngineOptions() => new() { Workers = Workers, MaxPendingWrites = MaxPendingWrites };

    public BinanceOptions BinanceOptions() => new()
    {
        RestBaseUrl = new Uri(Binance.RestBaseUrl),
        StreamBaseUrl = new Uri(Binance.StreamBaseUrl),
        ArchiveBaseUrl = new Uri(Binance.ArchiveBaseUrl),
        UseArchives = Binance.UseArchives,
        Interval = ParseInterval(Binance.Interval, "Velocitas:Feeds:Binance:Interval"),
    };

    public Velocitas.Engine.Market.Exchanges.Bybit.BybitOptions BybitOptions() => new()
    {
        RestBaseUrl = new Uri(Bybit.RestBaseUrl),
        StreamBaseUrl = new Uri(Bybit.StreamBaseUrl),
    };

    public Velocitas.Engine.Market.Exchanges.Coinbase.CoinbaseOptions CoinbaseOptions() => new()
    {
        RestBaseUrl = new Uri(Coinbase.RestBaseUrl),
        StreamBaseUrl = new Uri(Coinbase.StreamBaseUrl),
    };

    /// <summary>Default live interval of an exchange feed.</summary>
    public string IntervalOf(string exchange) => exchange switch
    {
        "binance" => Binance.Interval,
        "bybit" => Bybit.Interval,
        "coinbase" => Coinbase.Interval,
        _ => "1m",
    };

    public CoinGeckoOptions CoinGeckoOptions() => new()
    {
        BaseUrl = new Uri(CoinGecko.BaseUrl),
        ApiKey = CoinGecko.ApiKey,
        ApiKeyHeader = CoinGecko.ApiKeyHeader,
        PollInterval = TimeSpan.FromSeconds(CoinGecko.PollSeconds),
        Timeframe = ParseInterval(CoinGecko.Interval, "Velocitas:Feeds:CoinGecko:Interval"),
    };

    public static Timeframe ParseInterval(string text, string what) =>
        Timeframe.TryParse(text, out var tf) ? tf : throw new FeedException($"{what}: '{text}' is not an interval such as 1m, 5m, 1h.");
}
