using Velocitas.Engine.Indicators;

namespace Velocitas.Engine.Tests.Trend;

public class TrendIndicatorTests
{
    private static double[] Prices(int n, int seed = 3)
    {
        var random = new Random(seed);
        var p = new double[n];
        double x = 100;
        for (int i = 0; i < n; i++) p[i] = x *= Math.Exp((random.NextDouble() - 0.48) * 0.02);
        return p;
    }

    [Fact]
    public void Log_regression_streams_the_same_slope_r2_and_t_as_a_batch_least_squares_fit()
    {
        var prices = Prices(600);
        const int n = 40;
        var regression = new LogRegression(n);
        for (int i = 0; i < prices.Length; i++)
        {
            double? slope = regression.Update(prices[i]);
            if (i < n - 1)
            {
                Assert.Null(slope);
                continue;
            }
            var y = prices[(i - n + 1)..(i + 1)].Select(p => Math.Log(p)).ToArray();
            double xm = (n - 1) / 2.0, ym = y.Average();
            double sxy = 0, sxx = 0, syy = 0;
            for (int k = 0; k < n; k++)
            {
                sxy += (k - xm) * (y[k] - ym);
                sxx += (k - xm) * (k - xm);
                syy += (y[k] - ym) * (y[k] - ym);
            }
            double b = sxy / sxx, r2 = sxy * sxy / (sxx * syy);
            double residual = y.Select((v, k) => v - (ym + (b * (k - xm)))).Sum(e => e * e) / (n - 2);
            double t = b / Math.Sqrt(residual / sxx);
            Assert.Equal(b, slope!.Value, 1e-12);
            Assert.Equal(r2, regression.RSquared, 1e-9);
            Assert.Equal(t, regression.TStatistic, 1e-6 * Math.Max(1, Math.Abs(t)));
        }
    }

    [Fact]
    public void Realized_volatility_is_the_sample_standard_deviation_of_log_returns()
    {
        var prices = Prices(300);
        const int n = 20;
        var vol = new RealizedVolatility(n);
        for (int i = 0; i < prices.Length; i++)
        {
            double? v = vol.Update(prices[i]);
            if (i < n)
            {
                Assert.Null(v);
                continue;
            }
            var r = Enumerable.Range(i - n + 1, n).Select(k => Math.Log(prices[k] / prices[k - 1])).ToArray();
            double mean = r.Average();
            double expected = Math.Sqrt(r.Sum(x => (x - mean) * (x - mean)) / (n - 1));
            Assert.Equal(expected, v!.Value, 1e-12);
        }
    }

    [Fact]
    public void Rolling_percentile_ranks_within_its_bin_width_and_forgets_old_values()
    {
        var random = new Random(5);
        var ranking = new RollingPercentile(200);
        var window = new Queue<double>();
        for (int i = 0; i < 1000; i++)
        {
            double v = Math.Exp(random.NextDouble() * 4 - 6); // 0.0025 … 0.135
            if (ranking.Count >= 10)
            {
                double exact = window.Count(x => x < v) * 100.0 / window.Count;
                double near = window.Count(x => Math.Abs(Math.Log(x / v)) < 0.006) * 100.0 / window.Count;
                Assert.InRange(ranking.PercentileOf(v), exact - near - 1e-9, exact + near + 1e-9);
                var sorted = window.Order().ToList();
                double median = sorted[(int)Math.Ceiling(0.5 * sorted.Count) - 1];
                Assert.InRange(Math.Log(ranking.Median / median), -0.006, 0.006);
            }
            ranking.Add(v);
            window.Enqueue(v);
            if (window.Count > 200) window.Dequeue();
            Assert.Equal(window.Count, ranking.Count);
        }
    }
}
