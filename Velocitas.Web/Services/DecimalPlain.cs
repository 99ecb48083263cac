namespace Velocitas.Web.Services;

/// <summary>Decimals as exchanges' rules read best.</summary>
public static class DecimalPlain
{
    /// <summary><paramref name="value"/> without trailing zeros (0.00001000 → 0.00001), the same number.</summary>
    public static decimal Plain(this decimal value) => value / 1.0000000000000000000000000000m;
}
