namespace Velocitas.Strategies;

/// <summary>MACD of the close: the line (fast EMA − slow EMA), its signal EMA and the histogram (line − signal).</summary>
/// <param name="Line">Fast EMA minus slow EMA.</param>
/// <param name="Signal">EMA of the line.</param>
/// <param name="Histogram">Line minus signal.</param>
public sealed record MacdSeries(Series Line, Series Signal, Series Histogram);

/// <summary>Bollinger Bands of the close (population standard deviation).</summary>
/// <param name="Upper">Middle + k deviations.</param>
/// <param name="Middle">SMA of the close.</param>
/// <param name="Lower">Middle − k deviations.</param>
/// <param name="PercentB">(close − lower) / (upper − lower).</param>
/// <param name="Width">(upper − lower) / middle.</param>
public sealed record BollingerSeries(Series Upper, Series Middle, Series Lower, Series PercentB, Series Width);

/// <summary>Average directional index with the directional indicators (Wilder smoothing).</summary>
/// <param name="Adx">Trend strength, 0–100.</param>
/// <param name="PlusDi">+DI.</param>
/// <param name="MinusDi">−DI.</param>
public sealed record AdxSeries(Series Adx, Series PlusDi, Series MinusDi);

/// <summary>Stochastic oscillator with SMA smoothing.</summary>
/// <param name="K">Smoothed %K.</param>
/// <param name="D">%D, the SMA of %K.</param>
public sealed record StochasticSeries(Series K, Series D);

/// <summary>Donchian channel of the candles <b>before</b> the current one (a close above Upper is a breakout).</summary>
/// <param name="Upper">Highest high of the prior candles.</param>
/// <param name="Lower">Lowest low of the prior candles.</param>
/// <param name="Middle">Mid-point of the channel.</param>
public sealed record DonchianSeries(Series Upper, Series Lower, Series Middle);
