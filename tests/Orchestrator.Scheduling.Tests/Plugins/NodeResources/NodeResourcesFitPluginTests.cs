using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Plugins.NodeResources;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Plugins.NodeResources;

public sealed class NodeResourcesFitPluginTests
{
    private const string Gpu = "nvidia.com/gpu";

    private static readonly NodeResourcesFitPlugin Plugin = new(NodeResourcesFitArgs.Default);

    // The node has 4 cpu and 10,000Mi; a pod already holds 3 cpu and 1,000Mi.
    private static NodeInfo HalfFullNode() => NodeBuilder.Named("n1").Running(PodBuilder.Named("existing").Requests(3000, 1000));

    public static TheoryData<string, PodInfo, StatusCode, string[]> FilterCases => new()
    {
        { "a pod that fits", PodBuilder.Named("p").Requests(500, 1000), StatusCode.Success, [] },
        { "a pod that asks for nothing always fits", PodBuilder.Named("p"), StatusCode.Success, [] },

        // 1,500m > 4,000m - 3,000m free, but a 4-cpu node could take it after preemption
        { "too much cpu for what is left", PodBuilder.Named("p").Requests(1500, 0), StatusCode.Unschedulable, ["Insufficient cpu"] },

        // 5,000m > 4,000m allocatable: evicting everything would not help
        { "more cpu than the whole node", PodBuilder.Named("p").Requests(5000, 0), StatusCode.UnschedulableAndUnresolvable, ["Insufficient cpu"] },
        { "every short resource is a reason", PodBuilder.Named("p").Requests(1500, 9500), StatusCode.Unschedulable, ["Insufficient cpu", "Insufficient memory"] },
        { "an extended resource the node lacks", PodBuilder.Named("p").Extended(Gpu, 1), StatusCode.UnschedulableAndUnresolvable, ["Insufficient nvidia.com/gpu"] },
    };

    [Theory]
    [MemberData(nameof(FilterCases))]
    public void Filter_rejects_nodes_without_room(string name, PodInfo pod, StatusCode code, string[] reasons)
    {
        var status = Plugin.Filter(null!, pod, HalfFullNode());

        Assert.True(code == status.Code, name);
        Assert.Equal(reasons, status.Reasons.ToArray());
    }

    [Fact]
    public void Filter_counts_pods_against_the_nodes_pod_limit()
    {
        NodeInfo node = NodeBuilder.Named("n1").Capacity(4000, 10_000, pods: 1).Running(PodBuilder.Named("existing"));

        var status = Plugin.Filter(null!, PodBuilder.Named("p"), node);

        Assert.Equal(StatusCode.Unschedulable, status.Code);
        Assert.Equal(["Too many pods"], status.Reasons.ToArray());
    }

    // The node: 4 cpu, 10,000Mi, 1,000 of ephemeral storage, room for 2 pods, one running with 3 cpu, 1,000Mi, 600 storage.
    // Columns: cpu, memory (Mi), ephemeral storage; then the expected code and reasons, in the order kube-scheduler lists them.
    [Theory]
    [InlineData(1, 1, 0, StatusCode.Success, "")]
    [InlineData(1500, 1, 0, StatusCode.Unschedulable, "Insufficient cpu")]
    [InlineData(1, 9500, 0, StatusCode.Unschedulable, "Insufficient memory")]
    [InlineData(1, 1, 500, StatusCode.Unschedulable, "Insufficient ephemeral-storage")]
    [InlineData(1500, 9500, 500, StatusCode.Unschedulable, "Insufficient cpu|Insufficient memory|Insufficient ephemeral-storage")]
    [InlineData(5000, 9500, 0, StatusCode.UnschedulableAndUnresolvable, "Insufficient cpu|Insufficient memory")]
    [InlineData(1, 1, 2000, StatusCode.UnschedulableAndUnresolvable, "Insufficient ephemeral-storage")]
    public void Filter_gives_the_same_verdict_whether_or_not_the_pod_lists_extended_resources(
        long milliCpu, long memoryMi, long storage, StatusCode code, string reasons)
    {
        foreach (var fullOfPods in new[] { false, true })
        {
            var node = NodeBuilder.Named("n1").Capacity(4000, 10_000, pods: fullOfPods ? 1 : 2).Build();
            node = node with { Allocatable = node.Allocatable with { EphemeralStorage = 1000 } };
            PodInfo existing = PodBuilder.Named("existing").Requests(3000, 1000);
            node = node.WithPod(existing with { Requests = existing.Requests with { EphemeralStorage = 600 } });
            PodInfo pod = PodBuilder.Named("p").Requests(milliCpu, memoryMi);
            pod = pod with { Requests = pod.Requests with { EphemeralStorage = storage } };

            // Asking for none of an extended resource adds no reason but takes the filter's general path.
            var withExtended = pod with { Requests = pod.Requests with { Extended = System.Collections.Immutable.ImmutableDictionary<string, long>.Empty.Add(Gpu, 0) } };
            var expected = (fullOfPods ? ["Too many pods"] : Array.Empty<string>()).Concat(reasons.Split('|', StringSplitOptions.RemoveEmptyEntries)).ToArray();
            var expectedCode = code == StatusCode.Success && fullOfPods ? StatusCode.Unschedulable : code;

            foreach (var status in new[] { Plugin.Filter(null!, pod, node), Plugin.Filter(null!, withExtended, node) })
            {
                Assert.Equal(expectedCode, status.Code);
                Assert.Equal(expected, status.Reasons.ToArray());
            }
        }
    }

    [Fact]
    public void Most_allocated_scores_the_fuller_node_higher()
    {
        NodeInfo full = NodeBuilder.Named("full").Running(PodBuilder.Named("existing").Requests(2000, 4000));
        NodeInfo empty = NodeBuilder.Named("empty");

        var scores = PluginHarness.Score(Plugin, PodBuilder.Named("p").Requests(1000, 1000), full, empty);

        // full: cpu (2000+1000)*100/4000 = 75, memory (4000+1000)*100/10000 = 50 -> 62
        // empty: cpu 1000*100/4000 = 25, memory 1000*100/10000 = 10 -> 17
        Assert.Equal(new Dictionary<string, long> { ["full"] = 62, ["empty"] = 17 }, scores);
    }

    [Fact]
    public void A_pod_without_requests_is_scored_as_kube_scheduler_defaults_it()
    {
        NodeInfo node = NodeBuilder.Named("n1").Capacity(1000, 1000);

        var scores = PluginHarness.Score(Plugin, PodBuilder.Named("p"), node);

        // defaults 100m and 200Mi: cpu 100*100/1000 = 10, memory 200*100/1000 = 20 -> 15
        Assert.Equal(15, scores["n1"]);
    }

    [Fact]
    public void An_extended_resource_counts_only_for_pods_that_ask_for_it()
    {
        var plugin = new NodeResourcesFitPlugin(NodeResourcesFitArgs.Default with
        {
            Resources = [new(ResourceNames.Cpu), new(ResourceNames.Memory), new(Gpu)],
        });
        NodeInfo node = NodeBuilder.Named("gpu").Extended(Gpu, 4);

        var cpuOnly = PluginHarness.Score(plugin, PodBuilder.Named("p").Requests(1000, 1000), node);
        var gpuPod = PluginHarness.Score(plugin, PodBuilder.Named("p").Requests(1000, 1000).Extended(Gpu, 2), node);

        // cpu 25, memory 10, gpu left out -> 35 / 2 = 17 (counting an idle gpu would drag it to 11)
        Assert.Equal(17, cpuOnly["gpu"]);

        // cpu 25, memory 10, gpu 2*100/4 = 50 -> 85 / 3 = 28
        Assert.Equal(28, gpuPod["gpu"]);
    }

    [Fact]
    public void Least_allocated_is_chosen_by_args()
    {
        var plugin = new NodeResourcesFitPlugin(NodeResourcesFitArgs.Default with { Strategy = ScoringStrategyType.LeastAllocated });

        var scores = PluginHarness.Score(plugin, PodBuilder.Named("p").Requests(1000, 1000), NodeBuilder.Named("n1"));

        // cpu (4000-1000)*100/4000 = 75, memory (10000-1000)*100/10000 = 90 -> 82
        Assert.Equal(82, scores["n1"]);
    }

    [Fact]
    public void A_shape_that_is_not_increasing_is_refused()
    {
        var args = NodeResourcesFitArgs.Default with
        {
            Strategy = ScoringStrategyType.RequestedToCapacityRatio,
            Shape = [new(50, 10), new(50, 0)],
        };

        Assert.Throws<ArgumentException>(() => new NodeResourcesFitPlugin(args));
    }
}
