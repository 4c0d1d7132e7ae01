using Orchestrator.Scheduling.Framework;

namespace Orchestrator.Scheduling.Tests.Framework;

public sealed class NodeSamplingTests
{
    [Theory]
    [InlineData("small clusters check every node", 0, 99, 99)]
    [InlineData("100% checks every node", 100, 5000, 5000)]
    [InlineData("adaptive: 50 - 5000/125 = 10% of 5,000", 0, 5000, 500)]
    [InlineData("adaptive never goes below 5%: 50 - 10000/125 < 5", 0, 10000, 500)]
    [InlineData("never fewer than 100 nodes: 5% of 1,000 is 50", 5, 1000, 100)]
    [InlineData("an explicit percentage", 30, 1000, 300)]
    public void Large_clusters_stop_filtering_once_enough_nodes_fit(string name, int percentage, int nodes, int expected)
    {
        Assert.True(expected == NodeSampling.FeasibleNodesToFind(percentage, nodes), name);
    }
}
