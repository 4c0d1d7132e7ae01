using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Model;

public sealed class NodeInfoTests
{
    [Fact]
    public void Pods_per_owner_are_counted_from_the_pods_and_carried_forward_by_each_assumed_pod()
    {
        NodeInfo node = NodeBuilder.Named("n1").Running(
            PodBuilder.Named("a1").OwnedBy("rs-a"), PodBuilder.Named("a2").OwnedBy("rs-a"), PodBuilder.Named("free"));

        var after = node.WithPod(PodBuilder.Named("a3").OwnedBy("rs-a")).WithPod(PodBuilder.Named("b1").OwnedBy("rs-b"));

        Assert.Equal(2, node.PodsOwnedBy("rs-a"));
        Assert.Equal(0, node.PodsOwnedBy("rs-b"));
        Assert.Equal(3, after.PodsOwnedBy("rs-a"));
        Assert.Equal(1, after.PodsOwnedBy("rs-b"));

        // A node rebuilt with other pods counts them afresh rather than keeping the old counts.
        var rebuilt = after with { Pods = [PodBuilder.Named("b2").OwnedBy("rs-b").OnNode("n1")] };
        Assert.Equal(0, rebuilt.PodsOwnedBy("rs-a"));
        Assert.Equal(1, rebuilt.PodsOwnedBy("rs-b"));
    }

    [Fact]
    public void Topology_labels_are_read_through_the_cache_and_follow_a_relabelled_node()
    {
        NodeInfo node = NodeBuilder.Named("n1").Zone("zone-a").Label("rack", "r7");

        Assert.True(node.TryGetLabel(WellKnownLabels.Zone, out var zone));
        Assert.Equal("zone-a", zone);
        Assert.True(node.TryGetLabel("rack", out var rack));
        Assert.Equal("r7", rack);

        // A key built at run time (not the interned constant) reads the same cached value.
        Assert.True(node.TryGetLabel(string.Concat("topology.kubernetes.io/", "zone"), out zone));
        Assert.Equal("zone-a", zone);

        var moved = node with { Labels = node.Labels.SetItem(WellKnownLabels.Zone, "zone-b").Remove("rack") };
        Assert.True(moved.TryGetLabel(WellKnownLabels.Zone, out zone));
        Assert.Equal("zone-b", zone);
        Assert.False(moved.TryGetLabel("rack", out _));
    }
}
