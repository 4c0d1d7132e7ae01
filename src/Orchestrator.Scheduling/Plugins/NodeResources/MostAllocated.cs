namespace Orchestrator.Scheduling.Plugins.NodeResources;

/// <summary>Favours nodes whose requests (including this pod) are the largest share of allocatable: the weighted mean of requested×100/allocatable.</summary>
public static class MostAllocated
{
    public static long Score(ReadOnlySpan<long> requested, ReadOnlySpan<long> allocatable, ReadOnlySpan<long> weights)
    {
        long score = 0;
        long weightSum = 0;
        for (var i = 0; i < requested.Length; i++)
        {
            // A resource the node does not have (or the pod does not ask for) says nothing about fullness.
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
        capacity == 0 ? 0 : Math.Min(requested, capacity) * 100 / capacity;
}
