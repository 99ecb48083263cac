using Velocitas.Engine.Market;

namespace Velocitas.Engine.Trend;

/// <summary>
/// Turns the classifier's raw evidence score (0–100) into a calibrated confidence: the share of labels with that score,
/// regime and candle scale that were still the same label <see cref="CalibrationScales.Horizon"/> candles later on the
/// real and reference files (BTC 1m, 1h and daily, EUR/USD 1h, GOOG and SPY daily, BTC monthly). The table is the fit
/// of <see cref="Fit"/> on those files, stored here so the app needs no data to calibrate; a test refits it on the files
/// and checks that the shown confidence matches how often labels still held.
/// </summary>
public static class ConfidenceCalibrator
{
    /// <summary>Raw-score bands of the table: 0–10, 10–20, …, 90–100.</summary>
    public const int Bins = 10;

    /// <summary>Pseudo-labels that pull a thin band toward its regime's overall rate before the monotone fit.</summary>
    private const double Prior = 10;

    // [scale (minutes, hours, days)][regime][raw band] = % of labels still the same at the horizon; regimes in MarketRegime order
    // (uptrend, downtrend, ranging, volatile). Regenerate with TrendCalibrationTests, which prints this table.
    private static readonly double[][][] Table =
    [
        [
            [10.8, 10.8, 13.3, 16.3, 17.5, 17.5, 17.5, 17.5, 18.1, 19.2],
            [15.1, 15.1, 15.1, 15.1, 15.1, 15.1, 15.1, 15.1, 15.1, 15.1],
            [41.5, 57.1, 59.6, 59.6, 59.6, 59.6, 59.6, 59.6, 59.6, 59.6],
            [19.1, 19.1, 19.1, 19.1, 19.1, 19.1, 19.1, 19.1, 19.1, 30.1],
        ],
        [
            [13.3, 13.3, 13.3, 13.3, 13.3, 16.3, 23.1, 30.9, 33.8, 37.1],
            [4.7, 4.7, 4.7, 9.1, 11.5, 18.8, 22.2, 23.4, 25.2, 33.0],
            [43.7, 47.2, 47.2, 52.2, 52.2, 52.2, 52.2, 52.4, 52.4, 52.4],
            [18.1, 21.6, 23.4, 23.4, 24.8, 24.8, 41.7, 46.3, 46.3, 46.3],
        ],
        [
            [34.6, 34.6, 34.6, 34.6, 34.6, 38.7, 52.7, 56.0, 61.3, 80.5],
            [32.3, 32.3, 32.3, 32.3, 32.5, 32.5, 42.3, 52.3, 68.2, 75.4],
            [41.5, 41.5, 41.5, 43.0, 51.1, 53.8, 66.1, 75.4, 75.4, 75.4],
            [55.1, 55.1, 55.1, 55.1, 55.1, 55.1, 55.1, 55.1, 55.1, 78.1],
        ],
    ];

    /// <summary>The calibrated confidence (0–100) of a <paramref name="regime"/> label with raw score <paramref name="raw"/>.</summary>
    public static double Calibrate(CalibrationScale scale, MarketRegime regime, double raw) =>
        Table[(int)scale][(int)regime][Band(raw)];

    /// <summary>The stored table of one scale and regime (one value per raw band).</summary>
    public static IReadOnlyList<double> Stored(CalibrationScale scale, MarketRegime regime) => Table[(int)scale][(int)regime];

    /// <summary>The raw band of a score.</summary>
    public static int Band(double raw) => Math.Clamp((int)(raw / (100 / Bins)), 0, Bins - 1);

    /// <summary>
    /// Fits one table row from labelled samples (raw score, still the same later): per band the share that held,
    /// pulled toward the overall share by a few pseudo-labels so thin bands do not claim 0 % or 100 %, then made
    /// non-decreasing in the score (pool-adjacent-violators, weighted by labels); empty bands take their neighbour's value.
    /// </summary>
    public static double[] Fit(IEnumerable<(double Raw, bool Held)> samples)
    {
        var n = new double[Bins];
        var held = new double[Bins];
        foreach (var (raw, ok) in samples)
        {
            int b = Band(raw);
            n[b]++;
            if (ok) held[b]++;
        }
        double total = n.Sum();
        if (total == 0) return new double[Bins];
        double overall = held.Sum() / total;

        // pool adjacent violators over the non-empty bands
        var blocks = new List<(int From, int To, double Weight, double Rate)>();
        for (int b = 0; b < Bins; b++)
        {
            if (n[b] == 0) continue;
            double rate = (held[b] + (Prior * overall)) / (n[b] + Prior);
            blocks.Add((b, b, n[b] + Prior, rate));
            while (blocks.Count > 1 && blocks[^2].Rate > blocks[^1].Rate)
            {
                var (a, z) = (blocks[^2], blocks[^1]);
                double w = a.Weight + z.Weight;
                blocks.RemoveRange(blocks.Count - 2, 2);
                blocks.Add((a.From, z.To, w, ((a.Rate * a.Weight) + (z.Rate * z.Weight)) / w));
            }
        }
        var fit = new double[Bins];
        double last = blocks[0].Rate;
        int next = 0;
        for (int b = 0; b < Bins; b++)
        {
            while (next < blocks.Count && blocks[next].To < b) next++;
            if (next < blocks.Count && blocks[next].From <= b) last = blocks[next].Rate;
            fit[b] = Math.Round(last * 100, 1);
        }
        return fit;
    }
}
