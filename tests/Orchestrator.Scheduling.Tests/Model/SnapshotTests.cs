using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Model;

public sealed class SnapshotTests
{
    [Fact]
    public void Assuming_a_pod_returns_a_new_snapshot_and_leaves_the_old_one_alone()
    {
        var before = Snapshot.Of([NodeBuilder.Named("n1"), NodeBuilder.Named("n2")]);

        var after = before.WithPod(PodBuilder.Named("p").Requests(1000, 100).AntiAffinity(("app", "web")), "n2");

        Assert.Empty(before.Get("n2")!.Pods);
        Assert.Equal(0, before.PodsWithRequiredAntiAffinity);
        Assert.Equal("n2", Assert.Single(after.Get("n2")!.Pods).NodeName);
        Assert.Equal(1000, after.Get("n2")!.Requested.MilliCpu);
        Assert.Equal(1, after.PodsWithRequiredAntiAffinity);
        Assert.Same(before.Get("n1"), after.Get("n1"));
    }

    [Fact]
    public void A_node_keeps_both_requested_and_scoring_defaults_for_best_effort_pods()
    {
        NodeInfo node = NodeBuilder.Named("n1").Running(PodBuilder.Named("guaranteed").Requests(500, 100), PodBuilder.Named("best-effort"));

        // Filter sees 500m and 100Mi; scoring adds kube-scheduler's 100m and 200Mi for the best-effort pod.
        Assert.Equal(500, node.Requested.MilliCpu);
        Assert.Equal(100 * NodeBuilder.Mi, node.Requested.Memory);
        Assert.Equal(600, node.NonZeroRequested.MilliCpu);
        Assert.Equal(300 * NodeBuilder.Mi, node.NonZeroRequested.Memory);
    }
}
