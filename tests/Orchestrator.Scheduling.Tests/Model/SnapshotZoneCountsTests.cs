using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Model;

public sealed class SnapshotZoneCountsTests
{
    [Fact]
    public void A_new_snapshot_counts_each_owners_pods_per_zone_and_leaves_out_nodes_without_a_zone()
    {
        var snapshot = Snapshot.Of(
        [
            NodeBuilder.Named("a1").Zone("a").Running(PodBuilder.Named("p1").OwnedBy("rs-1"), PodBuilder.Named("p2").OwnedBy("rs-1")),
            NodeBuilder.Named("b1").Zone("b").Running(PodBuilder.Named("p3").OwnedBy("rs-1"), PodBuilder.Named("p4").OwnedBy("rs-2")),
            NodeBuilder.Named("none").Running(PodBuilder.Named("p5").OwnedBy("rs-1"), PodBuilder.Named("p6")),
        ]);

        Assert.Equal("a=2 b=1", Describe(snapshot.ZonePodsOf("rs-1")));
        Assert.Equal("b=1", Describe(snapshot.ZonePodsOf("rs-2")));
        Assert.Equal("", Describe(snapshot.ZonePodsOf("rs-3")));
    }

    [Fact]
    public void Assuming_an_owned_pod_counts_it_in_its_nodes_zone_and_leaves_the_old_snapshot_alone()
    {
        var before = Snapshot.Of([NodeBuilder.Named("a1").Zone("a"), NodeBuilder.Named("b1").Zone("b")]);

        var after = before.WithPod(PodBuilder.Named("p1").OwnedBy("rs-1"), "b1").WithPod(PodBuilder.Named("p2").OwnedBy("rs-1"), "b1");

        Assert.Equal("", Describe(before.ZonePodsOf("rs-1")));
        Assert.Equal("b=2", Describe(after.ZonePodsOf("rs-1")));
    }

    // A node update can move pods (and owners) on and off a node and move the node itself to another zone.
    [Theory]
    [InlineData("a", "rs-1 rs-1", "a", "rs-1", "a=1 b=1")]
    [InlineData("a", "rs-1", "b", "rs-1", "b=2")]
    [InlineData("a", "rs-1", "", "rs-1", "b=1")]
    [InlineData("a", "rs-1", "a", "", "b=1")]
    [InlineData("a", "", "c", "rs-1 rs-1", "b=1 c=2")]
    public void Replacing_a_node_moves_its_pods_counts_to_the_zone_it_now_has(
        string oldZone, string oldOwners, string newZone, string newOwners, string expected)
    {
        var snapshot = Snapshot.Of([Node("n1", oldZone, oldOwners, "old"), Node("n2", "b", "rs-1", "other")]);

        var after = snapshot.WithNode(Node("n1", newZone, newOwners, "new"));

        Assert.Equal(expected, Describe(after.ZonePodsOf("rs-1")));
    }

    private static NodeInfo Node(string name, string zone, string owners, string podPrefix)
    {
        var node = NodeBuilder.Named(name);
        node = zone.Length > 0 ? node.Zone(zone) : node;
        var pods = owners.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select((owner, i) => (PodInfo)PodBuilder.Named($"{podPrefix}-{name}-{i}").OwnedBy(owner));
        return node.Running([.. pods]);
    }

    private static string Describe(DomainCounts counts) =>
        string.Join(' ', Enumerable.Range(0, counts.Count).Select(i => (counts.DomainAt(i), counts.CountAt(i))).Order().Select(p => $"{p.Item1}={p.Item2}"));
}
