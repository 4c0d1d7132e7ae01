using Orchestrator.Scheduling.Plugins.NodeResources;

namespace Orchestrator.Scheduling.Tests.Plugins.NodeResources;

public sealed class MostAllocatedTests
{
    // requested, allocatable and weights are (cpu, memory) unless a row says otherwise.
    public static TheoryData<string, long[], long[], long[], long> Cases => new()
    {
        // cpu 3000*100/4000 = 75, memory 5000*100/10000 = 50; (75 + 50) / 2 = 62 (62.5 truncated)
        { "a three-quarters cpu, half memory node", [3000, 5000], [4000, 10000], [1, 1], 62 },

        // cpu is clamped to capacity: 100; memory 0; (100 + 0) / 2 = 50
        { "requests beyond capacity count as full", [6000, 0], [4000, 10000], [1, 1], 50 },

        // memory has no allocatable so it is left out: cpu 1000*100/4000 = 25, weight sum 1
        { "a resource with no allocatable is skipped", [1000, 2000], [4000, 0], [1, 1], 25 },

        // cpu 25 * 3 = 75, memory 80 * 1 = 80; 155 / 4 = 38 (38.75 truncated)
        { "weights tilt the mean", [1000, 8000], [4000, 10000], [3, 1], 38 },

        { "nothing allocatable scores zero", [1000, 1000], [0, 0], [1, 1], 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fuller_nodes_score_higher(string name, long[] requested, long[] allocatable, long[] weights, long expected)
    {
        Assert.True(expected == MostAllocated.Score(requested, allocatable, weights), name);
    }
}
