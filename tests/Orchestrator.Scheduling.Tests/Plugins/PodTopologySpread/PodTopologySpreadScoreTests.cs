using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Plugins.PodTopologySpread;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Plugins.PodTopologySpread;

public sealed class PodTopologySpreadScoreTests
{
    private static readonly PodTopologySpreadPlugin Plugin = new(PodTopologySpreadArgs.Default);

    private static PodBuilder Web(string name) => PodBuilder.Named(name).Label("app", "web");

    [Fact]
    public void Fewer_matching_pods_on_a_node_score_higher()
    {
        var pod = Web("new").Spread(1, WellKnownLabels.Hostname, UnsatisfiableConstraintAction.ScheduleAnyway, ("app", "web"));
        NodeInfo[] nodes =
        [
            NodeBuilder.Named("n1").Running(Web("w1"), Web("w2")),
            NodeBuilder.Named("n2").Running(Web("w3")),
            NodeBuilder.Named("n3"),
        ];

        var scores = PluginHarness.Score(Plugin, pod, nodes);

        // 3 hostname domains: weight ln(3 + 2) = 1.609; raw = count * 1.609 + (maxSkew 1 - 1), rounded:
        // n1 3.22 -> 3, n2 1.61 -> 2, n3 0. Normalized 100 * (max 3 + min 0 - s) / 3: 0, 33, 100
        Assert.Equal(new Dictionary<string, long> { ["n1"] = 0, ["n2"] = 33, ["n3"] = 100 }, scores);
    }

    [Fact]
    public void Zones_are_counted_across_all_their_nodes_and_unlabelled_nodes_score_zero()
    {
        var pod = Web("new").Spread(1, WellKnownLabels.Zone, UnsatisfiableConstraintAction.ScheduleAnyway, ("app", "web"));
        NodeInfo[] nodes =
        [
            NodeBuilder.Named("a1").Zone("a").Running(Web("w1")),
            NodeBuilder.Named("a2").Zone("a").Running(Web("w2")),
            NodeBuilder.Named("b1").Zone("b").Running(Web("w3")),
            NodeBuilder.Named("bare").Running(Web("w4")),
        ];

        var scores = PluginHarness.Score(Plugin, pod, nodes);

        // zones a=2, b=1 (bare is ignored: an explicit constraint needs the key); weight ln(2 + 2) = 1.386
        // raw a1 = a2 = 2.77 -> 3, b1 = 1.39 -> 1; 100 * (3 + 1 - s) / 3: a 33, b 100; bare 0
        Assert.Equal(new Dictionary<string, long> { ["a1"] = 33, ["a2"] = 33, ["b1"] = 100, ["bare"] = 0 }, scores);
    }

    [Fact]
    public void Replicas_of_one_owner_are_spread_across_hostnames_by_default()
    {
        var pod = PodBuilder.Named("new").OwnedBy("rs-1");
        NodeInfo[] nodes =
        [
            NodeBuilder.Named("n1").Running(PodBuilder.Named("r1").OwnedBy("rs-1")),
            NodeBuilder.Named("n2"),
            NodeBuilder.Named("n3").Running(PodBuilder.Named("other").OwnedBy("rs-2")),
        ];

        var scores = PluginHarness.Score(Plugin, pod, nodes);

        // default hostname constraint, maxSkew 1, selecting owner rs-1: weight ln(5) = 1.609
        // raw n1 1.61 -> 2, n2 0, n3 0 (rs-2 is another workload); the zone default adds nothing without zone labels
        // normalized 100 * (2 + 0 - s) / 2: 0, 100, 100
        Assert.Equal(new Dictionary<string, long> { ["n1"] = 0, ["n2"] = 100, ["n3"] = 100 }, scores);
    }

    [Fact]
    public void A_pod_without_owner_or_constraints_is_not_scored()
    {
        var scores = PluginHarness.Score(Plugin, PodBuilder.Named("new"), NodeBuilder.Named("n1").Running(PodBuilder.Named("x")));

        Assert.Equal(0, scores["n1"]);
    }

    [Fact]
    public void When_every_domain_is_equally_full_all_nodes_score_the_same()
    {
        var pod = Web("new").Spread(1, WellKnownLabels.Hostname, UnsatisfiableConstraintAction.ScheduleAnyway, ("app", "web"));

        var scores = PluginHarness.Score(Plugin, pod, NodeBuilder.Named("n1"), NodeBuilder.Named("n2"));

        // raw 0 and 0: max is 0, so every node gets 100
        Assert.Equal(new Dictionary<string, long> { ["n1"] = 100, ["n2"] = 100 }, scores);
    }
    // The zone counts of an owner come from the snapshot's per-owner tally unless the pod restricts its nodes, when the
    // pods are walked instead; a selector every node matches must give the same scores as none.
    [Fact]
    public void Owner_zone_counts_kept_by_the_snapshot_score_as_walking_the_owners_pods_does()
    {
        var nodes = new NodeInfo[]
        {
            NodeBuilder.Named("a1").Zone("a").Label("pool", "x").Running(PodBuilder.Named("r1").OwnedBy("rs-1"), PodBuilder.Named("r2").OwnedBy("rs-1")),
            NodeBuilder.Named("a2").Zone("a").Label("pool", "x").Running(PodBuilder.Named("r3").OwnedBy("rs-2")),
            NodeBuilder.Named("b1").Zone("b").Label("pool", "x").Running(PodBuilder.Named("r4").OwnedBy("rs-1")),
            NodeBuilder.Named("c1").Zone("c").Label("pool", "x"),
            NodeBuilder.Named("c2").Zone("c").Label("pool", "x").Running(PodBuilder.Named("r5").OwnedBy("rs-1")),
        };

        var tallied = PluginHarness.Score(Plugin, PodBuilder.Named("new").OwnedBy("rs-1"), nodes);
        var walked = PluginHarness.Score(Plugin, PodBuilder.Named("new").OwnedBy("rs-1").NodeSelector("pool", "x"), nodes);

        Assert.Equal(walked, tallied);
        // zones a=2, b=1, c=1: c1 has no replica on the node or beyond the one in its zone, so it scores highest.
        Assert.Equal(100, tallied["c1"]);
    }
}
