namespace Orchestrator.Benchmarks;

/// <summary>How binds went in one phase: pods bound, when the last one was, and the pods-bound-per-second samples.</summary>
public sealed record BindTrace(long Bound, int Expected, TimeSpan? LastBind, double[] PerSecond)
{
    /// <summary>From the scheduler's start to the last bind on the server's clock, when the server reported it.</summary>
    public TimeSpan? ServerWindow { get; init; }

    /// <summary>From the scheduler's start to its first bind: the first decisions plus one grain write.</summary>
    public TimeSpan? FirstBindAfter { get; init; }

    /// <summary>Pods bound over the server's bind window; null without one.</summary>
    public double? ServerRate => ServerWindow is { TotalSeconds: > 0 } window ? Bound / window.TotalSeconds : null;

    public bool Complete => Bound >= Expected;

    public Percentiles Throughput => Percentiles.Of(PerSecond);
}
