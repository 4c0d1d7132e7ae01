using Xunit.Abstractions;
using static Orchestrator.Tests.NodeLifecycle.NodeLifecycleCluster;

namespace Orchestrator.Tests.NodeLifecycle;

/// <summary>Most of a zone going silent at once is treated as a partition, not as dead nodes: evictions stop.</summary>
[Collection(NodeLifecycleCluster.Collection)]
public sealed class ZoneDisruptionTests(ITestOutputHelper output)
{
    private const string Unreachable = "node.kubernetes.io/unreachable";

    [Fact]
    public async Task Five_of_six_nodes_of_a_small_zone_silent_at_once_evict_at_most_one_node_and_a_total_outage_evicts_none()
    {
        await using var env = await StartAsync("--node-monitor-grace-seconds", "3", "--default-toleration-seconds", "4");
        var most = await env.SimulateAsync("sim-", 5);
        var last = await env.SimulateAsync("b-", 1);
        (await env.Kubectl.RunAsync("create", "deployment", "web", "--image=nginx", "--replicas=12")).Succeeded();
        (await env.Kubectl.RunAsync("rollout", "status", "deployment/web", "--timeout=60s")).Succeeded();

        // 5/6 not ready > 0.55 and more than 2: PartialDisruption; 6 nodes <= 50 is a small cluster, so the rate is 0.
        // Only a node judged before the zone tipped over can take the bucket's one token (the next needs 10 s at 0.1/s).
        await env.KillAsync(most);
        await UntilAsync(async () => (await env.NodesAsync()).Count(n => Ready(n) == "Unknown") == 5, TimeSpan.FromSeconds(20), "five nodes Unknown");
        await Task.Delay(TimeSpan.FromSeconds(12));
        var nodes = await env.NodesAsync();
        var tainted = nodes.Where(n => HasTaint(n, Unreachable, "NoExecute")).Select(n => n.Metadata.Name).ToList();
        var pods = await env.LivePodsAsync("web");
        var kept = pods.Count(p => p.Spec.NodeName.StartsWith("sim-", StringComparison.Ordinal));
        output.WriteLine($"12 s after 5 of 6 nodes went Unknown: NoExecute-tainted [{string.Join(", ", tainted)}], {kept} pods kept on silent nodes");

        Assert.InRange(tainted.Count, 0, 1);
        Assert.All(nodes.Where(n => n.Metadata.Name.StartsWith("sim-", StringComparison.Ordinal)), n => Assert.True(HasTaint(n, Unreachable, "NoSchedule")));
        Assert.True(pods.Where(p => !tainted.Contains(p.Spec.NodeName)).Count(p => p.Spec.NodeName.StartsWith("sim-", StringComparison.Ordinal)) >= 12 - 5,
            "pods on silent but untainted nodes stay");

        // Now every node is silent: the controller trusts itself less than the nodes and lifts every NoExecute taint.
        await env.KillAsync(last);
        var lifted = await UntilAsync(async () => (await env.NodesAsync()) is var all && all.All(n => Ready(n) == "Unknown")
            && !all.Any(n => HasTaint(n, Unreachable, "NoExecute")), TimeSpan.FromSeconds(20), "all nodes Unknown and no NoExecute taint");
        output.WriteLine($"all 6 Unknown and no NoExecute taint {lifted.TotalSeconds:F1} s after the last simulator was killed");
        var before = (await env.LivePodsAsync("web")).Count;
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.Equal(before, (await env.LivePodsAsync("web")).Count(p => p.Spec.NodeName is not null));
    }
}
