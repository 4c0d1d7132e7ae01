using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Plugins.NodeUnschedulable;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Plugins.NodeUnschedulable;

public sealed class NodeUnschedulablePluginTests
{
    public static TheoryData<string, bool, Toleration?, StatusCode> Cases => new()
    {
        { "a schedulable node admits any pod", false, null, StatusCode.Success },
        { "a cordoned node rejects a pod without the toleration", true, null, StatusCode.UnschedulableAndUnresolvable },
        { "the unschedulable taint's toleration lets the pod in", true, new(WellKnownLabels.UnschedulableTaint, TolerationOperator.Exists, "", TaintEffect.NoSchedule), StatusCode.Success },
        { "a tolerate-everything toleration lets the pod in", true, new("", TolerationOperator.Exists), StatusCode.Success },
        { "a toleration for another effect does not", true, new(WellKnownLabels.UnschedulableTaint, TolerationOperator.Exists, "", TaintEffect.NoExecute), StatusCode.UnschedulableAndUnresolvable },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cordoned_nodes_take_only_pods_that_tolerate_it(string name, bool cordoned, Toleration? toleration, StatusCode expected)
    {
        var node = NodeBuilder.Named("n1");
        var pod = PodBuilder.Named("p");
        if (cordoned)
        {
            node.Cordoned();
        }

        if (toleration is not null)
        {
            pod.Tolerates(toleration);
        }

        var status = new NodeUnschedulablePlugin().Filter(null!, pod, node);

        Assert.True(expected == status.Code, name);
        Assert.Equal(expected == StatusCode.Success ? [] : ["node(s) were unschedulable"], status.Reasons.ToArray());
    }
}
