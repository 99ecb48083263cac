using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Velocitas.Engine.Market;

/// <summary>
/// <c>(double)decimal</c> in a form the JIT inlines into hot loops: the runtime's own steps (low 64 bits plus the high
/// 32 bits times 2^64, divided by 10^scale, then the sign), so the result is the same double, bit for bit (tests compare
/// it with the cast over a million values), without a call per price.
/// </summary>
public static class ExactDouble
{
    private const double TwoTo64 = 1.8446744073709552e+019;

    private static readonly double[] PowersOf10 =
    [
        1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
        1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28,
    ];

    /// <summary>The double nearest the way the runtime converts <paramref name="value"/>: identical to <c>(double)value</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double From(in decimal value) // in: read where it lies (a copy of a value just computed would stall)
    {
        ref readonly var bits = ref DecimalBits.Of(value);
        double magnitude = ((double)bits.Low64 + ((double)bits.High32 * TwoTo64)) / PowersOf10[bits.Scale];
        return bits.IsNegative ? -magnitude : magnitude;
    }

    /// <summary>
    /// The candle's open, high, low and close as <see cref="From"/> converts each (the same doubles), four at once where
    /// the processor has 512-bit vectors: one load of the four decimals, one division of four lanes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> FromPrices(in Candle candle)
    {
        if (!FourAtOnce) return Vector256.Create(From(candle.Open), From(candle.High), From(candle.Low), From(candle.Close));
        // the four decimals lie one after another from the candle's 16th byte (checked by FourAtOnce): flags | high << 32, then low, each
        var raw = Vector512.LoadUnsafe(ref Unsafe.As<Candle, ulong>(ref Unsafe.AsRef(in candle)), PricesOffset);
        var parts = Vector512.Shuffle(raw, Vector512.Create(1ul, 3, 5, 7, 0, 2, 4, 6));
        var low = parts.GetLower();
        var head = parts.GetUpper();
        var scale = Vector256.ShiftRightLogical(head, 16) & Vector256.Create(0xFFul);
        ref double powers = ref MemoryMarshal.GetArrayDataReference(PowersOf10); // a decimal's scale is 0-28
        var divisor = Vector256.Create(
            Unsafe.Add(ref powers, (nint)scale.GetElement(0)), Unsafe.Add(ref powers, (nint)scale.GetElement(1)),
            Unsafe.Add(ref powers, (nint)scale.GetElement(2)), Unsafe.Add(ref powers, (nint)scale.GetElement(3)));
        var magnitude = (Vector256.ConvertToDouble(low) + (Vector256.ConvertToDouble(Vector256.ShiftRightLogical(head, 32)) * Vector256.Create(TwoTo64))) / divisor;
        var sign = Vector256.ShiftLeft(head, 32) & Vector256.Create(0x8000_0000_0000_0000ul);
        return (magnitude.AsUInt64() ^ sign).AsDouble();
    }

    private const int PricesOffset = 2; // in ulongs: after the 16-byte time

    /// <summary>
    /// True when the vector path may run: 512-bit vectors with AVX-512DQ's exact ulong-to-double conversion (the scalar
    /// conversion's rounding), and the candle's prices where the load expects them (tried on a known candle).
    /// </summary>
    private static readonly bool FourAtOnce = Vector512.IsHardwareAccelerated && Avx512DQ.VL.IsSupported && LaidOutAsExpected();

    private static bool LaidOutAsExpected()
    {
        var probe = new Candle(DateTimeOffset.UnixEpoch, 1.5m, -2.25m, 3.125m, 4e-20m, 5);
        var raw = Vector512.LoadUnsafe(ref Unsafe.As<Candle, ulong>(ref probe), PricesOffset);
        return BitsEqual(raw, 0, probe.Open) && BitsEqual(raw, 2, probe.High) && BitsEqual(raw, 4, probe.Low) && BitsEqual(raw, 6, probe.Close);
    }

    private static bool BitsEqual(Vector512<ulong> raw, int at, decimal value)
    {
        ref readonly var bits = ref DecimalBits.Of(value);
        return raw.GetElement(at) == ((ulong)bits.High32 << 32 | (uint)bits.Flags) && raw.GetElement(at + 1) == bits.Low64;
    }
}
