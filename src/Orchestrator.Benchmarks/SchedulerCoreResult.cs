using Orchestrator.Scheduling.Model;

namespace Orchestrator.Benchmarks;

/// <summary>One pure-core stream: per-decision times (Schedule plus WithPod), how many pods found a node, and the final snapshot.</summary>
public sealed record SchedulerCoreResult(int Nodes, int Pods, int Scheduled, TimeSpan Elapsed, double[] DecisionMicroseconds, Snapshot Final)
{
    public double PerSecond => Pods / Elapsed.TotalSeconds;

    public double MicrosecondsPerDecision => Elapsed.TotalMicroseconds / Pods;

    /// <summary>Bytes this thread allocated per decision (Schedule plus WithPod), what drives gen0 collections.</summary>
    public double BytesPerDecision { get; init; }

    public int Gen0Collections { get; init; }

    /// <summary>Time the runtime paused this process for collections during the stream (all generations).</summary>
    public TimeSpan GcPause { get; init; }

    /// <summary>The figures for the first <paramref name="pods"/> decisions only.</summary>
    public (double PerSecond, Percentiles Latency) Prefix(int pods)
    {
        var slice = DecisionMicroseconds.AsSpan(0, pods).ToArray();
        return (pods / (slice.Sum() / 1e6), Percentiles.Of(slice));
    }
}
