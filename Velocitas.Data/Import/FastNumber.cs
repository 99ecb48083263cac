using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Velocitas.Data.Import;

/// <summary>
/// Parses the plain decimal numbers that fill candle files ("57697.25000000", "-3", "1502942400") without the
/// general-purpose parser; anything else (exponents, thousands separators, more than 18 digits) falls back to
/// <see cref="decimal.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider, out decimal)"/>.
/// </summary>
internal static class FastNumber
{
    /// <summary>
    /// Parses UTF-8 <paramref name="s"/> as a decimal (exactly, with its scale); <paramref name="plain"/> holds its digits and
    /// scale when it was a plain non-negative number (prices of one scale compare as their digits), else a scale of -1.
    /// </summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> s, IFormatProvider provider, NumberStyles fallbackStyles, out decimal value, out (ulong Digits, int Scale) plain)
    {
        if (TryPlain(s, out ulong mantissa, out int scale, out bool negative))
        {
            value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, negative, (byte)scale);
            plain = negative ? (0, -1) : (mantissa, scale);
            return true;
        }
        plain = (0, -1);
        return decimal.TryParse(s, fallbackStyles, provider, out value);
    }

    /// <summary>Parses UTF-8 <paramref name="s"/> as a decimal (exactly, with its scale).</summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> s, IFormatProvider provider, NumberStyles fallbackStyles, out decimal value) =>
        TryParseDecimal(s, provider, fallbackStyles, out value, out _);

    /// <summary>
    /// Parses UTF-8 <paramref name="s"/> as a double, giving exactly what <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider, out double)"/>
    /// gives: a plain number whose digits fit in 53 bits, with at most 22 decimals, is its mantissa divided by a power of ten
    /// (both exact doubles, so the one rounding of the division is the correctly rounded value the parser returns).
    /// </summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> s, IFormatProvider provider, NumberStyles fallbackStyles, out double value)
    {
        if (TryPlain(s, out ulong mantissa, out int scale, out bool negative) && mantissa <= (1UL << 53) && scale < PowersOfTen.Length)
        {
            double magnitude = (double)mantissa / PowersOfTen[scale];
            value = negative ? -magnitude : magnitude;
            return true;
        }
        return double.TryParse(s, fallbackStyles, provider, out value);
    }

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Parses UTF-8 <paramref name="s"/> as a whole number when it is one.</summary>
    public static bool TryParseInteger(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        if (!TryPlain(s, out ulong mantissa, out int scale, out bool negative) || scale != 0) return false;
        value = negative ? -(long)mantissa : (long)mantissa;
        return true;
    }

    /// <summary>
    /// Reads [sign] digits [. digits] with 1 to 18 digits in all: the digits as one whole number and how many follow the
    /// point. Runs of digits are read eight bytes at a time where eight bytes remain.
    /// </summary>
    private static bool TryPlain(ReadOnlySpan<byte> s, out ulong mantissa, out int scale, out bool negative)
    {
        mantissa = 0;
        scale = 0;
        negative = false;
        int i = 0;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            i = 1;
        }
        int digits = 0;
        if (!TryDigits(s, ref i, ref mantissa, ref digits)) return false;
        if (i < s.Length)
        {
            if (s[i] != '.') return false;
            i++;
            int before = digits;
            if (!TryDigits(s, ref i, ref mantissa, ref digits)) return false;
            scale = digits - before;
            if (i < s.Length) return false;
        }
        return digits > 0;
    }

    /// <summary>Appends the run of digits at <paramref name="i"/> to <paramref name="mantissa"/>; false past 18 digits in all.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryDigits(ReadOnlySpan<byte> s, ref int i, ref ulong mantissa, ref int digits)
    {
        if (BitConverter.IsLittleEndian)
        {
            while (s.Length - i >= 8)
            {
                ulong chars = BinaryPrimitives.ReadUInt64LittleEndian(s[i..]);
                int run = LeadingDigits(chars);
                if (run == 0) return true;
                digits += run;
                if (digits > 18) return false;
                mantissa = (mantissa * PowersOfTenWhole[run]) + EightDigits(chars, run);
                i += run;
                if (run < 8) return true;
            }
        }
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) return true;
            if (++digits > 18) return false;
            mantissa = (mantissa * 10) + d;
        }
        return true;
    }

    /// <summary>How many of the eight characters (first in the lowest byte) are digits before the first one that is not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LeadingDigits(ulong chars)
    {
        // a digit is 0x30..0x39: its high nibble is 3, and adding 6 leaves it 3; a carry out of a non-digit byte can only
        // spoil the bytes after it, never the first non-digit
        ulong notDigit = ((chars & 0xF0F0F0F0F0F0F0F0UL) ^ 0x3030303030303030UL) | (((chars + 0x0606060606060606UL) & 0xF0F0F0F0F0F0F0F0UL) ^ 0x3030303030303030UL);
        return BitOperations.TrailingZeroCount(notDigit) >> 3;
    }

    /// <summary>The number the first <paramref name="run"/> (1..8) characters of <paramref name="chars"/> spell (all digits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong EightDigits(ulong chars, int run)
    {
        // the run's digit values moved to the high bytes, zeros (leading zero digits) below them, then combined in pairs,
        // fours and eights
        ulong value = (chars - 0x3030303030303030UL) << (8 * (8 - run));
        value = ((value & 0x0F0F0F0F0F0F0F0FUL) * 2561) >> 8;
        value = ((value & 0x00FF00FF00FF00FFUL) * 6553601) >> 16;
        return ((value & 0x0000FFFF0000FFFFUL) * 42949672960001UL) >> 32;
    }

    private static readonly ulong[] PowersOfTenWhole = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];
}
