namespace Velocitas.Engine.Market;

/// <summary>
/// Exact decimal arithmetic the ledger does once a candle, without the runtime's general routines where the answer
/// needs no rounding: the same bits (value and scale) as the <see cref="decimal"/> operators, tested against them.
/// </summary>
public static class DecimalMath
{
    private static readonly UInt128[] PowersOf10 = Powers();
    private static readonly UInt128[] Limits = [.. PowersOf10.Select(p => (UInt128.One << 96) / p)]; // the largest value that 10^k keeps below 2^96, about
    private static readonly ulong[] Powers64 = [.. PowersOf10.Take(20).Select(p => (ulong)p)]; // 10^0 .. 10^19
    private static readonly ulong[] Limits64 = [.. Powers64.Select(p => ulong.MaxValue / p)]; // the largest value that 10^k keeps within 64 bits

    /// <summary>
    /// <c>a + (b × c)</c> — cash plus a position marked at a price — exactly as the decimal operators compute it. When
    /// all three are non-negative with 64-bit mantissas and the product and sum fit 96 bits at their scales (every
    /// account of real prices), it is done in 128-bit integers: the product at scale b + c, the sum at the larger scale,
    /// as the operators do when they need not round. Anything else goes through the operators, a zero product too (the
    /// runtime gives it scale 0 on some paths).
    /// </summary>
    public static decimal AddProduct(decimal a, decimal b, decimal c)
    {
        ref readonly var x = ref DecimalBits.Of(a);
        ref readonly var y = ref DecimalBits.Of(b);
        ref readonly var z = ref DecimalBits.Of(c);
        if ((x.Flags | y.Flags | z.Flags) < 0 || (y.High32 | z.High32) != 0) return a + (b * c); // a sign, or a mantissa over 64 bits
        int productScale = y.Scale + z.Scale;
        int sumScale = Math.Max(x.Scale, productScale);
        if (productScale > 28) return a + (b * c);
        int up = sumScale - productScale;
        UInt128 product;
        if (up < Powers64.Length && y.Low64 <= Limits64[up])
        {
            // b's mantissa scaled first while it fits 64 bits (the usual case: a quantity's few digits), then one
            // 64 × 64-bit multiplication: the same integer as the product scaled afterwards
            ulong high = Math.BigMul(y.Low64 * Powers64[up], z.Low64, out ulong low);
            product = new UInt128(high, low);
            if (product == 0 || product >> 96 != 0) return a + (b * c);
        }
        else
        {
            product = new UInt128(Math.BigMul(y.Low64, z.Low64, out ulong low), low);
            if (product == 0 || product >> 96 != 0 || !TryScaleUp(ref product, up)) return a + (b * c);
        }
        UInt128 cash = ((UInt128)x.High32 << 64) | x.Low64;
        if (!TryScaleUp(ref cash, sumScale - x.Scale)) return a + (b * c);
        UInt128 sum = cash + product; // both below 2^96 here, so no carry out
        if (sum >> 96 != 0) return a + (b * c);
        return new decimal((int)(uint)sum, (int)(uint)(sum >> 32), (int)(uint)(sum >> 64), isNegative: false, (byte)sumScale);
    }

    // value × 10^digits while it stays below 2^96 (a decimal's mantissa)
    private static bool TryScaleUp(ref UInt128 value, int digits)
    {
        if (digits == 0) return true;
        if (value > Limits[digits]) return false;
        value *= PowersOf10[digits];
        return value >> 96 == 0;
    }

    private static UInt128[] Powers()
    {
        var powers = new UInt128[29];
        powers[0] = 1;
        for (int i = 1; i < powers.Length; i++) powers[i] = powers[i - 1] * 10;
        return powers;
    }
}
