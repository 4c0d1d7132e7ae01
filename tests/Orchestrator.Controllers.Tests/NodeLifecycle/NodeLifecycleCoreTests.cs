using Orchestrator.Controllers.NodeLifecycle;
using static Orchestrator.Controllers.Tests.Testing.Objects;

namespace Orchestrator.Controllers.Tests.NodeLifecycle;

public sealed class NodeLifecycleCoreTests
{
    private static readonly NodeLifecycleOptions Options = new() { GracePeriod = TimeSpan.FromSeconds(10), EvictionRate = 0.1 };

    [Fact]
    public void A_node_that_keeps_renewing_its_lease_stays_as_it_is()
    {
        var core = new NodeLifecycleCore(Options);
        var cluster = new Cluster("zone-a", 3);

        for (var s = 0; s <= 60; s += 5)
        {
            cluster.Beat();
            Assert.Empty(core.Step(Now.AddSeconds(s), cluster.Nodes).Actions);
        }
    }

    [Fact]
    public void A_node_silent_past_the_grace_period_goes_unknown_and_is_tainted_unreachable_at_once()
    {
        var core = new NodeLifecycleCore(Options);
        var cluster = new Cluster("zone-a", 3);
        core.Step(Now, cluster.Nodes);

        // Grace is 10 s from the last heartbeat seen at 0 s: still trusted at 10 s, judged at 11 s.
        cluster.Beat(except: "zone-a-0");
        Assert.Empty(core.Step(Now.AddSeconds(10), cluster.Nodes).Actions);
        cluster.Beat(except: "zone-a-0");
        var plan = core.Step(Now.AddSeconds(11), cluster.Nodes);

        var action = Assert.Single(plan.Actions);
        Assert.Equal(("zone-a-0", true, true), (action.Name, action.SetUnknown, action.ReportNotReady));
        Assert.Equal([NodeTaints.UnreachableNoExecute, NodeTaints.UnreachableNoSchedule], action.AddTaints);
    }

    [Fact]
    public void A_node_back_before_it_was_tainted_NoExecute_loses_its_NoSchedule_taint_and_keeps_its_pods()
    {
        var core = new NodeLifecycleCore(Options with { EvictionRate = 0 });
        var cluster = new Cluster("zone-a", 3);
        core.Step(Now, cluster.Nodes);
        cluster.Apply(core.Step(Now.AddSeconds(11), cluster.Nodes));
        Assert.Equal(["node.kubernetes.io/unreachable:NoSchedule"], cluster.Taints("zone-a-0"));

        cluster.Beat();
        cluster.SetReady("zone-a-0", "True");
        var plan = core.Step(Now.AddSeconds(12), cluster.Nodes);

        Assert.Equal([NodeTaints.UnreachableNoSchedule], Assert.Single(plan.Actions).RemoveTaints);
    }

    [Fact]
    public void A_node_that_reports_itself_not_ready_is_tainted_not_ready_without_being_marked_unknown()
    {
        var core = new NodeLifecycleCore(Options);
        var cluster = new Cluster("zone-a", 3);
        cluster.SetReady("zone-a-1", "False");

        var action = Assert.Single(core.Step(Now, cluster.Nodes).Actions);

        Assert.Equal(("zone-a-1", false, false), (action.Name, action.SetUnknown, action.ReportNotReady));
        Assert.Equal([NodeTaints.NotReadyNoExecute, NodeTaints.NotReadyNoSchedule], action.AddTaints);
    }

    [Fact]
    public void An_unreachable_node_that_reports_not_ready_swaps_its_NoExecute_taint_at_once_whatever_the_rate()
    {
        var core = new NodeLifecycleCore(Options);
        var cluster = new Cluster("zone-a", 3);
        cluster.Apply(core.Step(Now, cluster.Nodes));
        cluster.Beat(except: "zone-a-0");
        cluster.Apply(core.Step(Now.AddSeconds(11), cluster.Nodes));
        Assert.Equal([NodeTaints.UnreachableNoExecute, NodeTaints.UnreachableNoSchedule], cluster.Taints("zone-a-0"));

        cluster.Beat();
        cluster.SetReady("zone-a-0", "False");
        var action = Assert.Single(core.Step(Now.AddSeconds(12), cluster.Nodes).Actions);

        Assert.Equal([NodeTaints.NotReadyNoExecute, NodeTaints.NotReadyNoSchedule], action.AddTaints);
        Assert.Equal([NodeTaints.UnreachableNoExecute, NodeTaints.UnreachableNoSchedule], action.RemoveTaints);
    }

    [Fact]
    public void A_node_that_never_reported_is_left_alone_for_the_grace_period_then_marked_unknown()
    {
        var core = new NodeLifecycleCore(Options);
        var cluster = new Cluster("zone-a", 3);
        cluster.SetReady("zone-a-2", null);

        Assert.DoesNotContain(core.Step(Now, cluster.Nodes).Actions, a => a.Name == "zone-a-2");
        cluster.Beat(except: "zone-a-2");
        var action = Assert.Single(core.Step(Now.AddSeconds(11), cluster.Nodes).Actions);

        Assert.Equal(("zone-a-2", true, false), (action.Name, action.SetUnknown, action.ReportNotReady));
    }
}
