using System;
using Velocitas.Strategies.Hosting;

namespace Velocitas.Strategies;

/// <summary>
/// Base class of every strategy, the built-ins included. Declare parameters as public properties with
/// <see cref="ParameterAttribute"/>, ask for indicators in <see cref="OnStart"/>, decide in <see cref="OnCandle"/>.
/// The engine advances the indicators before each call, the same way in a backtest, an optimisation and live; an
/// order placed at a candle's close fills at the next candle's open.
/// </summary>
/// <example>
/// <code>
/// public sealed class SmaCross : Strategy
/// {
///     [Parameter(2, 200)] public int Fast { get; set; } = 10;
///     [Parameter(3, 500)] public int Slow { get; set; } = 30;
///     private Series _fast = null!, _slow = null!;
///     protected override void OnStart() { _fast = Sma(Fast); _slow = Sma(Slow); }
///     protected override void OnCandle(Candle candle)
///     {
///         if (_fast.CrossedAbove(_slow)) Buy();
///         else if (_fast.CrossedBelow(_slow)) Sell();
///     }
/// }
/// </code>
/// </example>
public abstract partial class Strategy
{
    private StrategyHost? _host;

    internal StrategyHost Host => _host
        ?? throw new InvalidOperationException("The engine has not started this strategy yet: ask for indicators in OnStart and trade in OnCandle, not in a constructor.");

    internal void Attach(StrategyHost host) => _host = host;

    /// <summary>Called once, before the first candle: ask for the indicators here (<c>_fast = Sma(Fast);</c>).</summary>
    protected internal virtual void OnStart()
    {
    }

    /// <summary>Called at each closed candle, after every indicator has been advanced to it.</summary>
    /// <param name="candle">The candle that just closed (also <c>Candles[0]</c>).</param>
    protected internal abstract void OnCandle(Candle candle);

    /// <summary>
    /// Optional check across parameters, run before the strategy starts (values are already in range). Return null
    /// when the combination is fine, else which parameter is wrong and why.
    /// </summary>
    public virtual ParameterProblem? CheckParameters() => null;

    /// <summary>Past candles: <c>Candles[0]</c> is the one that just closed, <c>Candles[1]</c> the one before.</summary>
    protected CandleHistory Candles => Host.Candles;

    /// <summary>Open time of the candle that just closed.</summary>
    protected DateTimeOffset Time => Host.Current.Time;

    /// <summary>The open position (flat when <see cref="Position.Quantity"/> is 0).</summary>
    protected Position Position => Host.Account.Position;

    /// <summary>Cash now.</summary>
    protected double Cash => Host.Account.Cash;

    /// <summary>Cash plus the position marked at this candle's close.</summary>
    protected double Equity => Host.Account.Equity;

    /// <summary>Adds a point at this candle to the named series drawn with the run (Backtest page, History).</summary>
    protected void Plot(string name, double value) => Host.Plot(name, value);

    /// <summary>Writes a line to the strategy log shown with the run (the last ones are kept).</summary>
    protected void Log(string message) => Host.Log(message);
}
