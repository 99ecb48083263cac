using Velocitas.Engine.Live;
using Velocitas.Engine.Market.Exchanges;
using Velocitas.Engine.Market.Exchanges.Binance;
using Velocitas.Engine.Market.Exchanges.Bybit;
using Velocitas.Engine.Market.Exchanges.Coinbase;

namespace Velocitas.Web.Services;

/// <summary>
/// The exchanges downloads and live feeds can use, one client each for the life of the app (so their symbol lists
/// are cached and their rate-limit counters add up), built from <c>Velocitas:Feeds:&lt;Exchange&gt;</c>.
/// </summary>
public sealed class ExchangeCatalog(IHttpClientFactory httpClients, LiveConfiguration configuration, TimeProvider clock)
{
    /// <summary>Names accepted by <see cref="Get"/>, in the order pickers show them.</summary>
    public static readonly string[] Names = ["binance", "bybit", "coinbase"];

    private readonly Lazy<BinanceExchange> _binance = new(() => new BinanceExchange(httpClients.CreateClient("binance"), configuration.BinanceOptions(), clock));
    private readonly Lazy<BybitExchange> _bybit = new(() => new BybitExchange(httpClients.CreateClient("bybit"), configuration.BybitOptions(), clock));
    private readonly Lazy<CoinbaseExchange> _coinbase = new(() => new CoinbaseExchange(httpClients.CreateClient("coinbase"), configuration.CoinbaseOptions(), clock));

    /// <summary>Every exchange.</summary>
    public IReadOnlyList<IExchange> All => [_binance.Value, _bybit.Value, _coinbase.Value];

    /// <summary>The exchange named <paramref name="name"/>; a <see cref="FeedException"/> listing the names otherwise.</summary>
    public IExchange Get(string? name) => (name ?? "").Trim().ToLowerInvariant() switch
    {
        "binance" => _binance.Value,
        "bybit" => _bybit.Value,
        "coinbase" or "coinbase-exchange" => _coinbase.Value,
        _ => throw new FeedException($"Unknown exchange '{name}'; use one of {string.Join(", ", Names)}."),
    };

    /// <summary>True when <paramref name="name"/> is an exchange.</summary>
    public static bool IsExchange(string? name) => Names.Contains((name ?? "").Trim().ToLowerInvariant()) || string.Equals(name?.Trim(), "coinbase-exchange", StringComparison.OrdinalIgnoreCase);
}
