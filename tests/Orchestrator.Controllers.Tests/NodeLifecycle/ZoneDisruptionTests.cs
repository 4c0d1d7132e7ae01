using Orchestrator.Controllers.NodeLifecycle;
using static Orchestrator.Controllers.Tests.Testing.Objects;

namespace Orchestrator.Controllers.Tests.NodeLifecycle;

public sealed class ZoneDisruptionTests
{
    private static readonly NodeLifecycleOptions Options = new()
    {
        GracePeriod = TimeSpan.FromSeconds(10),
        EvictionRate = 0.1,
        SecondaryEvictionRate = 0.05,
        UnhealthyZoneThreshold = 0.55,
        LargeClusterThreshold = 50,
    };

    [Theory]
    [InlineData(3, 0, ZoneState.Normal)]
    [InlineData(0, 1, ZoneState.FullDisruption)] // no Ready node at all
    [InlineData(1, 2, ZoneState.Normal)] // 2/3 not ready, but a partial disruption needs more than 2
    [InlineData(2, 3, ZoneState.PartialDisruption)] // 3/5 = 0.6 >= 0.55
    [InlineData(3, 3, ZoneState.Normal)] // 3/6 = 0.5 < 0.55
    [InlineData(45, 55, ZoneState.PartialDisruption)] // 0.55 exactly
    public void A_zone_is_judged_by_its_share_of_nodes_not_ready(int ready, int notReady, ZoneState expected)
    {
        var statuses = Enumerable.Repeat("True", ready).Concat(Enumerable.Repeat("Unknown", notReady)).ToList();

        Assert.Equal(expected, NodeLifecycleCore.ComputeZoneState(statuses, 0.55));
    }

    // Each row: nodes in zone-a, how many go silent at 0 s, options, and the NoExecute-tainted count at 11, 20, 21, 31, 60 s.
    // Silent nodes are judged at 11 s (grace 10 s); each zone's bucket holds one token and refills at its rate.
    [Theory]
    // Healthy zone (2/10 down): one node at once, the next 1/0.1 = 10 s later.
    [InlineData(10, 2, 50, new[] { 1, 1, 2, 2, 2 })]
    // 4/6 down is a partial disruption; a zone of 6 <= 50 nodes is small, so evictions stop.
    [InlineData(6, 4, 50, new[] { 0, 0, 0, 0, 0 })]
    // Same, but zones over 5 nodes count as large: the secondary rate, one node per 1/0.05 = 20 s (11 s, 31 s, 51 s).
    [InlineData(6, 4, 5, new[] { 1, 1, 1, 2, 3 })]
    public void Evictions_are_rate_limited_per_zone_and_slowed_or_stopped_when_the_zone_is_disrupted(int size, int silent, int largeCluster, int[] tainted)
    {
        var core = new NodeLifecycleCore(Options with { LargeClusterThreshold = largeCluster });
        var cluster = new Cluster("zone-a", size);
        var down = Enumerable.Range(0, silent).Select(i => $"zone-a-{i}").ToArray();
        cluster.Apply(core.Step(Now, cluster.Nodes));

        var seen = new List<int>();
        for (var s = 1; s <= 60; s++)
        {
            cluster.Beat(except: down);
            cluster.Apply(core.Step(Now.AddSeconds(s), cluster.Nodes));
            if (s is 11 or 20 or 21 or 31 or 60)
            {
                seen.Add(cluster.Tainted("NoExecute"));
            }
        }

        Assert.Equal(tainted, seen);
    }

    [Fact]
    public void A_zone_entirely_down_keeps_evicting_at_the_normal_rate_while_another_zone_is_healthy()
    {
        var core = new NodeLifecycleCore(Options);
        var cluster = new Cluster("zone-a", 3);
        cluster.Add("zone-b", 3);
        string[] down = ["zone-a-0", "zone-a-1", "zone-a-2"];

        var tainted = new List<int>();
        for (var s = 0; s <= 31; s++)
        {
            cluster.Beat(except: down);
            var plan = core.Step(Now.AddSeconds(s), cluster.Nodes);
            cluster.Apply(plan);
            if (s is 11 or 21 or 31)
            {
                Assert.Equal(ZoneState.FullDisruption, plan.Zones["zone-a"]);
                tainted.Add(cluster.Tainted("NoExecute"));
            }
        }

        // kube's HealthyQPSFunc for a fully disrupted zone: one node every 10 s, from 11 s.
        Assert.Equal([1, 2, 3], tainted);
    }

    [Fact]
    public void When_every_zone_is_down_the_controller_doubts_itself_removes_NoExecute_taints_and_stops()
    {
        var core = new NodeLifecycleCore(Options);
        var cluster = new Cluster("zone-a", 3);
        cluster.Add("zone-b", 3);
        cluster.Apply(core.Step(Now, cluster.Nodes));
        // zone-a-0 dies first and is tainted at 11 s; everything else goes silent from 11 s, so is judged at 22 s.
        for (var s = 1; s <= 11; s++)
        {
            cluster.Beat(except: "zone-a-0");
            cluster.Apply(core.Step(Now.AddSeconds(s), cluster.Nodes));
        }
        Assert.Equal(1, cluster.Tainted("NoExecute"));

        NodeLifecyclePlan plan = null!;
        for (var s = 12; s <= 60; s++)
        {
            plan = core.Step(Now.AddSeconds(s), cluster.Nodes);
            cluster.Apply(plan);
            if (s >= 22)
            {
                Assert.Equal(0, cluster.Tainted("NoExecute"));
            }
        }

        Assert.All(plan.Zones.Values, z => Assert.Equal(ZoneState.FullDisruption, z));
        Assert.Equal(6, cluster.Tainted("NoSchedule"));
    }

    [Fact]
    public void Back_from_a_total_outage_evictions_resume_at_the_normal_rate_after_a_full_refill()
    {
        var core = new NodeLifecycleCore(Options);
        var cluster = new Cluster("zone-a", 3);
        cluster.Add("zone-b", 3);
        for (var s = 0; s <= 20; s++)
        {
            cluster.Apply(core.Step(Now.AddSeconds(s), cluster.Nodes));
        }
        Assert.Equal(0, cluster.Tainted("NoExecute"));

        // zone-b's kubelets come back at 30 s and post Ready; zone-a stays down.
        var tainted = new List<int>();
        for (var s = 30; s <= 50; s++)
        {
            cluster.Beat(except: ["zone-a-0", "zone-a-1", "zone-a-2"]);
            foreach (var b in new[] { "zone-b-0", "zone-b-1", "zone-b-2" })
            {
                cluster.SetReady(b, "True");
            }
            cluster.Apply(core.Step(Now.AddSeconds(s), cluster.Nodes));
            tainted.Add(cluster.Tainted("NoExecute"));
        }

        // The stopped bucket had no token, so the new one starts drained (kube's SwapLimiter): first taint 10 s later.
        Assert.Equal((0, 0, 1, 2), (tainted[0], tainted[9], tainted[10], tainted[20]));
    }

    // Six of ten nodes fall silent together, but their last renewals are spread over 2.5 s (a renewal interval), so
    // their grace runs out one by one between 10 s and 12.5 s. Eviction rate 2 nodes/s, the benchmark's.
    [Theory]
    // Silence counts (half the grace period by default): the zone is disrupted at 7.5 s, before any node expires, and
    // a small disrupted zone evicts nothing.
    [InlineData(null, 0)]
    // Only expired nodes count, as on Kubernetes: the zone looks healthy until the sixth expiry (13 s: 6/10 >= 0.55),
    // and the five nodes expiring before it (10.5 s .. 12.5 s) are tainted at the healthy rate, one per 0.5 s.
    [InlineData(10.0, 5)]
    public void Nodes_that_fall_silent_together_disrupt_their_zone_before_their_grace_runs_out(double? silenceSeconds, int tainted)
    {
        var options = Options with { EvictionRate = 2, SilencePeriod = silenceSeconds is { } s ? TimeSpan.FromSeconds(s) : null };
        var core = new NodeLifecycleCore(options);
        var cluster = new Cluster("zone-a", 10);
        var states = new List<ZoneState>();
        for (var step = 0; step <= 60; step++)
        {
            var t = step * 0.5;
            // Node i last renews at i * 0.5 s.
            cluster.Beat(except: [.. Enumerable.Range(0, 6).Where(i => t > i * 0.5).Select(i => $"zone-a-{i}")]);
            var plan = core.Step(Now.AddSeconds(t), cluster.Nodes);
            cluster.Apply(plan);
            states.Add(plan.Zones["zone-a"]);
        }

        Assert.Equal(tainted, cluster.Tainted("NoExecute"));
        Assert.Equal(6, cluster.Tainted("NoSchedule"));
        Assert.Equal(ZoneState.PartialDisruption, states[^1]);
    }

    [Fact]
    public void A_few_silent_nodes_do_not_disrupt_a_zone()
    {
        var core = new NodeLifecycleCore(Options with { EvictionRate = 2 });
        var cluster = new Cluster("zone-a", 10);
        var states = new List<ZoneState>();
        for (var s = 0; s <= 30; s++)
        {
            cluster.Beat(except: ["zone-a-0", "zone-a-1"]);
            var plan = core.Step(Now.AddSeconds(s), cluster.Nodes);
            cluster.Apply(plan);
            states.Add(plan.Zones["zone-a"]);
        }

        Assert.All(states.Skip(1), state => Assert.Equal(ZoneState.Normal, state));
        Assert.Equal(2, cluster.Tainted("NoExecute"));
    }
}
