namespace Velocitas.Engine.Market;

/// <summary>
/// Exact decimal arithmetic the ledger does once a candle, without the runtime's general routines where the answer
/// needs no rounding: the same bits (value and scale) as the <see cref="decimal"/> operators, tested against them.
/// </summary>
public static class DecimalMath
{
    private static readonly ulong[] Powers64 = Powers(); // 10^0 .. 10^19
    private static readonly ulong[] Limits64 = [.. Powers64.Select(p => ulong.MaxValue / p)]; // the largest value that 10^k keeps within 64 bits

    /// <summary>
    /// <c>a + (b × c)</c> — cash plus a position marked at a price — exactly as the decimal operators compute it. When
    /// all three are non-negative with 64-bit mantissas for b and c, and the product and sum fit 96 bits at their scales
    /// (every account of real prices), it is done in 64-bit halves: the product at scale b + c raised to the sum's
    /// scale, the cash raised to it too, then one addition — what the operators do when they need not round. Anything
    /// else goes through the operators, a zero product too (the runtime gives it scale 0 on some paths).
    /// </summary>
    public static decimal AddProduct(decimal a, decimal b, decimal c)
    {
        ref readonly var x = ref DecimalBits.Of(a);
        ref readonly var y = ref DecimalBits.Of(b);
        ref readonly var z = ref DecimalBits.Of(c);
        if ((x.Flags | y.Flags | z.Flags) < 0 || (y.High32 | z.High32) != 0) return a + (b * c); // a sign, or a mantissa over 64 bits
        int productScale = y.Scale + z.Scale;
        int cashScale = x.Scale;
        int sumScale = Math.Max(cashScale, productScale);
        int up = sumScale - productScale, cashUp = sumScale - cashScale; // one of them is 0
        if (productScale > 28 || up >= Powers64.Length || cashUp >= Powers64.Length) return a + (b * c);

        // the product at the sum's scale: b's mantissa raised first while it fits 64 bits (the usual case: a quantity's
        // few digits), then one 64 × 64-bit multiplication; below 2^96 and not zero
        ulong quantity = y.Low64;
        if (quantity > Limits64[up]) return a + (b * c);
        ulong productHigh = Math.BigMul(quantity * Powers64[up], z.Low64, out ulong productLow);
        if ((productHigh >> 32) != 0 || (productHigh | productLow) == 0) return a + (b * c);

        // the cash at the sum's scale: its 96-bit mantissa times 10^cashUp, still below 2^96
        ulong cashLow = x.Low64, cashHigh = x.High32;
        if (cashUp != 0)
        {
            ulong power = Powers64[cashUp];
            ulong carry = Math.BigMul(cashLow, power, out cashLow);
            if (cashHigh > Limits64[cashUp]) return a + (b * c); // its high part alone would pass 64 bits
            cashHigh = (cashHigh * power) + carry;
            if (cashHigh < carry || (cashHigh >> 32) != 0) return a + (b * c);
        }

        ulong sumLow = cashLow + productLow;
        ulong sumHigh = cashHigh + productHigh + (sumLow < cashLow ? 1UL : 0UL); // both below 2^32 before the carry: no wrap
        if ((sumHigh >> 32) != 0) return a + (b * c);
        return DecimalBits.Compose(sumLow, (uint)sumHigh, sumScale); // sumScale is at most 28: both scales are
    }

    private static ulong[] Powers()
    {
        var powers = new ulong[20];
        powers[0] = 1;
        for (int i = 1; i < powers.Length; i++) powers[i] = powers[i - 1] * 10;
        return powers;
    }
}
