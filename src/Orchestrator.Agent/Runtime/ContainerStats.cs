namespace Orchestrator.Agent.Runtime;

/// <summary>Counters from a container's cgroup: CFS periods and throttling, memory limit hits and OOM kills.</summary>
public sealed record ContainerStats(
    long CpuPeriods,
    long CpuThrottledPeriods,
    TimeSpan CpuThrottledTime,
    long MemoryFailCount,
    long OomKills)
{
    /// <summary>For runtimes without a cgroup, such as plain processes.</summary>
    public static readonly ContainerStats None = new(0, 0, TimeSpan.Zero, 0, 0);
}
