using Orchestrator.Scheduling.Plugins.NodeResources;

namespace Orchestrator.Scheduling.Tests.Plugins.NodeResources;

public sealed class RequestedToCapacityRatioTests
{
    private static readonly UtilizationShapePoint[] BinPacking = [new(0, 0), new(100, 10)];
    private static readonly UtilizationShapePoint[] Peak = [new(0, 0), new(50, 10), new(100, 5)];

    public static TheoryData<string, long, long> PeakShape => new()
    {
        { "before the first point is flat", 0, 0 },

        // between (0, 0) and (50, 100): 0 + (100 - 0) * 25 / 50 = 50
        { "a quarter full climbs halfway", 25, 50 },
        { "half full is the peak", 50, 100 },

        // between (50, 100) and (100, 50): 100 + (50 - 100) * 25 / 50 = 75
        { "three-quarters full falls back", 75, 75 },
        { "full is the last point", 100, 50 },
    };

    [Theory]
    [MemberData(nameof(PeakShape))]
    public void The_shape_is_a_broken_line_scaled_to_a_hundred(string name, long utilization, long expected)
    {
        Assert.True(expected == RequestedToCapacityRatio.Interpolate(Peak, utilization), name);
    }

    public static TheoryData<string, long[], long[], long[], long> BinPackingCases => new()
    {
        // cpu 50% -> 50, memory 10% -> 10; (50 + 10) / 2 = 30
        { "the mean of each resource's shape score", [2000, 1000], [4000, 10000], [1, 1], 30 },

        // cpu 25% -> 25, memory 20% -> 20; 45 / 2 = 22.5 rounds half away from zero to 23
        { "the mean is rounded, not truncated", [1000, 2000], [4000, 10000], [1, 1], 23 },

        // cpu 0% scores 0 and is left out of the mean; memory 50% -> 50; 50 / 1 = 50
        { "a zero score drops out of the mean", [0, 5000], [4000, 10000], [1, 1], 50 },

        // cpu 25 * 2 + memory 20 * 1 = 70; 70 / 3 = 23.3 rounds to 23
        { "weights tilt the mean", [1000, 2000], [4000, 10000], [2, 1], 23 },

        // over capacity is 100% utilization
        { "over capacity is full", [8000, 10000], [4000, 10000], [1, 1], 100 },
    };

    [Theory]
    [MemberData(nameof(BinPackingCases))]
    public void A_rising_shape_packs(string name, long[] requested, long[] allocatable, long[] weights, long expected)
    {
        Assert.True(expected == RequestedToCapacityRatio.Score(requested, allocatable, weights, BinPacking), name);
    }
}
