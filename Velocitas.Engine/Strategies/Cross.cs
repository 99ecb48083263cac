namespace Velocitas.Engine.Strategies;

/// <summary>Crossing rules: strictly below on the previous candle and strictly above on this one (and vice versa).</summary>
public static class Cross
{
    /// <summary>True when <c>a</c> crossed above <c>b</c>. NaN inputs never cross.</summary>
    public static bool Above(double previousA, double previousB, double a, double b) => previousA < previousB && a > b;

    /// <summary>True when <c>a</c> crossed below <c>b</c>. NaN inputs never cross.</summary>
    public static bool Below(double previousA, double previousB, double a, double b) => previousA > previousB && a < b;
}
