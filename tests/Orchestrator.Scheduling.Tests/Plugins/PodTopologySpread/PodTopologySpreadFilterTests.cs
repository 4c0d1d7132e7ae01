using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Plugins.PodTopologySpread;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Plugins.PodTopologySpread;

public sealed class PodTopologySpreadFilterTests
{
    private static readonly PodTopologySpreadPlugin Plugin = new(PodTopologySpreadArgs.Default);

    private static PodBuilder Web(string name) => PodBuilder.Named(name).Label("app", "web");

    // Zone a holds 2 web pods, zone b 1, zone c none; "bare" has no zone label.
    private static NodeInfo[] Cluster() =>
    [
        NodeBuilder.Named("a1").Zone("a").Running(Web("w1"), Web("w2")),
        NodeBuilder.Named("b1").Zone("b").Running(Web("w3")),
        NodeBuilder.Named("c1").Zone("c").Running(PodBuilder.Named("db").Label("app", "db")),
        NodeBuilder.Named("bare"),
    ];

    [Fact]
    public void A_node_whose_zone_would_exceed_max_skew_is_rejected()
    {
        var pod = Web("new").Spread(1, WellKnownLabels.Zone, UnsatisfiableConstraintAction.DoNotSchedule, ("app", "web"));

        var statuses = PluginHarness.Filter(Plugin, pod, Cluster());

        // counts a=2, b=1, c=0, so min 0; skew = count + 1 (the pod matches itself) - 0:
        // a1: 3 > 1, b1: 2 > 1, c1: 1 fits; bare lacks the key altogether
        Assert.Equal(StatusCode.Unschedulable, statuses["a1"].Code);
        Assert.Equal(["node(s) didn't match pod topology spread constraints"], statuses["a1"].Reasons.ToArray());
        Assert.Equal(StatusCode.Unschedulable, statuses["b1"].Code);
        Assert.True(statuses["c1"].IsSuccess);
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, statuses["bare"].Code);
        Assert.Equal(["node(s) didn't match pod topology spread constraints (missing required label)"], statuses["bare"].Reasons.ToArray());
    }

    [Fact]
    public void A_larger_max_skew_admits_more_zones()
    {
        var pod = Web("new").Spread(2, WellKnownLabels.Zone, UnsatisfiableConstraintAction.DoNotSchedule, ("app", "web"));

        var statuses = PluginHarness.Filter(Plugin, pod, Cluster());

        // a1: 2 + 1 - 0 = 3 > 2; b1: 1 + 1 - 0 = 2 fits; c1: 1 fits
        Assert.False(statuses["a1"].IsSuccess);
        Assert.True(statuses["b1"].IsSuccess);
        Assert.True(statuses["c1"].IsSuccess);
    }

    [Fact]
    public void Zones_the_pod_cannot_reach_do_not_set_the_minimum()
    {
        var pod = Web("new")
            .Spread(1, WellKnownLabels.Zone, UnsatisfiableConstraintAction.DoNotSchedule, ("app", "web"))
            .Requires(new NodeSelectorTerm(new NodeSelectorRequirement(WellKnownLabels.Zone, NodeSelectorOperator.In, "a", "b")));

        var statuses = PluginHarness.Filter(Plugin, pod, Cluster());

        // zone c is excluded by node affinity, so min is b's 1: a1: 2 + 1 - 1 = 2 > 1; b1: 1 + 1 - 1 = 1 fits
        Assert.False(statuses["a1"].IsSuccess);
        Assert.True(statuses["b1"].IsSuccess);
    }

    [Fact]
    public void A_pod_spread_by_hostname_avoids_the_crowded_node()
    {
        var pod = Web("new").Spread(1, WellKnownLabels.Hostname, UnsatisfiableConstraintAction.DoNotSchedule, ("app", "web"));

        var statuses = PluginHarness.Filter(Plugin, pod, Cluster());

        // per node a1=2, b1=1, c1=0, bare=0 (a node is its own hostname domain); min 0
        Assert.False(statuses["a1"].IsSuccess);
        Assert.False(statuses["b1"].IsSuccess);
        Assert.True(statuses["c1"].IsSuccess);
        Assert.True(statuses["bare"].IsSuccess);
    }

    [Fact]
    public void ScheduleAnyway_and_owner_defaults_never_filter()
    {
        var soft = Web("new").Spread(1, WellKnownLabels.Zone, UnsatisfiableConstraintAction.ScheduleAnyway, ("app", "web"));
        var owned = Web("new").OwnedBy("rs-1");

        Assert.All(PluginHarness.Filter(Plugin, soft, Cluster()).Values, s => Assert.True(s.IsSuccess));
        Assert.All(PluginHarness.Filter(Plugin, owned, Cluster()).Values, s => Assert.True(s.IsSuccess));
    }
}
