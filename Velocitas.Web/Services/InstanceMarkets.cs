using Velocitas.Engine.Live;
using Velocitas.Engine.Market.Exchanges;

namespace Velocitas.Web.Services;

/// <summary>
/// Gives a live instance the rules of the exchange it trades on: its coin is checked against that exchange's symbol
/// list (BTC becomes BTC-USD on Coinbase, BTCUSDT on Binance and Bybit) and its lot step is the market's, unless the
/// trader chose a coarser multiple of it; the tick size is kept with the instance to be shown.
/// </summary>
public sealed class InstanceMarkets(ExchangeCatalog exchanges, LiveEngine engine)
{
    /// <summary>
    /// The exchange an instance added now trades on: <paramref name="requested"/> when given (it must match a running
    /// exchange feed), else the running exchange feed's, else none (null: the default lot step applies).
    /// </summary>
    public IExchange? ExchangeFor(string? requested)
    {
        var running = engine.State is EngineState.Running or EngineState.Starting && engine.Feed is { } feed && ExchangeCatalog.IsExchange(feed.Name)
            ? exchanges.Get(feed.Name) : null;
        if (string.IsNullOrWhiteSpace(requested)) return running;
        var exchange = exchanges.Get(requested);
        if (running is not null && running != exchange)
            throw new FeedException($"The engine runs on the {running.DisplayName} feed, so an instance on {exchange.DisplayName} would get no prices; choose {running.Name} or stop the engine first.");
        return exchange;
    }

    /// <summary>
    /// <paramref name="spec"/> on <paramref name="exchange"/>'s market for its coin: the exchange's code of the pair, its
    /// lot step (or the trader's when <paramref name="lotStepChosen"/> and a multiple of the market's), its tick size.
    /// Throws <see cref="FeedException"/> when the exchange does not list the coin, <see cref="ArgumentException"/> (about the
    /// lot step) when the chosen lot step is finer than the market's; HTTP errors when the exchange cannot be reached.
    /// </summary>
    public async Task<InstanceSpec> ApplyAsync(InstanceSpec spec, IExchange? exchange, bool lotStepChosen, CancellationToken ct)
    {
        if (exchange is null) return spec;
        var market = await exchange.ResolveAsync(spec.Symbol, ct);
        decimal lot = lotStepChosen ? spec.Settings.LotStep : market.LotSize;
        if (lot <= 0 || lot % market.LotSize != 0)
            throw new ArgumentException($"{exchange.DisplayName} trades {market.NativeId} in lots of {market.LotSize.Plain()}; a lot step of {lot.Plain()} is not a multiple of it (leave it at the default to take {market.LotSize.Plain()}).");
        return spec with
        {
            Symbol = market.Code,
            Settings = spec.Settings with { LotStep = market.LotSize == lot ? market.LotSize.Plain() : lot },
            MarketRules = new MarketRules(exchange.Name, market.NativeId, market.TickSize.Plain(), market.LotSize.Plain()),
        };
    }
}
