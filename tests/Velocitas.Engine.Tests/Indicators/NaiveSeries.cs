using Velocitas.Engine.Market;

namespace Velocitas.Engine.Tests.Indicators;

/// <summary>
/// Whole-series indicator definitions written the slow, obvious way (re-computing each window), to check
/// that the O(1) streaming indicators produce exactly the batch series.
/// </summary>
internal static class NaiveSeries
{
    public static double?[] Sma(double[] x, int n) =>
        x.Select((_, i) => i + 1 < n ? (double?)null : x.Skip(i + 1 - n).Take(n).Average()).ToArray();

    public static double?[] Ema(double[] x, int n)
    {
        var r = new double?[x.Length];
        double k = 2.0 / (n + 1);
        for (int i = n - 1; i < x.Length; i++)
            r[i] = i == n - 1 ? x.Take(n).Average() : r[i - 1]!.Value + (k * (x[i] - r[i - 1]!.Value));
        return r;
    }

    public static double?[] Rsi(double[] x, int n)
    {
        var r = new double?[x.Length];
        double ag = 0, al = 0;
        for (int i = n; i < x.Length; i++)
        {
            if (i == n)
            {
                for (int j = 1; j <= n; j++)
                {
                    ag += Math.Max(x[j] - x[j - 1], 0);
                    al += Math.Max(x[j - 1] - x[j], 0);
                }
                ag /= n;
                al /= n;
            }
            else
            {
                ag = ((ag * (n - 1)) + Math.Max(x[i] - x[i - 1], 0)) / n;
                al = ((al * (n - 1)) + Math.Max(x[i - 1] - x[i], 0)) / n;
            }
            r[i] = al == 0 ? 100 : 100 - (100 / (1 + (ag / al)));
        }
        return r;
    }

    public static double?[] Roc(double[] x, int n) =>
        x.Select((v, i) => i < n ? (double?)null : 100 * (v - x[i - n]) / x[i - n]).ToArray();

    public static (double?[] Line, double?[] Signal) Macd(double[] x, int fast, int slow, int signal)
    {
        var f = Ema(x, fast);
        var s = Ema(x, slow);
        var line = x.Select((_, i) => s[i] is null ? null : f[i] - s[i]).ToArray();
        var defined = line.Skip(slow - 1).Select(v => v!.Value).ToArray();
        var sig = Ema(defined, signal);
        return (line, Enumerable.Repeat<double?>(null, slow - 1).Concat(sig).ToArray());
    }

    public static (double?[] Mid, double?[] Upper, double?[] Lower) Bollinger(double[] x, int n, double k)
    {
        var mid = new double?[x.Length];
        var up = new double?[x.Length];
        var lo = new double?[x.Length];
        for (int i = n - 1; i < x.Length; i++)
        {
            var w = x.Skip(i + 1 - n).Take(n).ToArray();
            double m = w.Average();
            double sd = Math.Sqrt(w.Sum(v => (v - m) * (v - m)) / n);
            (mid[i], up[i], lo[i]) = (m, m + (k * sd), m - (k * sd));
        }
        return (mid, up, lo);
    }

    public static double?[] Atr(Candle[] c, int n)
    {
        var r = new double?[c.Length];
        var tr = TrueRanges(c);
        for (int i = n; i < c.Length; i++)
            r[i] = i == n ? tr.Skip(1).Take(n).Average() : ((r[i - 1]!.Value * (n - 1)) + tr[i]) / n;
        return r;
    }

    public static (double?[] Upper, double?[] Lower) Donchian(Candle[] c, int n)
    {
        var up = new double?[c.Length];
        var lo = new double?[c.Length];
        for (int i = n; i < c.Length; i++)
        {
            up[i] = c.Skip(i - n).Take(n).Max(x => (double)x.High);
            lo[i] = c.Skip(i - n).Take(n).Min(x => (double)x.Low);
        }
        return (up, lo);
    }

    public static (double?[] K, double?[] D) Stochastic(Candle[] c, int n, int smooth, int signal)
    {
        var raw = new double?[c.Length];
        for (int i = n - 1; i < c.Length; i++)
        {
            var w = c.Skip(i + 1 - n).Take(n).ToArray();
            double hh = w.Max(x => (double)x.High), ll = w.Min(x => (double)x.Low), close = (double)c[i].Close;
            raw[i] = hh == ll ? 0 : close >= hh ? 100 : close <= ll ? 0 : 100 * (close - ll) / (hh - ll);
        }
        var k = SmaOfDefined(raw, smooth);
        return (k, SmaOfDefined(k, signal));
    }

    public static (double?[] PlusDi, double?[] MinusDi, double?[] Adx) Adx(Candle[] c, int n)
    {
        var pdi = new double?[c.Length];
        var mdi = new double?[c.Length];
        var adx = new double?[c.Length];
        var tr = TrueRanges(c);
        double trs = 0, pdm = 0, mdm = 0;
        var dx = new List<double>();
        for (int i = 1; i < c.Length; i++)
        {
            double up = (double)c[i].High - (double)c[i - 1].High, down = (double)c[i - 1].Low - (double)c[i].Low;
            double p = up > down && up > 0 ? up : 0, m = down > up && down > 0 ? down : 0;
            if (i <= n) { trs += tr[i]; pdm += p; mdm += m; }
            else { trs = trs - (trs / n) + tr[i]; pdm = pdm - (pdm / n) + p; mdm = mdm - (mdm / n) + m; }
            if (i < n) continue;
            pdi[i] = 100 * pdm / trs;
            mdi[i] = 100 * mdm / trs;
            dx.Add(pdi[i] == mdi[i] ? 0 : 100 * Math.Abs(pdi[i]!.Value - mdi[i]!.Value) / (pdi[i]!.Value + mdi[i]!.Value));
            if (dx.Count == n) adx[i] = dx.Average();
            else if (dx.Count > n) adx[i] = ((adx[i - 1]!.Value * (n - 1)) + dx[^1]) / n;
        }
        return (pdi, mdi, adx);
    }

    private static double[] TrueRanges(Candle[] c)
    {
        var tr = new double[c.Length];
        for (int i = 1; i < c.Length; i++)
        {
            double h = (double)c[i].High, l = (double)c[i].Low, pc = (double)c[i - 1].Close;
            tr[i] = Math.Max(h - l, Math.Max(Math.Abs(h - pc), Math.Abs(l - pc)));
        }
        return tr;
    }

    private static double?[] SmaOfDefined(double?[] x, int n)
    {
        var r = new double?[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            if (i + 1 < n) continue;
            var w = x.Skip(i + 1 - n).Take(n).ToArray();
            if (w.All(v => v is not null)) r[i] = w.Average(v => v!.Value);
        }
        return r;
    }
}
