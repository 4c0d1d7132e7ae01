using System.Diagnostics;

namespace Orchestrator.Benchmarks;

/// <summary>Percentiles of a set of latencies, in milliseconds.</summary>
public sealed record LatencyStats(int Count, double P50, double P99, double Max)
{
    /// <summary>Nearest-rank percentiles over raw <see cref="Stopwatch"/> tick counts.</summary>
    public static LatencyStats FromTicks(List<long> ticks)
    {
        if (ticks.Count == 0)
        {
            return new LatencyStats(0, 0, 0, 0);
        }
        ticks.Sort();
        double At(double q) => ticks[Math.Clamp((int)Math.Ceiling(q * ticks.Count) - 1, 0, ticks.Count - 1)] * 1000.0 / Stopwatch.Frequency;
        return new LatencyStats(ticks.Count, At(0.50), At(0.99), At(1.0));
    }

    public override string ToString() => $"p50 {P50:F2} ms, p99 {P99:F2} ms, max {Max:F2} ms (n={Count:N0})";
}
