namespace Velocitas.Web.Services.Live;

/// <summary>Why a feed could not start.</summary>
public enum FeedStartError
{
    /// <summary>The request is wrong (unknown coin, no datasets, a bad option): change it.</summary>
    BadRequest,
    /// <summary>The market data service cannot be reached or refused us for now.</summary>
    Unavailable,
    /// <summary>A feed is already running.</summary>
    AlreadyRunning,
}

/// <summary>A feed that could not start, with what to change.</summary>
public sealed class FeedStartException(FeedStartError error, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Why.</summary>
    public FeedStartError Error { get; } = error;
}
