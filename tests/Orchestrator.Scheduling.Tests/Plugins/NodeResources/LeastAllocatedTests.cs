using Orchestrator.Scheduling.Plugins.NodeResources;

namespace Orchestrator.Scheduling.Tests.Plugins.NodeResources;

public sealed class LeastAllocatedTests
{
    public static TheoryData<string, long[], long[], long[], long> Cases => new()
    {
        // cpu (4000-3000)*100/4000 = 25, memory (10000-5000)*100/10000 = 50; 75 / 2 = 37
        { "a three-quarters cpu, half memory node", [3000, 5000], [4000, 10000], [1, 1], 37 },

        // cpu over capacity scores 0, memory untouched scores 100; 100 / 2 = 50
        { "requests beyond capacity score zero", [5000, 0], [4000, 10000], [1, 1], 50 },

        // cpu (4000-1000)*100/4000 = 75, memory skipped
        { "a resource with no allocatable is skipped", [1000, 1000], [4000, 0], [1, 1], 75 },

        { "an empty node scores full marks", [0, 0], [4000, 10000], [1, 1], 100 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Emptier_nodes_score_higher(string name, long[] requested, long[] allocatable, long[] weights, long expected)
    {
        Assert.True(expected == LeastAllocated.Score(requested, allocatable, weights), name);
    }
}
