using System.Globalization;
using Velocitas.Engine.Indicators;
using Velocitas.Engine.Live;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;
using Velocitas.Engine.Trend;

namespace Velocitas.Engine.Copilot;

/// <summary>
/// Evaluates alert rules against what the live engine reports: candle closes, prices, strategy signals, closed trades
/// and snapshots. Deterministic: time comes in with each input. A condition raises one alert when it starts to hold
/// (it must stop holding before it can fire again), and a rule stays quiet for its cool-down after an alert, per coin
/// or per instance. Not thread-safe: feed it from one consumer.
/// </summary>
public sealed class CopilotMonitor
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly Dictionary<int, AlertRule> _rules = new();
    private readonly Dictionary<(int Rule, string Key), RuleState> _states = new();
    private readonly Dictionary<string, decimal> _lastPrices = new(StringComparer.Ordinal);
    private DateTimeOffset? _runningSince;

    /// <summary>The portfolio's drawdown tracker (save its values to continue after a restart).</summary>

    /// <summary>Rules being evaluated (enabled or not).</summary>
    public IReadOnlyCollection<AlertRule> Rules => _rules.Values;

    /// <summary>Adds or replaces a rule; a changed rule starts with fresh state.</summary>
    public void SetRule(AlertRule rule)
    {
        if (_rules.TryGetValue(rule.Id, out var old) && old == rule) return;
        _rules[rule.Id] = rule;
        foreach (var key in _states.Keys.Where(k => k.Rule == rule.Id).ToList())
        {
            var last = _states[key].LastFired;
            _states[key] = new RuleState { LastFired = last };
        }
    }

    /// <summary>Removes a rule and its state.</summary>
    public void RemoveRule(int id)
    {
        _rules.Remove(id);
        foreach (var key in _states.Keys.Where(k => k.Rule == id).ToList()) _states.Remove(key);
    }

    /// <summary>Restores when a rule last fired for a coin/instance (after a restart), so its cool-down holds.</summary>
    public void RestoreLastFired(Alert alert)
    {
        if (!_rules.ContainsKey(alert.RuleId)) return;
        var state = State(alert.RuleId, KeyOf(alert.Kind, alert.Symbol, alert.InstanceId));
        if (state.LastFired is null || state.LastFired < alert.Time) state.LastFired = alert.Time;
    }

    /// <summary>The state key of an alert: its coin, its instance, the portfolio or the feed.</summary>
    public static string KeyOf(AlertKind kind, string? symbol, int? instanceId) => kind switch
    {
        AlertKind.StaleFeed => "feed",
        AlertKind.Drawdown or AlertKind.Exposure when instanceId is null => "portfolio",
        AlertKind.StrategySignal or AlertKind.Drawdown or AlertKind.LossStreak or AlertKind.Exposure => $"#{instanceId}",
        _ => symbol ?? "",
    };

    // ---------------- market ----------------

    /// <summary>A candle closed on <paramref name="symbol"/>.</summary>
    public IReadOnlyList<Alert> OnCandle(string symbol, in Candle candle, Timeframe timeframe, DateTimeOffset now)
    {
        List<Alert>? alerts = null;
        OnPrice(symbol, candle.Close, now, ref alerts);
        foreach (var rule in Active(symbol))
        {
            var state = State(rule.Id, symbol);
            Alert? alert = rule.Kind switch
            {
                AlertKind.PercentMove => PercentMove(rule, state, symbol, candle, now),
                AlertKind.Rsi => RsiLevel(rule, state, symbol, candle, now),
                AlertKind.VolatilitySpike => VolatilitySpike(rule, state, symbol, candle, now),
                AlertKind.VolumeSpike => VolumeSpike(rule, state, symbol, candle, now),
                AlertKind.RegimeChange => RegimeChange(rule, state, symbol, candle, timeframe, now),
                _ => null,
            };
            if (alert is not null) (alerts ??= []).Add(alert);
        }
        return alerts ?? (IReadOnlyList<Alert>)[];
    }

    /// <summary>A new price for <paramref name="symbol"/> (ticks, or the last prices of a snapshot).</summary>
    public IReadOnlyList<Alert> OnPrice(string symbol, decimal price, DateTimeOffset now)
    {
        List<Alert>? alerts = null;
        OnPrice(symbol, price, now, ref alerts);
        return alerts ?? (IReadOnlyList<Alert>)[];
    }

    private void OnPrice(string symbol, decimal price, DateTimeOffset now, ref List<Alert>? alerts)
    {
        bool had = _lastPrices.TryGetValue(symbol, out decimal previous);
        _lastPrices[symbol] = price;
        if (!had || previous == price) return;
        foreach (var rule in Active(symbol).Where(r => r.Kind == AlertKind.PriceCross))
        {
            double level = rule.Get("level");
            int direction = (int)rule.Get("direction");
            double p = (double)price, q = (double)previous;
            bool up = q < level && p >= level, down = q > level && p <= level;
            if (!(direction >= 0 && up) && !(direction <= 0 && down)) continue;
            var alert = Event(rule, symbol, now, () => Make(rule, now, symbol, null, null,
                $"{symbol} crossed {(up ? "above" : "below")} {Price(level)} (from {Price(q)} to {Price(p)}).", p, level));
            if (alert is not null) (alerts ??= []).Add(alert);
        }
    }

    private Alert? PercentMove(AlertRule rule, RuleState state, string symbol, in Candle candle, DateTimeOffset now)
    {
        int n = (int)rule.Get("candles");
        var closes = state.Window ??= new RollingWindow(n + 1);
        closes.Add((double)candle.Close);
        if (!closes.IsFull) return null;
        double from = closes[n], to = closes[0];
        double change = (to / from - 1) * 100;
        double pct = rule.Get("pct");
        int direction = (int)rule.Get("direction");
        bool hit = (direction >= 0 && change >= pct) || (direction <= 0 && change <= -pct);
        return Edge(rule, state, hit, now, () => Make(rule, now, symbol, null, null,
            $"{symbol} moved {change.ToString("+0.00;-0.00", Inv)}% in {n} candle{(n == 1 ? "" : "s")} ({Price(from)} → {Price(to)}).", change, pct));
    }

    private Alert? RsiLevel(AlertRule rule, RuleState state, string symbol, Candle candle, DateTimeOffset now)
    {
        var rsi = (Rsi)(state.Indicator ??= new Rsi((int)rule.Get("period")));
        if (rsi.Update((double)candle.Close) is not { } value) return null;
        double level = rule.Get("level");
        bool above = rule.Get("direction") > 0;
        bool hit = above ? value > level : value < level;
        return Edge(rule, state, hit, now, () => Make(rule, now, symbol, null, null,
            $"RSI({(int)rule.Get("period")}) on {symbol} is {value.ToString("0.0", Inv)}, {(above ? "above" : "below")} {level.ToString("0.##", Inv)} (close {Price((double)candle.Close)}).", value, level));
    }

    private Alert? VolatilitySpike(AlertRule rule, RuleState state, string symbol, in Candle candle, DateTimeOffset now)
    {
        var atr = (Atr)(state.Indicator ??= new Atr((int)rule.Get("period")));
        var history = state.Percentile ??= new RollingPercentile((int)rule.Get("history"));
        atr.Update(candle);
        if (atr.Percent is not { } pct) return null;
        double rank = history.Count >= 50 ? history.PercentileOf(pct) : double.NaN;
        double typical = history.Count >= 50 ? history.Median : double.NaN;
        history.Add(pct);
        if (double.IsNaN(rank)) return null;
        double threshold = rule.Get("percentile");
        return Edge(rule, state, rank >= threshold, now, () => Make(rule, now, symbol, null, null,
            $"Volatility spike on {symbol}: ATR is {pct.ToString("0.00", Inv)}% of price, {rank.ToString("0", Inv)}th percentile of the last {history.Count} candles (typical {typical.ToString("0.00", Inv)}%).", rank, threshold));
    }

    private Alert? VolumeSpike(AlertRule rule, RuleState state, string symbol, Candle candle, DateTimeOffset now)
    {
        int n = (int)rule.Get("candles");
        var sma = (Sma)(state.Indicator ??= new Sma(n));
        double average = sma.Current; // of the previous n candles, before this one goes in
        sma.Update(candle.Volume);
        if (double.IsNaN(average) || average <= 0) return null;
        double multiple = candle.Volume / average;
        double threshold = rule.Get("multiple");
        return Edge(rule, state, multiple >= threshold, now, () => Make(rule, now, symbol, null, null,
            $"Volume spike on {symbol}: {candle.Volume.ToString("N2", Inv)} in the candle of {candle.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", Inv)} UTC, {multiple.ToString("0.0", Inv)}× the average of the previous {n} ({average.ToString("N2", Inv)}).", multiple, threshold));
    }

    private Alert? RegimeChange(AlertRule rule, RuleState state, string symbol, in Candle candle, Timeframe timeframe, DateTimeOffset now)
    {
        var classifier = state.Classifier ??= new TrendClassifier(timeframe);
        var reading = classifier.Update(candle);
        var before = state.Regime;
        state.Regime = reading.Regime;
        if (before is null || reading.Regime is not { } regime || regime == before) return null;
        if (rule.TargetRegime is { } target && regime != target) return null;
        return Event(rule, symbol, now, () => Make(rule, now, symbol, null, null,
            $"{symbol} changed from {StrategyAdvisor.Label(before.Value)} to {StrategyAdvisor.Label(regime)} ({reading.Confidence.ToString("0", Inv)}% confidence; ADX {reading.Evidence.Adx.ToString("0.0", Inv)}, RSI {reading.Evidence.Rsi.ToString("0.0", Inv)}).", reading.Confidence, null));
    }

    // ---------------- strategies ----------------

    /// <summary>A strategy instance signalled at a candle's close (trading or watch-only).</summary>
    public IReadOnlyList<Alert> OnSignal(LiveSignal signal, DateTimeOffset now)
    {
        if (signal.Signal == Signal.None) return [];
        List<Alert>? alerts = null;
        foreach (var rule in Active(signal.Symbol, signal.InstanceId).Where(r => r.Kind == AlertKind.StrategySignal))
        {
            int side = (int)rule.Get("side");
            bool buy = signal.Signal == Signal.Enter;
            if ((side > 0 && !buy) || (side < 0 && buy)) continue;
            var alert = Event(rule, KeyOf(rule.Kind, signal.Symbol, signal.InstanceId), now, () => Make(rule, now, signal.Symbol, signal.InstanceId, signal.StrategyId,
                $"{StrategyCatalog.Get(signal.StrategyId).Name} #{signal.InstanceId} on {signal.Symbol} {(signal.WatchOnly ? "would" : "will")} {(buy ? "BUY" : "SELL")} at the next open (close {Price((double)signal.Candle.Close)}){(signal.WatchOnly ? ", watch-only" : "")}.",
                (double)signal.Candle.Close, null));
            if (alert is not null) (alerts ??= []).Add(alert);
        }
        return alerts ?? (IReadOnlyList<Alert>)[];
    }

    /// <summary>A strategy instance closed a trade.</summary>
    public IReadOnlyList<Alert> OnTrade(LiveTrade trade, DateTimeOffset now)
    {
        List<Alert>? alerts = null;
        foreach (var rule in Active(trade.Symbol, trade.InstanceId).Where(r => r.Kind == AlertKind.LossStreak))
        {
            var state = State(rule.Id, KeyOf(rule.Kind, trade.Symbol, trade.InstanceId));
            state.Streak = trade.Trade.Pnl < 0 ? state.Streak + 1 : 0;
            state.StreakLoss = trade.Trade.Pnl < 0 ? state.StreakLoss + trade.Trade.Pnl : 0;
            int count = (int)rule.Get("count");
            var alert = Edge(rule, state, state.Streak >= count, now, () => Make(rule, now, trade.Symbol, trade.InstanceId, trade.StrategyId,
                $"{StrategyCatalog.Get(trade.StrategyId).Name} #{trade.InstanceId} on {trade.Symbol} lost {state.Streak} trades in a row ({Money(state.StreakLoss)} in total, last {trade.Trade.ReturnPct.ToString("+0.00;-0.00", Inv)}%).",
                state.Streak, count));
            if (alert is not null) (alerts ??= []).Add(alert);
        }
        return alerts ?? (IReadOnlyList<Alert>)[];
    }

    /// <summary>An engine snapshot: prices, drawdowns, exposure and feed freshness.</summary>
    public IReadOnlyList<Alert> OnSnapshot(EngineSnapshot snapshot)
    {
        var now = snapshot.Time;
        List<Alert>? alerts = null;
        foreach (var (symbol, price) in snapshot.LastPrices) OnPrice(symbol, price, now, ref alerts);
        foreach (var i in snapshot.Instances) OnInstance(i, now, ref alerts);
        OnPortfolio(snapshot, now, ref alerts);
        OnFeed(snapshot, now, ref alerts);
        return alerts ?? (IReadOnlyList<Alert>)[];
    }

    /// <summary>One instance's drawdown and exposure.</summary>
    private void OnInstance(InstanceSnapshot i, DateTimeOffset now, ref List<Alert>? alerts)
    {
        double exposure = i.Equity > 0 && i.LastPrice is { } lp ? (double)(i.Quantity * lp / i.Equity) * 100 : 0;
        foreach (var rule in Active(i.Symbol, i.Id).Where(r => r.InstanceId is not null || r.Kind is not (AlertKind.Drawdown or AlertKind.Exposure)))
        {
            var state = State(rule.Id, KeyOf(rule.Kind, i.Symbol, i.Id));
            Alert? alert = rule.Kind switch
            {
                AlertKind.Drawdown => Edge(rule, state, i.CurrentDrawdownPct >= rule.Get("pct"), now, () => Make(rule, now, i.Symbol, i.Id, i.StrategyId,
                    $"{i.StrategyName} #{i.Id} on {i.Symbol} is {i.CurrentDrawdownPct.ToString("0.0", Inv)}% below its equity peak (equity {Money(i.Equity)}, limit {rule.Get("pct").ToString("0.##", Inv)}%).", i.CurrentDrawdownPct, rule.Get("pct"))),
                AlertKind.Exposure => Edge(rule, state, exposure >= rule.Get("pct"), now, () => Make(rule, now, i.Symbol, i.Id, i.StrategyId,
                    $"{i.StrategyName} #{i.Id} on {i.Symbol} has {exposure.ToString("0.0", Inv)}% of its equity in the position ({Qty(i.Quantity)} at {Price((double)(i.LastPrice ?? 0))}, limit {rule.Get("pct").ToString("0.##", Inv)}%).", exposure, rule.Get("pct"))),
                _ => null,
            };
            if (alert is not null) (alerts ??= []).Add(alert);
        }
    }

    /// <summary>All running instances together: the drawdown the engine's fund book measures, and the exposure.</summary>
    private void OnPortfolio(EngineSnapshot snapshot, DateTimeOffset now, ref List<Alert>? alerts)
    {
        decimal equity = snapshot.Instances.Sum(i => i.Equity);
        if (snapshot.Instances.Count == 0 || equity <= 0) return;
        double drawdown = snapshot.Overall.CurrentDrawdownPct;
        decimal peak = drawdown < 100 ? equity / (decimal)(1 - (drawdown / 100)) : equity;
        decimal invested = snapshot.Instances.Sum(i => i.Quantity * (i.LastPrice ?? 0));
        double exposure = (double)(invested / equity) * 100;
        foreach (var rule in _rules.Values.Where(r => r.Enabled && r.InstanceId is null && r.Symbol is null && r.Kind is AlertKind.Drawdown or AlertKind.Exposure))
        {
            var state = State(rule.Id, "portfolio");
            Alert? alert = rule.Kind == AlertKind.Drawdown
                ? Edge(rule, state, drawdown >= rule.Get("pct"), now, () => Make(rule, now, null, null, null,
                    $"The portfolio is {drawdown.ToString("0.0", Inv)}% below its peak ({Money(equity)} against {Money(peak)}, limit {rule.Get("pct").ToString("0.##", Inv)}%).", drawdown, rule.Get("pct")))
                : Edge(rule, state, exposure >= rule.Get("pct"), now, () => Make(rule, now, null, null, null,
                    $"The portfolio has {exposure.ToString("0.0", Inv)}% of its equity in positions ({Money(invested)} of {Money(equity)}, limit {rule.Get("pct").ToString("0.##", Inv)}%).", exposure, rule.Get("pct")));
            if (alert is not null) (alerts ??= []).Add(alert);
        }
    }

    /// <summary>The feed's freshness while the engine runs.</summary>
    private void OnFeed(EngineSnapshot snapshot, DateTimeOffset now, ref List<Alert>? alerts)
    {
        if (snapshot.State != EngineState.Running || snapshot.Feed is not { } feed)
        {
            _runningSince = null;
            return;
        }
        _runningSince ??= now;
        var last = feed.LastEvent ?? _runningSince.Value;
        double age = Math.Max(0, (now - last).TotalSeconds);
        foreach (var rule in _rules.Values.Where(r => r.Enabled && r.Kind == AlertKind.StaleFeed))
        {
            var alert = Edge(rule, State(rule.Id, "feed"), age >= rule.Get("seconds"), now, () => Make(rule, now, null, null, null,
                $"No market data from {feed.Name} for {age.ToString("0", Inv)} s (last {(feed.LastEvent is { } t ? t.UtcDateTime.ToString("HH:mm:ss", Inv) + " UTC" : "never")}; feed {feed.Status.ToString().ToLowerInvariant()}{(feed.Message is { Length: > 0 } m ? $": {m}" : "")}).",
                age, rule.Get("seconds")));
            if (alert is not null) (alerts ??= []).Add(alert);
        }
    }

    // ---------------- helpers ----------------

    private IEnumerable<AlertRule> Active(string symbol, int? instanceId = null) =>
        _rules.Values.Where(r => r.Enabled && (r.Symbol is null || string.Equals(r.Symbol, symbol, StringComparison.OrdinalIgnoreCase))
            && (r.InstanceId is null || r.InstanceId == instanceId));

    private RuleState State(int rule, string key)
    {
        if (!_states.TryGetValue((rule, key), out var state)) _states[(rule, key)] = state = new RuleState();
        return state;
    }

    /// <summary>A condition that holds or not: fires when it starts to hold, outside the cool-down.</summary>
    private static Alert? Edge(AlertRule rule, RuleState state, bool holds, DateTimeOffset now, Func<Alert> build)
    {
        if (!holds)
        {
            state.Armed = true;
            return null;
        }
        if (!state.Armed) return null;
        state.Armed = false;
        if (state.LastFired is { } last && now - last < rule.Cooldown) return null;
        state.LastFired = now;
        return build();
    }

    /// <summary>A one-off event (a cross, a signal, a regime change): fires outside the cool-down.</summary>
    private Alert? Event(AlertRule rule, string key, DateTimeOffset now, Func<Alert> build)
    {
        var state = State(rule.Id, key);
        if (state.LastFired is { } last && now - last < rule.Cooldown) return null;
        state.LastFired = now;
        return build();
    }

    private static Alert Make(AlertRule rule, DateTimeOffset now, string? symbol, int? instance, string? strategy, string message, double? value, double? threshold) =>
        new(now, rule.Id, rule.Name, rule.Kind, rule.Severity, symbol, instance, strategy, message,
            value is { } v && double.IsFinite(v) ? Math.Round(v, 6) : null, threshold is { } t && double.IsFinite(t) ? t : null);

    private static string Price(double v) => Math.Abs(v) >= 1000 ? v.ToString("N2", Inv) : v.ToString("0.########", Inv);

    private static string Money(decimal v) => v.ToString("N2", Inv);

    private static string Qty(decimal v) => v.ToString("0.########", Inv);

    private sealed class RuleState
    {
        public bool Armed = true;
        public DateTimeOffset? LastFired;
        public RollingWindow? Window;
        public Indicator? Indicator;
        public RollingPercentile? Percentile;
        public TrendClassifier? Classifier;
        public MarketRegime? Regime;
        public int Streak;
        public decimal StreakLoss;
    }
}
