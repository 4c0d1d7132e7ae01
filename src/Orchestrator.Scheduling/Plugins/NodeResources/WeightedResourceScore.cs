namespace Orchestrator.Scheduling.Plugins.NodeResources;

/// <summary>The weighted mean over resources that MostAllocated and LeastAllocated share; they differ only per resource.</summary>
internal static class WeightedResourceScore
{
    public static long Mean<TScore>(ReadOnlySpan<long> requested, ReadOnlySpan<long> allocatable, ReadOnlySpan<long> weights)
        where TScore : IResourceScore
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

            score += TScore.Of(requested[i], allocatable[i]) * weights[i];
            weightSum += weights[i];
        }

        return weightSum == 0 ? 0 : score / weightSum;
    }
}
