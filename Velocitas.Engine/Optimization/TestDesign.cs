namespace Velocitas.Engine.Optimization;

/// <summary>
/// How each coin's candles are split: all in-sample; in-sample then a held-out last part; or walk-forward, where
/// the data is cut into windows + 1 equal segments and window k trains on segment k−1 and tests on segment k.
/// Test segments never overlap and always come after the data they were chosen on.
/// </summary>
internal sealed class TestDesign
{
    private TestDesign(double outOfSample, int windows)
    {
        OutOfSampleFraction = outOfSample;
        Windows = windows;
    }

    public double OutOfSampleFraction { get; }

    public int Windows { get; }

    public static TestDesign For(OptimizationRequest request) => Of(request.OutOfSampleFraction, request.WalkForwardWindows);

    public static TestDesign Of(double outOfSampleFraction, int walkForwardWindows) =>
        walkForwardWindows > 0 ? new TestDesign(0, walkForwardWindows) : new TestDesign(outOfSampleFraction, 0);

    public (Segment InSample, Segment? OutOfSample, IReadOnlyList<(Segment Train, Segment Test)> Windows) Segments(OptimizationData data)
    {
        int n = data.Candles.Length;
        Segment Make(int start, int end) => new(start, end, data.Candles[start].Time, data.Candles[end - 1].Time);
        if (Windows > 0)
        {
            int chunk = n / (Windows + 1);
            var bounds = Enumerable.Range(0, Windows + 2).Select(k => k == Windows + 1 ? n : k * chunk).ToArray();
            var windows = Enumerable.Range(1, Windows).Select(k => (Make(bounds[k - 1], bounds[k]), Make(bounds[k], bounds[k + 1]))).ToList();
            return (Make(0, n), null, windows);
        }
        if (OutOfSampleFraction > 0)
        {
            int split = n - (int)Math.Round(n * OutOfSampleFraction);
            return (Make(0, split), Make(split, n), []);
        }
        return (Make(0, n), null, []);
    }
}
