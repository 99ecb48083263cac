using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Velocitas.Engine.Execution;

/// <summary>Equity marked at a candle's close.</summary>
/// <param name="Time">Open time of the candle whose close marked it.</param>
/// <param name="Value">Cash plus position at the close.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct Equity(DateTimeOffset Time, decimal Value)
{
    /// <summary>
    /// Writes a point into <paramref name="slot"/> field by field. <c>slot = new Equity(time, value)</c> builds the point
    /// in a temporary first and copies it out 32 bytes at a time, a read of smaller stores still on their way to the
    /// cache, which stalls; so does reading a returned decimal back 16 bytes at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Write(ref Equity slot, DateTimeOffset time, in decimal value)
    {
        ref var parts = ref Unsafe.As<Equity, Parts>(ref slot);
        parts.Time = time;
        Market.DecimalBits.Copy(value, ref parts.Value);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Parts
    {
        public DateTimeOffset Time;
        public decimal Value;
    }
}
