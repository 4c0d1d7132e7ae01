namespace Orchestrator.Benchmarks;

/// <summary>One end-to-end phase: the creates, the binds that followed, and first create to last bind.</summary>
public sealed record EndToEndPhase(int PodsBefore, int Pods, LoadResult Creates, BindTrace Binds)
{
    public double AveragePerSecond => Binds.LastBind is { } last ? Binds.Bound / last.TotalSeconds : 0;
}
