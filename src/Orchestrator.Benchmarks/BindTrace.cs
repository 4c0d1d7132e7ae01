namespace Orchestrator.Benchmarks;

/// <summary>How binds went in one phase: pods bound, when the last one was, and the pods-bound-per-second samples.</summary>
public sealed record BindTrace(long Bound, int Expected, TimeSpan? LastBind, double[] PerSecond)
{
    public bool Complete => Bound >= Expected;

    public Percentiles Throughput => Percentiles.Of(PerSecond);
}
