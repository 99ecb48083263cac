using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Velocitas.Engine.Market;

/// <summary>
/// A <see cref="Candle"/> seen in place, its prices as <see cref="DecimalBits"/>. Reading a price through the property
/// copies it to the stack first and reads the copy back; per candle and price that is a store and a reload on the way
/// to the division that converts it.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct CandleBits
{
    /// <summary>Open time.</summary>
    public readonly DateTimeOffset Time;

    /// <summary>The prices' parts.</summary>
    public readonly DecimalBits Open, High, Low, Close;

    /// <summary>Volume.</summary>
    public readonly double Volume;

    /// <summary>The parts of <paramref name="candle"/>, where it lies.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref readonly CandleBits Of(in Candle candle) => ref Unsafe.As<Candle, CandleBits>(ref Unsafe.AsRef(in candle));
}
