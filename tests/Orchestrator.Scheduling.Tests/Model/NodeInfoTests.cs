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
    public void Pods_per_owner_come_out_the_same_whether_the_counts_were_read_before_the_pod_was_assumed_or_not()
    {
        NodeInfo node = NodeBuilder.Named("n1").Running(PodBuilder.Named("a1").OwnedBy("rs-a"), PodBuilder.Named("free"));
        PodInfo pod = PodBuilder.Named("a2").OwnedBy("rs-a");

        // Untouched, the counts are built from the pods when first asked; once read, each assumed pod carries them forward.
        var fresh = node.WithPod(pod);
        Assert.Equal(1, node.PodsOwnedBy("rs-a"));
        var carried = node.WithPod(pod);

        Assert.Equal(2, fresh.PodsOwnedBy("rs-a"));
        Assert.Equal(2, carried.PodsOwnedBy("rs-a"));
        Assert.Equal(2, carried.WithPod(PodBuilder.Named("b1").OwnedBy("rs-b")).PodsOwnedBy("rs-a"));
    }

    // Each pod is "cpu/memory" in milli-cpu and Mi; 0 asks for none, which scoring counts as 100m / 200Mi.
    [Theory]
    [InlineData("", "500/1000", "500/1000", "500/1000")]
    [InlineData("100/200", "0/0", "100/200", "200/400")]
    [InlineData("0/0 0/0", "250/0", "250/0", "450/600")]
    [InlineData("1000/1 2000/2", "3000/3", "6000/6", "6000/6")]
    public void An_assumed_pod_moves_the_sums_exactly_as_summing_every_pod_again_does(string running, string added, string requested, string nonZero)
    {
        static PodInfo Pod(string shape, int i)
        {
            var parts = shape.Split('/');
            return PodBuilder.Named($"p{i}").Requests(long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        var pods = running.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Pod).ToArray();
        NodeInfo node = NodeBuilder.Named("n1").Capacity(64_000, 1 << 20).Running(pods);
        var pod = Pod(added, 99);

        var assumed = node.WithPod(pod);
        var rebuilt = node with { Pods = [.. node.Pods, pod with { NodeName = "n1" }] };

        Assert.Equal(requested, $"{assumed.Requested.MilliCpu}/{assumed.Requested.Memory / NodeBuilder.Mi}");
        Assert.Equal(nonZero, $"{assumed.NonZeroRequested.MilliCpu}/{assumed.NonZeroRequested.Memory / NodeBuilder.Mi}");
        Assert.Equal(rebuilt.Requested, assumed.Requested);
        Assert.Equal(rebuilt.NonZeroRequested, assumed.NonZeroRequested);
        Assert.Equal(pods.Length + 1, assumed.Pods.Length);
        Assert.Equal(pods.Length, node.Pods.Length);
    }

    [Fact]
    public void An_assumed_pod_with_required_anti_affinity_marks_the_node()
    {
        NodeInfo node = NodeBuilder.Named("n1");

        var plain = node.WithPod(PodBuilder.Named("a"));
        var marked = plain.WithPod(PodBuilder.Named("b").AntiAffinity(("app", "web"))).WithPod(PodBuilder.Named("c"));

        Assert.False(plain.HasPodsWithRequiredAntiAffinity);
        Assert.True(marked.HasPodsWithRequiredAntiAffinity);
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
