namespace Velocitas.Strategies.Hosting;

/// <summary>The account a strategy trades, as the engine shows it at a candle's close. Not for strategy code.</summary>
public interface IAccountView
{
    /// <summary>Cash now.</summary>
    double Cash { get; }

    /// <summary>Cash plus the position marked at the last close.</summary>
    double Equity { get; }

    /// <summary>The open position.</summary>
    Position Position { get; }
}

/// <summary>The account of a strategy run outside a trading session: flat, no cash.</summary>
public sealed class NoAccount : IAccountView
{
    /// <summary>The shared instance.</summary>
    public static NoAccount Instance { get; } = new();

    /// <inheritdoc />
    public double Cash => 0;

    /// <inheritdoc />
    public double Equity => 0;

    /// <inheritdoc />
    public Position Position => default;
}
