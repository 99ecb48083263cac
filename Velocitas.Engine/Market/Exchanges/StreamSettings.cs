namespace Velocitas.Engine.Market.Exchanges;

/// <summary>Connection settings of an exchange's live stream.</summary>
public sealed record StreamSettings
{
    /// <summary>Renew the connection before this age (Binance cuts connections at 24 h).</summary>
    public TimeSpan MaxConnectionAge { get; init; } = TimeSpan.FromHours(23.5);

    /// <summary>No message for this long means the connection is dead.</summary>
    public TimeSpan ReceiveTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Application-level ping interval for exchanges that ask for one (Bybit: 20 s).</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(20);
}
