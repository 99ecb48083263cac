using System.Globalization;
using Velocitas.Engine.Market;

namespace Velocitas.Engine.Copilot;

/// <summary>A user's alert rule.</summary>
public sealed record AlertRule
{
    /// <summary>Stored id.</summary>
    public int Id { get; init; }

    /// <summary>Name shown with its alerts.</summary>
    public required string Name { get; init; }

    /// <summary>What it watches.</summary>
    public required AlertKind Kind { get; init; }

    /// <summary>Coin it watches (exchange code, e.g. BTCUSDT); null = every coin.</summary>
    public string? Symbol { get; init; }

    /// <summary>Strategy instance it watches; null = every instance (or the portfolio for drawdown and exposure).</summary>
    public int? InstanceId { get; init; }

    /// <summary>Kind-specific numbers (see <see cref="AlertKind"/>).</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();

    /// <summary>Severity of its alerts.</summary>
    public AlertSeverity Severity { get; init; } = AlertSeverity.Warning;

    /// <summary>Disabled rules are kept but not evaluated.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>After an alert, the same rule stays quiet (for the same coin or instance) for this long.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Risk action taken with each alert.</summary>
    public RiskAction Action { get; init; }

    /// <summary>Optional URL the alert is POSTed to as JSON.</summary>
    public string? WebhookUrl { get; init; }

    /// <summary>A parameter, or its default for the kind.</summary>
    public double Get(string name) => Parameters.TryGetValue(name, out double v) ? v : Defaults(Kind).GetValueOrDefault(name, double.NaN);

    /// <summary>The "to" parameter of a regime-change rule stores a <see cref="MarketRegime"/> as its number; this one means any change.</summary>
    public const double AnyRegime = -1;

    /// <summary>The "to" value of a regime-change rule that waits for <paramref name="regime"/> (null: any change).</summary>
    public static double RegimeParameter(MarketRegime? regime) => regime is { } r ? (double)r : AnyRegime;

    /// <summary>The regime a regime-change rule waits for, or null for any change.</summary>
    public MarketRegime? TargetRegime => Get("to") is var to && to != AnyRegime && Enum.IsDefined(typeof(MarketRegime), (byte)to) ? (MarketRegime)(byte)to : null;

    /// <summary>The parameters each kind reads and their defaults.</summary>
    public static IReadOnlyDictionary<string, double> Defaults(AlertKind kind) => kind switch
    {
        AlertKind.PriceCross => new Dictionary<string, double> { ["level"] = double.NaN, ["direction"] = 0 },
        AlertKind.PercentMove => new Dictionary<string, double> { ["pct"] = 3, ["candles"] = 12, ["direction"] = 0 },
        AlertKind.Rsi => new Dictionary<string, double> { ["period"] = 14, ["level"] = 70, ["direction"] = 1 },
        AlertKind.VolatilitySpike => new Dictionary<string, double> { ["percentile"] = 95, ["period"] = 14, ["history"] = 500 },
        AlertKind.VolumeSpike => new Dictionary<string, double> { ["multiple"] = 3, ["candles"] = 20 },
        AlertKind.RegimeChange => new Dictionary<string, double> { ["to"] = AnyRegime },
        AlertKind.StrategySignal => new Dictionary<string, double> { ["side"] = 0 },
        AlertKind.Drawdown => new Dictionary<string, double> { ["pct"] = 10 },
        AlertKind.LossStreak => new Dictionary<string, double> { ["count"] = 3 },
        AlertKind.Exposure => new Dictionary<string, double> { ["pct"] = 90 },
        _ => new Dictionary<string, double> { ["seconds"] = 30 },
    };

    /// <summary>What is wrong with the rule, one message per problem (empty when valid).</summary>
    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) p.Add("name is required.");
        var defaults = Defaults(Kind);
        foreach (var key in Parameters.Keys.Where(k => !defaults.ContainsKey(k)))
            p.Add($"{Kind.Id()} has no parameter '{key}'; it takes {string.Join(", ", defaults.Keys)}.");
        void Range(string name, double min, double max)
        {
            double v = Get(name);
            if (double.IsNaN(v)) p.Add($"{name} is required for {Kind.Id()}.");
            else if (v < min || v > max) p.Add($"{name} must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)} (was {v.ToString(CultureInfo.InvariantCulture)}).");
        }
        void Direction(string name)
        {
            double v = Get(name);
            if (v is not (-1 or 0 or 1)) p.Add($"{name} must be 1 (up/above/buy), -1 (down/below/sell) or 0 (either) (was {v.ToString(CultureInfo.InvariantCulture)}).");
        }
        switch (Kind)
        {
            case AlertKind.PriceCross: Range("level", 1e-12, 1e12); Direction("direction"); break;
            case AlertKind.PercentMove: Range("pct", 0.01, 1000); Range("candles", 1, 10_000); Direction("direction"); break;
            case AlertKind.Rsi:
                Range("period", 2, 500); Range("level", 1, 99);
                if (Get("direction") is not (1 or -1)) p.Add("direction must be 1 (above) or -1 (below) for rsi.");
                break;
            case AlertKind.VolatilitySpike: Range("percentile", 50, 100); Range("period", 2, 500); Range("history", 50, 100_000); break;
            case AlertKind.VolumeSpike: Range("multiple", 1.01, 1000); Range("candles", 2, 10_000); break;
            case AlertKind.RegimeChange:
                if (Get("to") is var to && to != AnyRegime && !Enum.GetValues<MarketRegime>().Any(r => (double)r == to))
                    p.Add($"to must be {AnyRegime} (any) or a regime: {string.Join(", ", Enum.GetValues<MarketRegime>().Select(r => $"{(int)r} ({r.ToString().ToLowerInvariant()})"))}.");
                break;
            case AlertKind.StrategySignal: Direction("side"); break;
            case AlertKind.Drawdown: Range("pct", 0.01, 100); break;
            case AlertKind.LossStreak: Range("count", 1, 1000); break;
            case AlertKind.Exposure: Range("pct", 0.01, 100); break;
            case AlertKind.StaleFeed: Range("seconds", 1, 86_400); break;
        }
        if (Cooldown < TimeSpan.Zero) p.Add("cooldown must not be negative.");
        if (Action != RiskAction.None && Kind is AlertKind.StaleFeed) p.Add("a stale-feed rule cannot pause or close instances (it concerns the feed, not a strategy).");
        if (WebhookUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            p.Add($"webhook must be an absolute http(s) URL.");
        return p;
    }
}
