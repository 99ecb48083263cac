using System.Globalization;
using System.Threading.Channels;
using Velocitas.Data.Storage;
using Velocitas.Engine.Copilot;
using Velocitas.Engine.Live;
using Velocitas.Engine.Market;

namespace Velocitas.Web.Services.Copilot;

/// <summary>What the copilot is doing.</summary>
public sealed record CopilotStatus(bool Enabled, int Rules, int EnabledRules, int NewAlerts, DateTimeOffset? LastAlert, long InputsEvaluated,
    int Backlog, long SkippedInputs, double PortfolioDrawdownPct, EngineState Engine, WebhookStats Webhooks);

/// <summary>
/// Watches the live engine for the alert rules: the engine's callbacks only drop inputs into a queue (never waiting), and
/// one consumer evaluates them with <see cref="CopilotMonitor"/>, stores the alerts, takes the rules' risk actions,
/// notifies the UI and the WebSocket clients, and hands webhooks to <see cref="WebhookSender"/>.
/// Should the consumer fall more than <see cref="MaxBacklog"/> inputs behind, new market inputs are skipped and counted
/// (shown in the status and logged) rather than letting memory grow without bound; rule changes and fences always get in.
/// </summary>
public sealed class CopilotService : IHostedService, IAsyncDisposable
{
    private const string EnabledKey = "copilot.enabled";


    private readonly LiveEngine _engine;
    private readonly AlertStore _store;
    private readonly WebhookSender _webhooks;
    private readonly TimeProvider _clock;
    private readonly ILogger<CopilotService> _logger;
    private readonly CopilotMonitor _monitor = new();
    private readonly Channel<Input> _inputs = Channel.CreateUnbounded<Input>(); // (a single-reader channel cannot count its backlog)
    private readonly List<Action<StoredAlert>> _subscribers = [];
    private List<IDisposable> _subscriptions = [];
    private EngineSnapshot? _pendingSnapshot;
    private Task? _loop;
    private volatile bool _enabled = true;
    private IReadOnlyList<AlertRule> _rules = [];
    private int _newAlerts;
    private DateTimeOffset? _lastAlert;
    private long _evaluated;
    private long _skipped;

    public CopilotService(LiveEngine engine, AlertStore store, WebhookSender webhooks, TimeProvider clock, ILogger<CopilotService> logger)
    {
        _engine = engine;
        _store = store;
        _webhooks = webhooks;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>How many queued inputs the copilot may fall behind before it skips market inputs.</summary>
    public int MaxBacklog { get; init; } = 50_000;

    /// <summary>Raised when rules, alerts or the enabled switch change (for pages to refresh).</summary>
    public event Action? Changed;

    /// <summary>True when alerts are raised.</summary>
    public bool Enabled => _enabled;

    /// <summary>The rules (cached; the store is the source of truth).</summary>
    public IReadOnlyList<AlertRule> Rules => _rules;

    /// <summary>The copilot's state, with the count of new alerts taken afresh from the database.</summary>
    public async Task<CopilotStatus> StatusAsync(CancellationToken ct = default)
    {
        Volatile.Write(ref _newAlerts, await _store.CountNewAsync(ct));
        return Status();
    }

    /// <summary>The copilot's state from memory (the new-alert count as the copilot keeps it).</summary>
    public CopilotStatus Status()
    {
        var rules = _rules;
        return new CopilotStatus(_enabled, rules.Count, rules.Count(r => r.Enabled), NewAlerts, _lastAlert, Interlocked.Read(ref _evaluated),
            _inputs.Reader.Count, Interlocked.Read(ref _skipped), _engine.Snapshot.Overall.CurrentDrawdownPct, _engine.State, _webhooks.Stats);
    }

    /// <summary>New alerts (cached count for the app bar).</summary>
    public int NewAlerts => Volatile.Read(ref _newAlerts);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _enabled = await _store.SettingAsync(EnabledKey, cancellationToken) is not "false";
        _rules = await _store.RulesAsync(cancellationToken);
        foreach (var rule in _rules) _monitor.SetRule(rule);
        foreach (var alert in await _store.LatestPerRuleAsync(TimeSpan.FromDays(7), cancellationToken)) _monitor.RestoreLastFired(alert);
        Volatile.Write(ref _newAlerts, await _store.CountNewAsync(cancellationToken));

        // the engine's threads only enqueue; snapshots are conflated to the latest
        _subscriptions.Add(_engine.Subscribe(s =>
        {
            if (Interlocked.Exchange(ref _pendingSnapshot, s) is null) _inputs.Writer.TryWrite(new Input(InputKind.Snapshot));
        }));
        _subscriptions.Add(_engine.SubscribeCandles((symbol, candle, tf) => EnqueueMarket(new Input(InputKind.Candle) { Symbol = symbol, Candle = candle, Timeframe = tf, Time = _clock.GetUtcNow() })));
        _subscriptions.Add(_engine.SubscribeSignals(signal => EnqueueMarket(new Input(InputKind.Signal) { Signal = signal, Time = _clock.GetUtcNow() })));
        _subscriptions.Add(_engine.SubscribeTrades(trade => EnqueueMarket(new Input(InputKind.Trade) { Trade = trade, Time = _clock.GetUtcNow() })));
        _loop = Task.Run(ConsumeAsync, CancellationToken.None);
        _logger.LogInformation("Copilot watching with {Rules} rule(s), alerts {State}.", _rules.Count, _enabled ? "on" : "off");
    }

    /// <summary>Queues a candle, signal or trade from the engine's threads; never waits, skips (and counts) when far behind.</summary>
    private void EnqueueMarket(Input input)
    {
        if (_inputs.Reader.Count < MaxBacklog)
        {
            _inputs.Writer.TryWrite(input);
            return;
        }
        long skipped = Interlocked.Increment(ref _skipped);
        if (skipped == 1 || skipped % 100_000 == 0)
            _logger.LogWarning("Copilot is {Backlog} inputs behind the engine: skipped {Skipped} market input(s) so far; alerts may be missed.", MaxBacklog, skipped);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var s in Interlocked.Exchange(ref _subscriptions, [])) s.Dispose();
        _inputs.Writer.TryComplete();
        if (_loop is not null) await _loop.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in Interlocked.Exchange(ref _subscriptions, [])) s.Dispose();
        _inputs.Writer.TryComplete();
        if (_loop is not null) await _loop;
    }

    /// <summary>Receives every stored alert until disposed (called on the copilot's thread: do not block).</summary>
    public IDisposable Subscribe(Action<StoredAlert> onAlert)
    {
        lock (_subscribers) _subscribers.Add(onAlert);
        return new Unsubscriber(() => { lock (_subscribers) _subscribers.Remove(onAlert); });
    }

    // ---------- rules ----------

    /// <summary>Validates and stores a new rule; it is watched at once. Throws <see cref="ArgumentException"/> naming every problem.</summary>
    public async Task<AlertRule> AddRuleAsync(AlertRule rule, CancellationToken ct = default)
    {
        Validate(rule);
        var saved = await _store.AddRuleAsync(rule, ct);
        await RefreshRulesAsync(ct);
        return saved;
    }

    /// <summary>Validates and replaces a rule; false when it does not exist.</summary>
    public async Task<bool> UpdateRuleAsync(AlertRule rule, CancellationToken ct = default)
    {
        Validate(rule);
        if (!await _store.UpdateRuleAsync(rule, ct)) return false;
        await RefreshRulesAsync(ct);
        return true;
    }

    /// <summary>Turns one rule on or off; false when it does not exist.</summary>
    public async Task<bool> SetRuleEnabledAsync(int id, bool enabled, CancellationToken ct = default)
    {
        if (await _store.RuleAsync(id, ct) is not { } rule) return false;
        await _store.UpdateRuleAsync(rule with { Enabled = enabled }, ct);
        await RefreshRulesAsync(ct);
        return true;
    }

    /// <summary>Deletes a rule (its alerts stay); false when it does not exist.</summary>
    public async Task<bool> DeleteRuleAsync(int id, CancellationToken ct = default)
    {
        if (!await _store.DeleteRuleAsync(id, ct)) return false;
        await RefreshRulesAsync(ct);
        return true;
    }

    /// <summary>Turns all alerts on or off (kept across restarts).</summary>
    public async Task SetEnabledAsync(bool enabled, CancellationToken ct = default)
    {
        await _store.SetSettingAsync(EnabledKey, enabled ? "true" : "false", ct);
        _enabled = enabled;
        _logger.LogInformation("Copilot alerts turned {State}.", enabled ? "on" : "off");
        Changed?.Invoke();
    }

    private void Validate(AlertRule rule)
    {
        var problems = rule.Problems().ToList();
        if (rule.InstanceId is { } id && _engine.GetInstance(id) is null)
            problems.Add($"strategy instance #{id} does not exist (see the Live page or GET /api/strategies).");
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems));
    }

    private async Task RefreshRulesAsync(CancellationToken ct)
    {
        _rules = await _store.RulesAsync(ct);
        _inputs.Writer.TryWrite(new Input(InputKind.Rules) { Rules = _rules });
        Changed?.Invoke();
    }

    // ---------- alerts ----------

    /// <summary>Stored alerts, newest first.</summary>
    public Task<IReadOnlyList<StoredAlert>> AlertsAsync(AlertFilter? filter = null, CancellationToken ct = default) => _store.ListAsync(filter, ct);

    /// <summary>Acknowledges one alert.</summary>
    public async Task<bool> AcknowledgeAsync(long id, CancellationToken ct = default)
    {
        bool found = await _store.AcknowledgeAsync(id, ct);
        Volatile.Write(ref _newAlerts, await _store.CountNewAsync(ct));
        Changed?.Invoke();
        return found;
    }

    /// <summary>Acknowledges every new alert matching a filter (with <see cref="AlertFilter.UpToId"/>: only those shown).</summary>
    public async Task<int> AcknowledgeAllAsync(AlertFilter? filter = null, CancellationToken ct = default)
    {
        int n = await _store.AcknowledgeAllAsync(filter, ct);
        Volatile.Write(ref _newAlerts, await _store.CountNewAsync(ct));
        Changed?.Invoke();
        return n;
    }

    /// <summary>Waits until every input queued so far has been evaluated (tests and the API's status use it).</summary>
    public async Task WhenIdleAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inputs.Writer.TryWrite(new Input(InputKind.Fence) { Fence = done })) return;
        await done.Task;
    }

    // ---------- the consumer ----------

    /// <summary>
    /// Takes whatever has queued up (up to 5,000 inputs), evaluates it in order and stores the alerts in one
    /// transaction, so a burst of alerts costs one write, not one per alert, and the copilot keeps up.
    /// </summary>
    private async Task ConsumeAsync()
    {
        var batch = new List<Input>(256);
        var alerts = new List<Alert>();
        var fences = new List<TaskCompletionSource>();
        while (await _inputs.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < 5000 && _inputs.Reader.TryRead(out var item)) batch.Add(item);
            alerts.Clear();
            fences.Clear();
            foreach (var input in batch)
            {
                try
                {
                    Evaluate(input, alerts, fences);
                }
                catch (Exception ex)
                {
                    // a bad input must not stop the copilot
                    _logger.LogError(ex, "Copilot could not evaluate a {Kind} input.", input.Kind);
                }
            }
            Interlocked.Add(ref _evaluated, batch.Count);
            try
            {
                if (alerts.Count > 0 && _enabled) await RaiseAsync(alerts);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Copilot could not store or act on {Count} alert(s).", alerts.Count);
            }
            foreach (var fence in fences) fence.TrySetResult();
        }
    }

    private void Evaluate(Input input, List<Alert> alerts, List<TaskCompletionSource> fences)
    {
        switch (input.Kind)
        {
            case InputKind.Snapshot:
                if (Interlocked.Exchange(ref _pendingSnapshot, null) is { } s) alerts.AddRange(_monitor.OnSnapshot(s));
                break;
            case InputKind.Candle:
                alerts.AddRange(_monitor.OnCandle(input.Symbol!, input.Candle, input.Timeframe!.Value, input.Time));
                break;
            case InputKind.Signal:
                alerts.AddRange(_monitor.OnSignal(input.Signal!, input.Time));
                break;
            case InputKind.Trade:
                alerts.AddRange(_monitor.OnTrade(input.Trade!, input.Time));
                break;
            case InputKind.Rules:
                var ids = input.Rules!.Select(r => r.Id).ToHashSet();
                foreach (var gone in _monitor.Rules.Where(r => !ids.Contains(r.Id)).Select(r => r.Id).ToList()) _monitor.RemoveRule(gone);
                foreach (var rule in input.Rules!) _monitor.SetRule(rule);
                break;
            case InputKind.Fence:
                fences.Add(input.Fence!);
                break;
        }
    }

    private async Task RaiseAsync(List<Alert> alerts)
    {
        var withActions = new List<(Alert, string?)>();
        foreach (var alert in alerts)
        {
            var rule = _rules.FirstOrDefault(r => r.Id == alert.RuleId);
            withActions.Add((alert, rule is null ? null : await ActAsync(rule, alert)));
        }
        var stored = await _store.AddAsync(withActions);
        Interlocked.Add(ref _newAlerts, stored.Count); // the evaluator adds while a page or the API acknowledges
        _lastAlert = stored[^1].Alert.Time;
        foreach (var s in stored)
        {
            // Debug: a rule with no cool-down can raise thousands of alerts a second; they are stored and shown anyway
            _logger.LogDebug("Alert {Severity} [{Rule}] {Message}", s.Alert.Severity, s.Alert.RuleName, s.Alert.Message);
            if (_rules.FirstOrDefault(r => r.Id == s.Alert.RuleId)?.WebhookUrl is { Length: > 0 } url) _webhooks.Enqueue(url, s);
            Action<StoredAlert>[] subscribers;
            lock (_subscribers) subscribers = _subscribers.ToArray();
            foreach (var subscriber in subscribers)
            {
                try { subscriber(s); } catch (Exception ex) { _logger.LogWarning(ex, "An alert subscriber failed."); }
            }
        }
        Changed?.Invoke();
    }

    /// <summary>Pauses or closes the instances the alert concerns, when the rule asks for it.</summary>
    private async Task<string?> ActAsync(AlertRule rule, Alert alert)
    {
        if (rule.Action == RiskAction.None) return null;
        var snapshot = _engine.Snapshot;
        var targets = (rule.InstanceId ?? alert.InstanceId) is { } id ? [id]
            : alert.Symbol is { } symbol ? snapshot.Instances.Where(i => i.Symbol == symbol).Select(i => i.Id).ToList()
            : snapshot.Instances.Select(i => i.Id).ToList();
        var done = new List<int>();
        foreach (int target in targets)
        {
            bool ok = rule.Action == RiskAction.Pause ? await _engine.SetPausedAsync(target, true) : await _engine.ClosePositionAsync(target);
            if (ok) done.Add(target);
        }
        if (done.Count == 0) return $"{(rule.Action == RiskAction.Pause ? "pause" : "close")}: no instance to act on";
        string list = string.Join(", ", done.Select(i => "#" + i.ToString(CultureInfo.InvariantCulture)));
        _logger.LogWarning("Rule {Rule} {Action} {Instances}.", rule.Name, rule.Action == RiskAction.Pause ? "paused" : "closed the position of", list);
        return rule.Action == RiskAction.Pause ? $"paused {list}" : $"closed the position of {list}";
    }

    private enum InputKind { Snapshot, Candle, Signal, Trade, Rules, Fence }

    private sealed record Input(InputKind Kind)
    {
        public string? Symbol { get; init; }
        public Candle Candle { get; init; }
        public Timeframe? Timeframe { get; init; }
        public LiveSignal? Signal { get; init; }
        public LiveTrade? Trade { get; init; }
        public DateTimeOffset Time { get; init; }
        public IReadOnlyList<AlertRule>? Rules { get; init; }
        public TaskCompletionSource? Fence { get; init; }
    }
}
