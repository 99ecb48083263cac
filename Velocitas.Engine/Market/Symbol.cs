namespace Velocitas.Engine.Market;

/// <summary>
/// A trading pair such as BTCUSDT. A bare coin ("BTC") means the coin against USDT, the quote currency
/// Velocitas uses by default.
/// </summary>
public readonly record struct Symbol
{
    private static readonly string[] KnownQuotes = ["USDT", "USDC", "BUSD", "FDUSD", "USD", "EUR", "BTC", "ETH"];

    /// <summary>Default quote currency for bare coin names.</summary>
    public const string DefaultQuote = "USDT";

    /// <summary>Base asset, e.g. BTC.</summary>
    public string Base { get; }

    /// <summary>Quote asset, e.g. USDT.</summary>
    public string Quote { get; }

    /// <summary>Creates a symbol from its base and quote assets.</summary>
    public Symbol(string @base, string quote)
    {
        Base = @base.ToUpperInvariant();
        Quote = quote.ToUpperInvariant();
    }

    /// <summary>Exchange-style code, e.g. BTCUSDT.</summary>
    public string Code => Base + Quote;

    /// <inheritdoc />
    public override string ToString() => Code;

    /// <summary>
    /// Parses "BTCUSDT", "BTC/USDT", "btc-usdt" or a bare coin "BTC" (meaning BTCUSDT).
    /// </summary>
    public static bool TryParse(string? text, out Symbol symbol)
    {
        symbol = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        string t = text.Trim().ToUpperInvariant();
        int sep = t.IndexOfAny(['/', '-', '_', ':']);
        if (sep > 0)
        {
            string b = t[..sep], q = t[(sep + 1)..];
            if (!IsAssetCode(b) || !IsAssetCode(q)) return false;
            symbol = new Symbol(b, q);
            return true;
        }
        if (!IsAssetCode(t)) return false;
        foreach (string quote in KnownQuotes)
        {
            if (t.Length > quote.Length + 1 && t.EndsWith(quote, StringComparison.Ordinal))
            {
                symbol = new Symbol(t[..^quote.Length], quote);
                return true;
            }
        }
        symbol = new Symbol(t, DefaultQuote);
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/> and throws a clear error otherwise.</summary>
    public static Symbol Parse(string? text) => TryParse(text, out var s)
        ? s
        : throw new FormatException($"'{text}' is not a symbol: expected a coin such as BTC or a pair such as BTCUSDT or BTC/USDT.");

    private static bool IsAssetCode(string s) =>
        s.Length is >= 2 and <= 12 && s.All(char.IsAsciiLetterOrDigit);
}
