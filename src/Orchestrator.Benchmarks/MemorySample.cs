namespace Orchestrator.Benchmarks;

/// <summary>The server's memory at one point: working set and .NET heap (both from /metrics), and whether a GC was forced first.</summary>
public sealed record MemorySample(int Pods, double WorkingSetBytes, double HeapBytes, bool GcForced)
{
    public override string ToString() =>
        $"working set {WorkingSetBytes / 1048576:F1} MiB, .NET heap {HeapBytes / 1048576:F1} MiB{(GcForced ? " (after a forced full GC)" : " (no forced GC: settled by waiting)")}";
}
