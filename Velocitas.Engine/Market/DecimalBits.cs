using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Velocitas.Engine.Market;

/// <summary>
/// The runtime's layout of a <see cref="decimal"/> — flags (sign and scale), the high 32 and the low 64 bits of the
/// mantissa — read in place, for the exact conversions that must not go through the general routines on hot paths.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct DecimalBits
{
    /// <summary>Sign (bit 31) and scale (bits 16–23).</summary>
    public readonly int Flags;

    /// <summary>High 32 bits of the 96-bit mantissa.</summary>
    public readonly uint High32;

    /// <summary>Low 64 bits of the mantissa.</summary>
    public readonly ulong Low64;

    /// <summary>The value's bits, read in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref readonly DecimalBits Of(in decimal value) => ref Unsafe.As<decimal, DecimalBits>(ref Unsafe.AsRef(in value));

    /// <summary>
    /// <c>to = from</c>, field by field. A decimal just computed sits in memory as the 32- and 64-bit stores that wrote
    /// it; a plain assignment reads it back in one 128-bit load, which the processor cannot serve from those stores, so
    /// it waits for them to reach the cache (tens of cycles). Reads at the fields' own widths are served at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy(in decimal from, ref decimal to)
    {
        ref readonly var source = ref Of(from);
        ref var target = ref Unsafe.As<decimal, Parts>(ref to);
        target.Flags = source.Flags;
        target.High32 = source.High32;
        target.Low64 = source.Low64;
    }

    /// <summary>
    /// The non-negative decimal <paramref name="high32"/> × 2^64 + <paramref name="low64"/> divided by 10^<paramref name="scale"/>
    /// (0–28, not checked): the bits <c>new decimal(lo, mid, hi, false, scale)</c> gives, written as two 64-bit halves.
    /// The constructor writes the flags and the high part as two 32-bit stores that a 64-bit register then reads back
    /// at once, and such a read waits for both stores to reach the cache.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal Compose(ulong low64, uint high32, int scale)
    {
        var halves = new Halves { Head = ((ulong)high32 << 32) | (uint)(scale << 16), Low64 = low64 };
        return Unsafe.As<Halves, decimal>(ref halves);
    }

    /// <summary>
    /// True when <paramref name="a"/> and <paramref name="b"/> have the same bits (value and scale). Compared field by
    /// field, at the widths the fields are written: one 128-bit read of a value just stored as 32- and 64-bit parts
    /// cannot be served from those stores and waits for them to reach the cache.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool SameBits(in decimal a, in decimal b)
    {
        ref readonly var x = ref Of(a);
        ref readonly var y = ref Of(b);
        return x.Low64 == y.Low64 && x.Flags == y.Flags && x.High32 == y.High32;
    }

    /// <summary>Power of ten the mantissa is divided by (0–28).</summary>
    public int Scale => (Flags >> 16) & 0xFF;

    /// <summary>True for a negative value.</summary>
    public bool IsNegative => Flags < 0;

    [StructLayout(LayoutKind.Sequential)]
    private struct Halves
    {
        public ulong Head; // flags, then the high 32 bits
        public ulong Low64;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Parts
    {
        public int Flags;
        public uint High32;
        public ulong Low64;
    }
}
