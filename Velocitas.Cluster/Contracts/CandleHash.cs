using System.Buffers.Binary;
using System.Security.Cryptography;
using Velocitas.Engine.Market;

namespace Velocitas.Cluster.Contracts;

/// <summary>The SHA-256 of a candle series' content (times, exact prices, volumes): the name silos cache it by.</summary>
public static class CandleHash
{
    /// <summary>Hex digest of <paramref name="candles"/>.</summary>
    public static string Of(ReadOnlySpan<Candle> candles)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> buffer = stackalloc byte[8 + (4 * 16) + 8];
        Span<int> bits = stackalloc int[4];
        foreach (var c in candles)
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer, c.Time.UtcTicks);
            int at = 8;
            foreach (decimal d in (ReadOnlySpan<decimal>)[c.Open, c.High, c.Low, c.Close])
            {
                decimal.GetBits(d, bits);
                for (int i = 0; i < 4; i++, at += 4) BinaryPrimitives.WriteInt32LittleEndian(buffer[at..], bits[i]);
            }
            BinaryPrimitives.WriteDoubleLittleEndian(buffer[at..], c.Volume);
            hash.AppendData(buffer);
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
