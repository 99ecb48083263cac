using Velocitas.Engine.Backtesting;

namespace Velocitas.Engine.Optimization;

/// <summary>What an optimisation ranks by.</summary>
public enum Objective
{
    /// <summary>Annualised Sharpe ratio (default).</summary>
    Sharpe,
    /// <summary>Annualised Sortino ratio.</summary>
    Sortino,
    /// <summary>Total return.</summary>
    Return,
    /// <summary>Compound annual growth rate.</summary>
    Cagr,
    /// <summary>CAGR over max drawdown.</summary>
    Calmar,
    /// <summary>Gross profit over gross loss.</summary>
    ProfitFactor,
    /// <summary>System quality number.</summary>
    Sqn,
    /// <summary>Average P&amp;L per trade.</summary>
    Expectancy,
}

/// <summary>Reading and naming objectives.</summary>
public static class Objectives
{
    /// <summary>The objective's value; −∞ when it is undefined (no trades, no variance), so such runs rank last.</summary>
    public static double Value(this Objective objective, PerformanceMetrics m)
    {
        double? v = objective switch
        {
            Objective.Sharpe => m.Sharpe,
            Objective.Sortino => m.Sortino,
            Objective.Return => m.TotalReturnPct,
            Objective.Cagr => m.CagrPct,
            Objective.Calmar => m.Calmar,
            Objective.ProfitFactor => m.ProfitFactor ?? (m.Trades > 0 && m.WinRatePct == 100 ? double.MaxValue : null),
            Objective.Sqn => m.Sqn,
            Objective.Expectancy => m.Expectancy is { } e ? (double)e : null,
            _ => null,
        };
        return v is { } x && !double.IsNaN(x) ? x : double.NegativeInfinity;
    }

    /// <summary>Parses sharpe, sortino, return, cagr, calmar, profit-factor, sqn, expectancy.</summary>
    public static bool TryParse(string? text, out Objective objective)
    {
        objective = Objective.Sharpe;
        if (string.IsNullOrWhiteSpace(text)) return false;
        string t = text.Replace("-", "").Replace("_", "").Replace(" ", "").Trim().ToLowerInvariant();
        if (t == "pf") t = "profitfactor";
        foreach (var o in Enum.GetValues<Objective>())
        {
            if (o.ToString().ToLowerInvariant() == t)
            {
                objective = o;
                return true;
            }
        }
        return false;
    }

    /// <summary>Display name.</summary>
    public static string Label(this Objective objective) => objective switch
    {
        Objective.ProfitFactor => "profit factor",
        Objective.Cagr => "CAGR",
        Objective.Sqn => "SQN",
        _ => objective.ToString().ToLowerInvariant(),
    };
}
