using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Velocitas.Web.Api.Hardening;

namespace Velocitas.Web.Api.Contracts;

/// <summary>Body of POST /api/strategies/register: a strategy instance to add (snake_case or camelCase).</summary>
public sealed record RegisterInstanceRequest : IOriginalApiRequest, IValidatableObject, IExecutionOverrides
{
    /// <summary>Strategy id (sma-crossover) or the original service's name (SMA_Crossover).</summary>
    [Required, StringLength(64), JsonAlias("strategy", "name")]
    public string? StrategyName { get; init; }

    /// <summary>Coin (BTC) or pair (BTCUSDT).</summary>
    [Required, StringLength(32), JsonAlias("symbol")]
    public string? Coin { get; init; }

    /// <summary>Strategy parameters by name (fast, or the original fast_period).</summary>
    [MaxLength(32), JsonAlias("parameters")]
    public Dictionary<string, double>? Params { get; init; }

    /// <summary>Starting cash (default 10,000).</summary>
    [Range(0.01, 1e12), JsonAlias("cash", "initial_capital", "capital")]
    public decimal? InitialCash { get; init; }

    /// <summary>Fee as a fraction of notional per side (default 0.001).</summary>
    [Range(0.0, 0.5), JsonAlias("fee_rate", "commission")]
    public decimal? Fee { get; init; }

    /// <summary>Slippage in basis points.</summary>
    [Range(0.0, 9999.0), JsonAlias("slippage")]
    public decimal? SlippageBps { get; init; }

    /// <summary>Lot step (default 0.0001).</summary>
    [Range(1e-12, 1e9)]
    public decimal? LotStep { get; init; }

    /// <summary>Stop-loss in percent below the entry.</summary>
    [Range(0.0001, 99.99), JsonAlias("stop_loss")]
    public decimal? StopLossPct { get; init; }

    /// <summary>Take-profit in percent above the entry.</summary>
    [Range(0.0001, 99999.0), JsonAlias("take_profit")]
    public decimal? TakeProfitPct { get; init; }

    /// <summary>Trailing stop in percent below the highest high since entry.</summary>
    [Range(0.0001, 99.99), JsonAlias("trailing_stop")]
    public decimal? TrailingStopPct { get; init; }

    /// <summary>A label shown with the instance.</summary>
    [StringLength(100)]
    public string? Label { get; init; }

    /// <summary>Signals only, no orders.</summary>
    public bool? WatchOnly { get; init; }

    /// <summary>
    /// Exchange whose market rules the instance takes (binance, bybit, coinbase): the coin is checked against its symbol
    /// list and the lot step is the market's. Default: the running exchange feed's; none on other feeds.
    /// </summary>
    [StringLength(32)]
    public string? Exchange { get; init; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Numbers.Finite(Params, "params");
}

/// <summary>Body of POST /api/strategies/unregister.</summary>
public sealed record UnregisterInstanceRequest : IOriginalApiRequest
{
    /// <summary>The instance id from GET /api/strategies (the original API calls an instance's id <c>strategy_id</c>).</summary>
    [Required, Range(1, int.MaxValue), JsonPropertyName("strategy_id"), JsonAlias("id", "instance_id")]
    public int? InstanceId { get; init; }
}

/// <summary>Query of POST /api/engine/start (snake_case or camelCase keys).</summary>
public sealed record EngineStartQuery : IOriginalApiRequest, IValidatableObject
{
    /// <summary>synthetic, csv, binance or coingecko.</summary>
    [StringLength(32)]
    public string? DataSource { get; init; }

    /// <summary>Coins (BTC,ETH).</summary>
    [MaxLength(50)]
    public List<string> Coins { get; init; } = [];

    /// <summary>Datasets to replay (csv).</summary>
    [MaxLength(50)]
    public List<int> DatasetIds { get; init; } = [];

    /// <summary>Replay speed (1 = real time, 0 or max = as fast as possible).</summary>
    [Range(0.0, 1_000_000.0)]
    public double? Speed { get; init; }

    /// <summary>Synthetic ticks per second.</summary>
    public int? TickRate { get; init; }

    /// <summary>Synthetic seed.</summary>
    public int? Seed { get; init; }

    /// <summary>Candle interval (1m, 1h …).</summary>
    [StringLength(8)]
    public string? Interval { get; init; }

    /// <summary>Reads the query; a value of the wrong kind is a 400 naming the key.</summary>
    public static ValueTask<EngineStartQuery?> BindAsync(HttpContext context)
    {
        var q = new QueryReader(context.Request.Query);
        var ids = new List<int>();
        foreach (string s in q.List("dataset_ids", "datasetIds", "dataset_id", "datasetId"))
            ids.Add(int.TryParse(s, out int id) && id > 0 ? id : throw new ApiFieldException("dataset_ids", $"'{s}' is not a dataset id (a whole number above 0)."));
        double? speed = null;
        if (q.Text("speed") is { } sp)
        {
            speed = sp.Equals("max", StringComparison.OrdinalIgnoreCase) ? 0
                : double.TryParse(sp.TrimEnd('x', 'X'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v
                : throw new ApiFieldException("speed", $"speed must be a number (1 = real time, 10 = ten times faster) or max, got '{sp}'.");
        }
        return ValueTask.FromResult<EngineStartQuery?>(new EngineStartQuery
        {
            DataSource = q.Text("data_source", "dataSource", "source"),
            Coins = q.List("coins", "symbols"),
            DatasetIds = ids,
            Speed = speed,
            TickRate = q.Int("tick_rate", "tickRate", "ticks_per_second") ,
            Seed = q.Int("seed"),
            Interval = q.Text("interval", "timeframe"),
        });
    }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (coin, i) in Coins.Select((c, i) => (c, i)))
            if (coin.Length > 32) yield return new ValidationResult($"coins[{i}] is {coin.Length} characters long; a coin is at most 32.", ["coins"]);
    }
}

/// <summary>Query of the live trade lists: page and page size.</summary>
public sealed record TradePageQuery : IOriginalApiRequest
{
    /// <summary>Page number, from 1.</summary>
    [Range(1, 1_000_000)]
    public int Page { get; init; } = 1;

    /// <summary>Trades per page (at most 1,000).</summary>
    [Range(1, 1000)]
    public int PageSize { get; init; } = 100;

    /// <summary>Reads page and page_size (or pageSize).</summary>
    public static ValueTask<TradePageQuery?> BindAsync(HttpContext context)
    {
        var q = new QueryReader(context.Request.Query);
        return ValueTask.FromResult<TradePageQuery?>(new TradePageQuery { Page = q.Int("page") ?? 1, PageSize = q.Int("page_size", "pageSize") ?? 100 });
    }
}
