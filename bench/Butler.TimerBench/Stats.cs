using System.Globalization;

namespace Butler.TimerBench;

/// <summary>Nearest-rank percentiles of a sample.</summary>
internal sealed class Stats
{
    private readonly double[] _sorted;

    public Stats(IEnumerable<double> values)
    {
        _sorted = [.. values];
        Array.Sort(_sorted);
    }

    public int Count => _sorted.Length;

    public double Min => _sorted.Length == 0 ? double.NaN : _sorted[0];

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    public double Mean => _sorted.Length == 0 ? double.NaN : _sorted.Average();

    public double P(double percent)
    {
        if (_sorted.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(percent / 100.0 * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }

    public static string Ms(double value) =>
        double.IsNaN(value) ? "–" : value.ToString(Math.Abs(value) >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture);

    /// <summary>"p50 / p90 / p99 / max" in milliseconds.</summary>
    public string Summary() => $"{Ms(P(50))} / {Ms(P(90))} / {Ms(P(99))} / {Ms(Max)}";
}
