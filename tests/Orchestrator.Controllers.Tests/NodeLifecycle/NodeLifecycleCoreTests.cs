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

    [Fact]
    public void A_cordoned_node_is_tainted_unschedulable_and_loses_the_taint_when_uncordoned()
    {
        var core = new NodeLifecycleCore(Options);
        var cluster = new Cluster("zone-a", 3);
        cluster.Apply(core.Step(Now, cluster.Nodes));

        cluster.Cordon("zone-a-1", true);
        cluster.Beat();
        var cordoned = Assert.Single(core.Step(Now.AddSeconds(1), cluster.Nodes).Actions);
        cluster.Apply(new NodeLifecyclePlan([cordoned], new Dictionary<string, ZoneState>()));
        cluster.Beat();
        var steady = core.Step(Now.AddSeconds(2), cluster.Nodes).Actions;
        cluster.Cordon("zone-a-1", false);
        cluster.Beat();
        var uncordoned = Assert.Single(core.Step(Now.AddSeconds(3), cluster.Nodes).Actions);

        Assert.Equal(("zone-a-1", NodeTaints.UnschedulableNoSchedule, false), (cordoned.Name, Assert.Single(cordoned.AddTaints), cordoned.SetUnknown));
        Assert.Empty(steady);
        Assert.Equal([NodeTaints.UnschedulableNoSchedule], uncordoned.RemoveTaints);
    }

    [Fact]
    public void A_cordoned_node_that_never_reported_is_tainted_unschedulable_before_its_grace_runs_out()
    {
        var core = new NodeLifecycleCore(Options);
        var cluster = new Cluster("zone-a", 3);
        cluster.SetReady("zone-a-2", null);
        cluster.Cordon("zone-a-2", true);

        var action = Assert.Single(core.Step(Now, cluster.Nodes).Actions);

        Assert.Equal(("zone-a-2", NodeTaints.UnschedulableNoSchedule), (action.Name, Assert.Single(action.AddTaints)));
    }

    [Fact]
    public void Between_passes_queued_nodes_are_tainted_as_fast_as_the_zone_rate_allows_not_one_per_pass()
    {
        // 2 nodes/s with a burst of one: three silent nodes are tainted at 0, 0.5 and 1 s, as kube's 100 ms eviction pass does.
        var core = new NodeLifecycleCore(Options with { EvictionRate = 2 });
        var cluster = new Cluster("zone-a", 10);
        core.Step(Now, cluster.Nodes);
        cluster.Beat(except: ["zone-a-0", "zone-a-1", "zone-a-2"]);
        var at = Now.AddSeconds(11);
        cluster.Apply(core.Step(at, cluster.Nodes));
        Assert.Equal(1, cluster.Tainted("NoExecute"));

        var tainted = new List<(double At, string Node)>();
        for (var ms = 100; ms <= 1000 && core.HasQueued; ms += 100)
        {
            var actions = core.TaintQueued(at.AddMilliseconds(ms), cluster.Node);
            cluster.Apply(new NodeLifecyclePlan(actions, new Dictionary<string, ZoneState>()));
            tainted.AddRange(actions.Where(a => a.AddTaints.Contains(NodeTaints.UnreachableNoExecute)).Select(a => (ms / 1000.0, a.Name)));
        }

        Assert.Equal([(0.5, "zone-a-1"), (1.0, "zone-a-2")], tainted);
        Assert.False(core.HasQueued);
    }

    [Fact]
    public void Between_passes_nothing_is_tainted_when_every_zone_is_down()
    {
        var core = new NodeLifecycleCore(Options with { EvictionRate = 2 });
        var cluster = new Cluster("zone-a", 3);
        core.Step(Now, cluster.Nodes);
        cluster.Apply(core.Step(Now.AddSeconds(11), cluster.Nodes));

        Assert.Empty(core.TaintQueued(Now.AddSeconds(12), cluster.Node));
        Assert.Equal(0, cluster.Tainted("NoExecute"));
    }

    [Fact]
    public void A_heartbeat_is_timed_by_the_kubelets_renewTime_within_the_passes_that_bracket_it_not_by_the_pass_that_saw_it()
    {
        var core = new NodeLifecycleCore(Options);
        var cluster = new Cluster("zone-a", 3);
        core.Step(Now, cluster.Nodes);

        // zone-a-0 renewed at 0.2 s and then died; the 1 s pass saw the renewal. Judged strictly after 0.2 + 10 s.
        cluster.Beat();
        cluster.Renewed("zone-a-0", Now.AddSeconds(0.2));
        core.Step(Now.AddSeconds(1), cluster.Nodes);
        cluster.Beat(except: "zone-a-0");
        Assert.Empty(core.Step(Now.AddSeconds(10.2), cluster.Nodes).Actions);
        cluster.Beat(except: "zone-a-0");
        var action = Assert.Single(core.Step(Now.AddSeconds(10.3), cluster.Nodes).Actions);

        Assert.Equal(("zone-a-0", true), (action.Name, action.SetUnknown));
    }

    [Theory]
    [InlineData(-30, 1)]
    [InlineData(60, 2)]
    public void A_renewTime_from_a_skewed_clock_counts_no_earlier_than_the_previous_pass_and_no_later_than_this_one(int skewSeconds, double probeSeconds)
    {
        var core = new NodeLifecycleCore(Options);
        var cluster = new Cluster("zone-a", 3);
        core.Step(Now, cluster.Nodes);
        cluster.Beat();
        core.Step(Now.AddSeconds(1), cluster.Nodes);

        cluster.Beat();
        cluster.Renewed("zone-a-0", Now.AddSeconds(1.5 + skewSeconds));
        core.Step(Now.AddSeconds(2), cluster.Nodes);
        cluster.Beat(except: "zone-a-0");

        Assert.Empty(core.Step(Now.AddSeconds(probeSeconds + 10), cluster.Nodes).Actions);
        Assert.Contains(core.Step(Now.AddSeconds(probeSeconds + 10.1), cluster.Nodes).Actions, a => a.Name == "zone-a-0" && a.SetUnknown);
    }

    [Fact]
    public void The_next_expiry_is_when_the_first_node_not_yet_judged_runs_out_of_grace()
    {
        var core = new NodeLifecycleCore(Options);
        var cluster = new Cluster("zone-a", 3);
        core.Step(Now, cluster.Nodes);
        Assert.Equal(Now.AddSeconds(10), core.NextExpiry);

        cluster.Beat(except: "zone-a-0");
        core.Step(Now.AddSeconds(4), cluster.Nodes);
        Assert.Equal(Now.AddSeconds(10), core.NextExpiry);

        cluster.Apply(core.Step(Now.AddSeconds(10.01), cluster.Nodes));
        // zone-a-0 is judged; the others last beat at the 4 s pass.
        Assert.Equal(Now.AddSeconds(14), core.NextExpiry);
    }

    [Fact]
    public void After_a_held_up_pass_an_old_renewTime_counts_no_earlier_than_a_monitor_period_ago()
    {
        var core = new NodeLifecycleCore(Options with { MonitorPeriod = TimeSpan.FromSeconds(1) });
        var cluster = new Cluster("zone-a", 3);
        core.Step(Now, cluster.Nodes);

        // The next pass comes 5 s late; zone-a-0's lease, stamped at 0.5 s, landed just before it.
        cluster.Beat();
        cluster.Renewed("zone-a-0", Now.AddSeconds(0.5));
        core.Step(Now.AddSeconds(5), cluster.Nodes);
        cluster.Beat(except: "zone-a-0");

        Assert.Empty(core.Step(Now.AddSeconds(14), cluster.Nodes).Actions);
        Assert.Contains(core.Step(Now.AddSeconds(14.1), cluster.Nodes).Actions, a => a.Name == "zone-a-0" && a.SetUnknown);
    }
}
