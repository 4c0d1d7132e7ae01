namespace Orchestrator.Benchmarks;

/// <summary>What one closed-loop load phase achieved; keeps the raw latencies so phases can be merged.</summary>
public sealed record LoadResult(int Operations, int Failures, TimeSpan Elapsed, List<long> Ticks)
{
    public LatencyStats Latency { get; } = LatencyStats.FromTicks(Ticks);

    public double PerSecond => Operations / Math.Max(Elapsed.TotalSeconds, 1e-9);

    /// <summary>Several phases as one: operations and time add up, percentiles over every call.</summary>
    public static LoadResult Merge(params LoadResult[] phases) => new(
        phases.Sum(p => p.Operations), phases.Sum(p => p.Failures),
        TimeSpan.FromTicks(phases.Sum(p => p.Elapsed.Ticks)), [.. phases.SelectMany(p => p.Ticks)]);
}
