using System.Globalization;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Trend;

/// <summary>
/// Suggests strategies for the current regime by combining the textbook rule (trend-following and breakouts for an
/// uptrend, mean reversion for a range, smaller size or standing aside when volatile, standing aside in a downtrend
/// for a long-only account) with evidence: each strategy backtested over this coin's past periods of the same regime.
/// </summary>
public static class StrategyAdvisor
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Does the rule for <paramref name="regime"/> pick strategies of <paramref name="style"/>?</summary>
    public static bool Fits(MarketRegime regime, StrategyStyle style) => regime switch
    {
        MarketRegime.Uptrend => style is StrategyStyle.TrendFollowing or StrategyStyle.Momentum or StrategyStyle.Breakout,
        MarketRegime.Ranging => style is StrategyStyle.MeanReversion,
        MarketRegime.Volatile => style is StrategyStyle.Breakout,
        _ => false,
    };

    /// <summary>The rule for a regime in one sentence.</summary>
    public static string Rule(MarketRegime regime) => regime switch
    {
        MarketRegime.Uptrend => "Uptrend: follow the trend (moving-average or MACD crossovers, momentum, breakouts).",
        MarketRegime.Downtrend => "Downtrend: a long-only account stands aside; trend followers wait in cash for the turn, and buying dips fights the trend.",
        MarketRegime.Ranging => "Range: buy weakness and sell strength (RSI, Bollinger reversion); trend signals whipsaw.",
        _ => "Volatile: trade smaller or stand aside; only breakouts with wide stops suit large swings.",
    };

    /// <summary>Ranks every strategy (at its default parameters) for <paramref name="regime"/> on these candles.</summary>
    public static IReadOnlyList<StrategySuggestion> Suggest(
        ReadOnlySpan<Candle> candles,
        IReadOnlyList<RegimeSegment> segments,
        MarketRegime regime,
        string symbol,
        Timeframe timeframe,
        ExecutionSettings settings,
        IReadOnlyList<StrategyDefinition>? strategies = null)
    {
        strategies ??= StrategyCatalog.All;
        var list = new List<StrategySuggestion>();
        string regimeName = Label(regime);
        foreach (var definition in strategies)
        {
            RegimeEvidence evidence;
            try
            {
                evidence = RegimeBacktest.Run(candles, segments, regime, definition, definition.Defaults, settings, timeframe);
            }
            catch (Velocitas.Strategies.Hosting.StrategyFaultException)
            {
                continue; // a saved strategy whose code fails on these candles cannot be suggested, and must not stop the analysis
            }
            bool fits = Fits(regime, definition.Style);
            bool enough = evidence.Periods >= 2;
            // periods without a trade are neither won nor lost: consistency is wins among the periods that traded.
            // Trend followers win less often but bigger, so the rule's own picks need 40 % of periods, others 55 %.
            int decided = evidence.ProfitablePeriods + evidence.LosingPeriods;
            double consistency = decided == 0 ? 0.5 : (double)evidence.ProfitablePeriods / decided;
            bool works = enough && decided >= 2 && evidence.Trades >= 3 && evidence.CompoundedReturnPct > 0 && evidence.MeanReturnPct > 0
                && consistency >= (fits ? 0.4 : 0.55);
            double growth = Math.Log(Math.Max(1e-6, 1 + (evidence.CompoundedReturnPct / 100))) / Math.Log(2);
            double score = (fits ? 1 : 0) + (enough ? ((consistency - 0.5) * 2) + Math.Clamp(growth, -1.5, 1.5) : 0);

            string action;
            int size;
            if (regime == MarketRegime.Volatile)
            {
                (action, size) = works ? ("reduce-size", 50) : ("avoid", 0);
            }
            else if (works || (fits && !enough && regime != MarketRegime.Downtrend))
            {
                (action, size) = ("trade", 100);
            }
            else
            {
                (action, size) = ("avoid", 0);
            }

            string label = $"{definition.Name} ({string.Join(", ", definition.Defaults.Values.Select(v => v.ToString("0.##", Inv)))})";
            string why = definition.Style == StrategyStyle.Custom
                ? "a strategy of your own, judged on this coin's record alone"
                : fits ? $"the rule for {regimeName} picks {Style(definition.Style)}" : $"the rule for {regimeName} does not pick {Style(definition.Style)}";
            string numbers = EvidenceText(evidence, symbol, regimeName);
            // the verdict's words follow the numbers: more losing than winning periods is never "the evidence agrees"
            string lag = evidence.CompoundedReturnPct < evidence.BuyAndHoldPct
                ? $" Buying and holding made more over the same periods ({evidence.BuyAndHoldPct.ToString("+0.0;-0.0;0.0", Inv)}%)." : "";
            string verdict = action switch
            {
                "trade" when works && evidence.LosingPeriods >= evidence.ProfitablePeriods =>
                    $"Mixed evidence: it lost in as many or more of those periods than it won ({evidence.LosingPeriods} against {evidence.ProfitablePeriods}); bigger wins carried it, so expect many small losses.{lag}",
                "trade" when works && !fits => $"The evidence says it has worked here anyway: profitable in {evidence.ProfitablePeriods} of the {decided} periods it traded.{lag}",
                "trade" when works => $"The evidence agrees: profitable in {evidence.ProfitablePeriods} of the {decided} periods it traded.{lag}",
                "trade" => "Too few past periods to check it on this coin.",
                "reduce-size" => "It held up in past volatile periods; use half the usual size.",
                _ when fits && enough => "The rule picks it, but the evidence does not back it here.",
                _ => "Avoid it in this regime.",
            };
            list.Add(new StrategySuggestion(definition.Id, definition.Name, definition.Defaults, fits, action, size, evidence, Math.Round(score, 3),
                $"{label}: {why}. {numbers} {verdict}"));
        }

        bool anyWorks = list.Any(s => s.Action is "trade" or "reduce-size");
        if (regime is MarketRegime.Downtrend or MarketRegime.Volatile || !anyWorks)
        {
            var best = list.Where(s => s.Action != "avoid").OrderByDescending(s => s.Score).FirstOrDefault();
            int losing = list.Count(s => s.Evidence is { Periods: > 0, CompoundedReturnPct: < 0 });
            string record = losing > 0 ? $" {losing} of {list.Count} strategies lost money over this coin's past {regimeName} periods." : "";
            string text = regime switch
            {
                MarketRegime.Downtrend => $"Stand aside: {Rule(regime)}{record}",
                MarketRegime.Volatile => $"Stand aside or trade at half size: {Rule(regime)}{record}",
                _ => $"Stand aside: no strategy's record over this coin's past {regimeName} periods backs trading it now.{record}",
            };
            list.Add(new StrategySuggestion(null, "Stand aside", null, true, "stand-aside", 0, null, best is null ? 10 : best.Score - 0.01, text));
        }
        return list.OrderByDescending(s => s.Action is "trade" or "reduce-size" or "stand-aside").ThenByDescending(s => s.Score).ToList();
    }

    /// <summary>"In 7 past uptrend periods on BTCUSDT (1,234 candles) it made +8.3% …".</summary>
    public static string EvidenceText(RegimeEvidence e, string symbol, string regimeName)
    {
        if (e.Periods == 0) return $"There is no finished {regimeName} period on {symbol} to test it on.";
        return string.Create(Inv,
            $"In {e.Periods} past {regimeName} period{(e.Periods == 1 ? "" : "s")} on {symbol} ({e.Candles:N0} candles) it made {Signed(e.CompoundedReturnPct)} compounded against {Signed(e.BuyAndHoldPct)} buy & hold, " +
            $"profitable in {e.ProfitablePeriods} and losing in {e.LosingPeriods} of {e.Periods}, {e.Trades} trade{(e.Trades == 1 ? "" : "s")}{(e.WinRatePct is { } w ? $" ({w:0}% winners)" : "")}, worst drawdown {e.WorstDrawdownPct:0.0}%.");
    }

    /// <summary>"uptrend", "downtrend", "range", "volatile".</summary>
    public static string Label(MarketRegime regime) => regime switch
    {
        MarketRegime.Uptrend => "uptrend",
        MarketRegime.Downtrend => "downtrend",
        MarketRegime.Ranging => "range",
        _ => "volatile",
    };

    private static string Style(StrategyStyle style) => style switch
    {
        StrategyStyle.TrendFollowing => "trend following",
        StrategyStyle.Momentum => "momentum",
        StrategyStyle.MeanReversion => "mean reversion",
        _ => "breakouts",
    };

    private static string Signed(double pct) => pct.ToString("+0.0;-0.0;0.0", Inv) + "%";
}
