namespace Orchestrator.Scheduling.Plugins.NodeResources;

/// <summary>Favours nodes with the most left over: the weighted mean of (allocatable - requested)×100/allocatable.</summary>
public static class LeastAllocated
{
    public static long Score(ReadOnlySpan<long> requested, ReadOnlySpan<long> allocatable, ReadOnlySpan<long> weights) =>
        WeightedResourceScore.Mean<PerResource>(requested, allocatable, weights);

    internal static long ResourceScore(long requested, long capacity) =>
        capacity == 0 || requested > capacity ? 0 : (capacity - requested) * 100 / capacity;

    private readonly struct PerResource : IResourceScore
    {
        public static long Of(long requested, long capacity) => ResourceScore(requested, capacity);
    }
}
