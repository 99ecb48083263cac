using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;

namespace Velocitas.Engine.Market.Exchanges.Binance;

/// <summary>What reading one archive file gave.</summary>
/// <param name="Candles">The candles of the file, or null when there is none (404: not published, or before the listing).</param>
/// <param name="Unreachable">Why the archive host could not be used (connection refused, DNS, firewall, timeout), or null.</param>
public sealed record BinanceArchiveResult(Candle[]? Candles, string? Unreachable);

/// <summary>
/// Reads Binance's public kline archives (data.binance.vision): one zip per symbol, interval and month or day, holding
/// one CSV without header in the klines layout (open time, open, high, low, close, volume, close time, quote volume,
/// trades, taker buy base, taker buy quote, ignore). Spot files from 2025-01-01 on stamp times in microseconds, older
/// ones in milliseconds; both are read.
/// </summary>
public sealed class BinanceArchive(HttpClient http, Uri baseUrl, ExchangePolicy policy, TimeSpan probeTimeout)
{
    private bool _probed;

    /// <summary>Downloads and reads one file; never throws for a missing file or an unreachable host (see the result).</summary>
    public async Task<BinanceArchiveResult> GetAsync(string symbol, string interval, BinanceArchivePeriod period, CancellationToken ct)
    {
        string url = $"{baseUrl.ToString().TrimEnd('/')}/{period.Path(symbol, interval)}";
        byte[] zip;
        try
        {
            if (!_probed)
            {
                // the first request goes out once, with a short timeout: a firewalled host must not cost minutes of retries
                using var probe = CancellationTokenSource.CreateLinkedTokenSource(ct);
                probe.CancelAfter(probeTimeout);
                policy.Traffic.Request();
                using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, probe.Token);
                _probed = true;
                if (response.StatusCode == HttpStatusCode.NotFound) return new BinanceArchiveResult(null, null);
                if (!response.IsSuccessStatusCode) return new BinanceArchiveResult(null, $"{baseUrl.Host} answered {(int)response.StatusCode} {response.ReasonPhrase}");
                zip = await response.Content.ReadAsByteArrayAsync(ct);
            }
            else
            {
                using var response = await policy.SendAsync(http, url, ct, allowNotFound: true);
                if (response.StatusCode == HttpStatusCode.NotFound) return new BinanceArchiveResult(null, null);
                zip = await response.Content.ReadAsByteArrayAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException or Live.RateLimitedException)
        {
            return new BinanceArchiveResult(null, ex is OperationCanceledException ? $"{baseUrl.Host} did not answer within {probeTimeout.TotalSeconds:0} s" : ex.Message);
        }
        try
        {
            return new BinanceArchiveResult(Read(zip), null);
        }
        catch (InvalidDataException ex)
        {
            return new BinanceArchiveResult(null, $"{period.FileName(symbol, interval)} is not a readable zip/CSV ({ex.Message})");
        }
    }

    /// <summary>Reads the CSV inside a kline zip.</summary>
    public static Candle[] Read(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var entry = archive.Entries.FirstOrDefault(e => e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidDataException("the zip holds no CSV file");
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        var candles = new List<Candle>(entry.Length > 0 ? (int)Math.Min(entry.Length / 100, 1_000_000) : 1024);
        string? line;
        int lineNo = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0 || !char.IsAsciiDigit(line[0])) continue; // a header line (some files have one)
            candles.Add(ParseLine(line, lineNo));
        }
        return candles.ToArray();
    }

    private static Candle ParseLine(string line, int lineNo)
    {
        Span<Range> parts = stackalloc Range[13];
        var span = line.AsSpan();
        int n = span.Split(parts, ',');
        if (n < 6) throw new InvalidDataException($"line {lineNo} has {n} fields, expected 12");
        long time = long.Parse(span[parts[0]], NumberStyles.None, CultureInfo.InvariantCulture);
        // spot archives switched to microseconds on 2025-01-01; a millisecond stamp stays below 10^14 until year 5138
        var open = time >= 100_000_000_000_000 ? DateTimeOffset.UnixEpoch.AddTicks(time * 10) : DateTimeOffset.FromUnixTimeMilliseconds(time);
        return new Candle(open, D(span[parts[1]]), D(span[parts[2]]), D(span[parts[3]]), D(span[parts[4]]), (double)D(span[parts[5]]));
    }

    private static decimal D(ReadOnlySpan<char> s) => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}
