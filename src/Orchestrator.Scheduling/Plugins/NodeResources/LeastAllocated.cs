namespace Orchestrator.Scheduling.Plugins.NodeResources;

/// <summary>Favours nodes with the most left over: the weighted mean of (allocatable - requested)×100/allocatable.</summary>
public static class LeastAllocated
{
    public static long Score(ReadOnlySpan<long> requested, ReadOnlySpan<long> allocatable, ReadOnlySpan<long> weights)
    {
        long score = 0;
        long weightSum = 0;
        for (var i = 0; i < requested.Length; i++)
        {
            if (allocatable[i] == 0)
            {
                continue;
            }

            score += ResourceScore(requested[i], allocatable[i]) * weights[i];
            weightSum += weights[i];
        }

        return weightSum == 0 ? 0 : score / weightSum;
    }

    internal static long ResourceScore(long requested, long capacity) =>
        capacity == 0 || requested > capacity ? 0 : (capacity - requested) * 100 / capacity;
}
