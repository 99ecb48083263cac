using Velocitas.Engine.Execution;
using System.Threading.Channels;

namespace Velocitas.Engine.Live;

/// <summary>
/// The live engine's portfolio: instances join, are marked at each candle's close and leave from any thread (through
/// a channel); the snapshot writer applies those changes to the <see cref="PortfolioBook"/> (every group measured like
/// a fund) and the <see cref="PortfolioCurve"/>, reads the P&amp;L lines, and queues the funds' measures for saving at
/// most once per <see cref="LiveEngineOptions.FundSaveInterval"/> while they change. Everything but
/// <see cref="Join"/>, <see cref="Leave"/> and <see cref="Mark"/> runs under the engine's publishing lock.
/// </summary>
internal sealed class LivePortfolio
{
    private readonly Channel<PortfolioChange> _changes = Channel.CreateUnbounded<PortfolioChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly PortfolioBook _book = new();
    private readonly PortfolioCurve _curve;
    private readonly WriteBehind _writeBehind;
    private readonly TimeSpan _saveInterval;
    private bool _changed; // the book moved since its measures were last queued for saving
    private DateTimeOffset _savedAt = DateTimeOffset.MinValue;

    public LivePortfolio(WriteBehind writeBehind, TimeSpan saveInterval)
    {
        _writeBehind = writeBehind;
        _saveInterval = saveInterval;
        _curve = new PortfolioCurve(writeBehind.PortfolioEquity);
    }

    /// <summary>The portfolio's value index, one point per candle (see <see cref="PortfolioCurve"/>).</summary>
    public IReadOnlyList<(DateTimeOffset Time, decimal Value)> Points => _curve.Points;

    /// <summary>Money in: an instance was added or restored with this equity.</summary>
    public void Join(int id, string symbol, string strategyId, decimal equity) =>
        _changes.Writer.TryWrite(new PortfolioChange(PortfolioChangeKind.Join, id, default, equity, symbol, strategyId));

    /// <summary>Money out: an instance was removed.</summary>
    public void Leave(int id) => _changes.Writer.TryWrite(new PortfolioChange(PortfolioChangeKind.Leave, id, default, 0));

    /// <summary>An instance's equity at the close of the candle of <paramref name="time"/> (its worker calls this).</summary>
    public void Mark(int id, DateTimeOffset time, decimal equity) => _changes.Writer.TryWrite(new PortfolioChange(PortfolioChangeKind.Mark, id, time, equity));

    /// <summary>Continues a group's measures and the curve from what was saved (at start).</summary>
    public void Restore(IReadOnlyDictionary<string, FundMeasure> funds, IReadOnlyList<Equity> curve)
    {
        foreach (var (key, f) in funds) _book.Restore(key, f.UnitValue, f.Peak, f.MaxDrawdownPct);
        _curve.Restore(curve);
    }

    /// <summary>A feed starts: the curve begins a new segment on the new market's clock.</summary>
    public void BeginFeed() => _curve.BeginFeed();

    /// <summary>Applies what the instances reported since the last call to the book and the curve.</summary>
    public void Apply()
    {
        while (_changes.Reader.TryRead(out var c))
        {
            switch (c.Kind)
            {
                case PortfolioChangeKind.Join:
                    _book.Join(c.InstanceId, c.Symbol!, c.StrategyId!, c.Equity);
                    break;
                case PortfolioChangeKind.Leave:
                    _book.Leave(c.InstanceId);
                    break;
                case PortfolioChangeKind.Mark:
                    _book.Mark(c.InstanceId, c.Time, c.Equity);
                    _curve.Mark(c.Time, _book.Get(PortfolioBook.Overall).UnitValue);
                    _changed = true;
                    break;
            }
        }
    }

    /// <summary>The feed stopped: the last moment is complete, so the peaks, drawdowns and the curve take it.</summary>
    public void Settle()
    {
        Apply();
        _book.Settle();
        _curve.Complete();
        _changed = true;
    }

    /// <summary>Queues the funds' measures for saving if they changed and the interval has passed (or now, with <paramref name="force"/>).</summary>
    public void SaveIfDue(DateTimeOffset now, bool force)
    {
        if (!_changed || (!force && now - _savedAt < _saveInterval)) return;
        _writeBehind.Funds(_book.Groups.ToDictionary(g => g.Key, g => new FundMeasure(g.Value.UnitValue, g.Value.Peak, g.Value.MaxDrawdownPct)));
        (_changed, _savedAt) = (false, now);
    }

    /// <summary>The whole portfolio's line: running and removed instances summed, drawdowns of the overall fund.</summary>
    public PnlLine Overall(IReadOnlyList<InstanceSnapshot> instances, IReadOnlyList<InstanceSnapshot> closed) =>
        PnlLine.Sum("overall", instances, closed, _book.Get(PortfolioBook.Overall));

    /// <summary>One line per coin.</summary>
    public List<PnlLine> ByCoin(IReadOnlyList<InstanceSnapshot> instances, IReadOnlyList<InstanceSnapshot> closed) =>
        Lines(instances, closed, i => i.Symbol, PortfolioBook.CoinKey);

    /// <summary>One line per strategy.</summary>
    public List<PnlLine> ByStrategy(IReadOnlyList<InstanceSnapshot> instances, IReadOnlyList<InstanceSnapshot> closed) =>
        Lines(instances, closed, i => i.StrategyId, PortfolioBook.StrategyKey);

    /// <summary>P&amp;L lines of the groups (coins or strategies) of running and closed instances, each measured on its own fund.</summary>
    private List<PnlLine> Lines(IReadOnlyList<InstanceSnapshot> instances, IReadOnlyList<InstanceSnapshot> closed, Func<InstanceSnapshot, string> group, Func<string, string> fundKey)
    {
        var active = instances.ToLookup(group);
        var gone = closed.ToLookup(group);
        return active.Select(g => g.Key).Union(gone.Select(g => g.Key)).Order(StringComparer.Ordinal)
            .Select(key => PnlLine.Sum(key, active[key], gone[key], _book.Get(fundKey(key))))
            .ToList();
    }
}
