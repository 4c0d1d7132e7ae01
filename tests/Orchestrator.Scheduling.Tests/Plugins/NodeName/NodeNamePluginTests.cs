using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Plugins.NodeName;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Plugins.NodeName;

public sealed class NodeNamePluginTests
{
    [Theory]
    [InlineData("no node name fits anywhere", "", StatusCode.Success)]
    [InlineData("the named node fits", "n1", StatusCode.Success)]
    [InlineData("another node does not", "n2", StatusCode.UnschedulableAndUnresolvable)]
    public void A_pod_naming_its_node_fits_only_that_node(string name, string nodeName, StatusCode expected)
    {
        var status = new NodeNamePlugin().Filter(null!, PodBuilder.Named("p").OnNode(nodeName), NodeBuilder.Named("n1"));

        Assert.True(expected == status.Code, name);
        Assert.Equal(expected == StatusCode.Success ? [] : ["node(s) didn't match the requested node name"], status.Reasons.ToArray());
    }
}
