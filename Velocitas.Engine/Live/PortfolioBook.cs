namespace Velocitas.Engine.Live;

/// <summary>
/// Measures groups of live instances (all of them, each coin, each strategy) like funds: each group has a value per
/// unit that moves only with its members' close-marked equity, never with money coming in or going out. Adding an
/// instance (new cash) or removing one therefore neither creates a gain nor hides a loss, as it would on summed
/// equity, and every group's drawdown is measured on its own combined equity (not the deepest of its members').
/// A mark changes a group's unit value by (sum after) / (sum before): marks at the same moment telescope to the
/// return of the group's combined equity over that moment. Single-threaded: the engine's snapshot writer owns it.
/// </summary>
public sealed class PortfolioBook
{
    /// <summary>Key of the group of every instance.</summary>
    public const string Overall = "overall";

    private readonly Dictionary<int, Member> _members = [];
    private readonly Dictionary<string, FundValue> _groups = new(StringComparer.Ordinal) { [Overall] = new FundValue() };

    /// <summary>Key of a coin's group.</summary>
    public static string CoinKey(string symbol) => "coin:" + symbol;

    /// <summary>Key of a strategy's group.</summary>
    public static string StrategyKey(string strategyId) => "strategy:" + strategyId;

    /// <summary>The group's measure (a fresh one, at 1, when it has none yet).</summary>
    public FundValue Get(string key) => _groups.TryGetValue(key, out var g) ? g : new FundValue();

    /// <summary>Every group's measure, for persisting.</summary>
    public IEnumerable<KeyValuePair<string, FundValue>> Groups => _groups;

    /// <summary>Continues a group from saved values (after a restart).</summary>
    public void Restore(string key, double unitValue, double peak, double maxDrawdownPct)
    {
        if (!double.IsFinite(unitValue) || unitValue <= 0 || !(peak >= unitValue) || !double.IsFinite(maxDrawdownPct)) return;
        Group(key).Restore(unitValue, peak, maxDrawdownPct);
    }

    /// <summary>An instance joins its groups with its equity now (money in: unit values do not move).</summary>
    public void Join(int id, string symbol, string strategyId, decimal equity)
    {
        if (_members.ContainsKey(id)) return;
        var member = new Member([Group(Overall), Group(CoinKey(symbol)), Group(StrategyKey(strategyId))], equity);
        _members[id] = member;
        foreach (var g in member.Groups) g.Capital += equity;
    }

    /// <summary>An instance leaves (money out: unit values do not move; its results stay in the history of each group).</summary>
    public void Leave(int id)
    {
        if (!_members.Remove(id, out var member)) return;
        foreach (var g in member.Groups) g.Capital -= member.Equity;
    }

    /// <summary>An instance's equity at the close of the candle of <paramref name="time"/> (the market's clock).</summary>
    public void Mark(int id, DateTimeOffset time, decimal equity)
    {
        if (!_members.TryGetValue(id, out var member)) return;
        foreach (var g in member.Groups) g.Move(member.Equity, equity, time);
        member.Equity = equity;
    }

    /// <summary>The moment marked last is complete (the feed stopped): peaks and drawdowns take it.</summary>
    public void Settle()
    {
        foreach (var g in _groups.Values) g.Settle();
    }

    private FundValue Group(string key)
    {
        if (!_groups.TryGetValue(key, out var g)) _groups[key] = g = new FundValue();
        return g;
    }

    private sealed class Member(FundValue[] groups, decimal equity)
    {
        public FundValue[] Groups { get; } = groups;
        public decimal Equity { get; set; } = equity;
    }
}
