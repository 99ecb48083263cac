using Velocitas.Engine.Indicators;
using Velocitas.Engine.Market;

namespace Velocitas.Engine.Strategies;

/// <summary>Buys when the MACD line crosses above its signal line; sells when it crosses below.</summary>
public sealed class MacdStrategy : StrategyBase
{
    /// <summary>Catalogue entry.</summary>
    public static readonly StrategyDefinition CatalogEntry = new(
        "macd", "MACD crossover", StrategyStyle.TrendFollowing,
        "Buy when the MACD line crosses above its signal line; sell when it crosses below.",
        [
            ParameterSpec.Int("fast", "Fast EMA", 12, 2, 100, "Length of the fast EMA, in candles."),
            ParameterSpec.Int("slow", "Slow EMA", 26, 3, 300, "Length of the slow EMA, in candles."),
            ParameterSpec.Int("signal", "Signal EMA", 9, 1, 100, "Length of the signal-line EMA of the MACD line."),
        ],
        (d, p, s) => new MacdStrategy(d, p, s),
        p => p.Int("fast") < p.Int("slow") ? null
            : new ParameterError("fast", $"fast ({p.Int("fast")}) must be less than slow ({p.Int("slow")})."),
        legacyName: "MACD");

    private readonly IIndicatorStream _macd;
    private readonly int _warmUp;
    private double _prevLine = double.NaN, _prevSignal = double.NaN;

    private MacdStrategy(StrategyDefinition definition, ParameterSet parameters, IIndicatorSource indicators) : base(definition, parameters)
    {
        _macd = indicators.Get(IndicatorKey.Macd(parameters.Int("fast"), parameters.Int("slow"), parameters.Int("signal")));
        _warmUp = parameters.Int("slow") + parameters.Int("signal");
    }

    /// <inheritdoc />
    public override int WarmUpPeriod => _warmUp;

    /// <inheritdoc />
    protected override Signal Decide(in Candle candle)
    {
        _macd.Advance(candle);
        double line = _macd[0], signalLine = _macd[1];
        var signal = Cross.Above(_prevLine, _prevSignal, line, signalLine) ? Signal.Enter
            : Cross.Below(_prevLine, _prevSignal, line, signalLine) ? Signal.Exit
            : Signal.None;
        _prevLine = line;
        _prevSignal = signalLine;
        return signal;
    }

    /// <inheritdoc />
    protected override void ResetState()
    {
        _macd.Reset();
        _prevLine = _prevSignal = double.NaN;
    }
}
