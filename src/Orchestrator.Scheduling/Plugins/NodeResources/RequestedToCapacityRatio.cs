namespace Orchestrator.Scheduling.Plugins.NodeResources;

/// <summary>Maps each resource's utilization through a piecewise-linear shape, then takes the rounded weighted mean.</summary>
public static class RequestedToCapacityRatio
{
    // Shape scores are written 0..10 (kube-scheduler's MaxCustomPriorityScore) and scaled onto 0..100.
    private const long ShapeScale = 10;

    public static long Score(
        ReadOnlySpan<long> requested, ReadOnlySpan<long> allocatable, ReadOnlySpan<long> weights, ReadOnlySpan<UtilizationShapePoint> shape)
    {
        long score = 0;
        long weightSum = 0;
        for (var i = 0; i < requested.Length; i++)
        {
            if (allocatable[i] == 0)
            {
                continue;
            }

            var utilization = requested[i] >= allocatable[i] ? 100 : requested[i] * 100 / allocatable[i];
            var resourceScore = Interpolate(shape, utilization);

            // A zero score is left out of the mean entirely, which is how kube-scheduler weighs it.
            if (resourceScore > 0)
            {
                score += resourceScore * weights[i];
                weightSum += weights[i];
            }
        }

        return weightSum == 0 ? 0 : (long)Math.Round((double)score / weightSum, MidpointRounding.AwayFromZero);
    }

    /// <summary>The broken-linear function through the shape points, flat before the first and after the last.</summary>
    public static long Interpolate(ReadOnlySpan<UtilizationShapePoint> shape, long utilization)
    {
        for (var i = 0; i < shape.Length; i++)
        {
            if (utilization <= shape[i].Utilization)
            {
                if (i == 0)
                {
                    return shape[0].Score * ShapeScale;
                }

                var (from, to) = (shape[i - 1], shape[i]);
                var fromScore = from.Score * ShapeScale;
                return fromScore + ((to.Score * ShapeScale) - fromScore) * (utilization - from.Utilization) / (to.Utilization - from.Utilization);
            }
        }

        return shape[^1].Score * ShapeScale;
    }
}
