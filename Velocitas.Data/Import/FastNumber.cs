using System.Globalization;

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
        bool dot = false;
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d <= 9)
            {
                if (++digits > 18) return false;
                mantissa = (mantissa * 10) + d;
                if (dot) scale++;
            }
            else if (s[i] == '.' && !dot)
            {
                dot = true;
            }
            else
            {
                return false;
            }
        }
        return digits > 0;
    }
}
