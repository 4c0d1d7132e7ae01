using Xunit.Abstractions;
using static Orchestrator.Tests.NodeLifecycle.NodeLifecycleCluster;

namespace Orchestrator.Tests.NodeLifecycle;

/// <summary>
/// Nodes whose simulator is killed or stopped, seen with the real kubectl: they go Unknown and are tainted within
/// the grace period, their pods leave after tolerationSeconds and come back elsewhere, and a mass outage is not
/// answered with an eviction storm.
/// </summary>
[Collection(NodeLifecycleCluster.Collection)]
public sealed class NodeLifecycleTests(ITestOutputHelper output)
{
    private const string Unreachable = "node.kubernetes.io/unreachable";

    [Fact]
    public async Task Killed_nodes_go_unknown_within_the_grace_period_and_their_pods_are_replaced_on_the_survivors_after_tolerationSeconds()
    {
        await using var env = await StartAsync("--node-monitor-grace-seconds", "3", "--default-toleration-seconds", "5", "--node-eviction-rate", "1");
        var doomed = await env.SimulateAsync("sim-", 2);
        await env.SimulateAsync("b-", 2);
        (await env.Kubectl.RunAsync("create", "deployment", "web", "--image=nginx", "--replicas=8")).Succeeded();
        (await env.Kubectl.RunAsync("rollout", "status", "deployment/web", "--timeout=60s")).Succeeded();
        var before = await env.LivePodsAsync("web");
        Assert.Contains(before, p => p.Spec.NodeName.StartsWith("sim-", StringComparison.Ordinal));

        await env.KillAsync(doomed);
        var unknown = await UntilAsync(async () => (await env.NodesAsync()).Where(n => n.Metadata.Name.StartsWith("sim-", StringComparison.Ordinal))
            .All(n => Ready(n) == "Unknown" && HasTaint(n, Unreachable, "NoExecute") && HasTaint(n, Unreachable, "NoSchedule")), TimeSpan.FromSeconds(20), "both killed nodes Unknown and tainted");
        var replaced = await UntilAsync(async () => await env.LivePodsAsync("web") is var pods
            && pods.Count(IsReady) == 8 && pods.All(p => p.Spec.NodeName.StartsWith("b-", StringComparison.Ordinal)), TimeSpan.FromSeconds(40), "8 ready pods on the b- nodes");
        output.WriteLine($"nodes Unknown and tainted {unknown.TotalSeconds:F1} s after the kill (grace 3 s, leases every 1 s); " +
            $"8 pods ready on survivors {(unknown + replaced).TotalSeconds:F1} s after it (tolerationSeconds 5)");

        Assert.InRange(unknown.TotalSeconds, 2, 10);
        var nodes = (await env.Kubectl.RunAsync("get", "nodes", "--no-headers")).Succeeded().Output;
        Assert.Contains("NotReady", nodes, StringComparison.Ordinal);
        var events = (await env.Kubectl.RunAsync("get", "events", "-o", "custom-columns=REASON:.reason,MESSAGE:.message", "--no-headers")).Succeeded().Output;
        Assert.Contains("NodeNotReady", events, StringComparison.Ordinal);
        Assert.Contains("Marking for deletion Pod default/web-", events, StringComparison.Ordinal);
        var describe = (await env.Kubectl.RunAsync("describe", "node", "sim-0")).Succeeded().Output;
        Assert.Contains("Kubelet stopped posting node status.", describe, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_that_comes_back_before_tolerationSeconds_keeps_its_pods()
    {
        await using var env = await StartAsync("--node-monitor-grace-seconds", "5", "--default-toleration-seconds", "25");
        var paused = await env.SimulateAsync("sim-", 1);
        await env.SimulateAsync("b-", 1);
        (await env.Kubectl.RunAsync("create", "deployment", "web", "--image=nginx", "--replicas=4")).Succeeded();
        (await env.Kubectl.RunAsync("rollout", "status", "deployment/web", "--timeout=60s")).Succeeded();
        var onSim = (await env.LivePodsAsync("web")).Where(p => p.Spec.NodeName == "sim-0").Select(p => p.Metadata.Uid).Order().ToList();
        Assert.NotEmpty(onSim);

        await SignalAsync(paused, "STOP");
        var silent = await UntilAsync(async () => (await env.NodesAsync()).Single(n => n.Metadata.Name == "sim-0") is var n
            && Ready(n) == "Unknown" && HasTaint(n, Unreachable, "NoExecute"), TimeSpan.FromSeconds(20), "sim-0 Unknown and tainted");
        await SignalAsync(paused, "CONT");
        var back = await UntilAsync(async () => (await env.NodesAsync()).Single(n => n.Metadata.Name == "sim-0") is var n
            && Ready(n) == "True" && n.Spec.Taints is null or { Count: 0 }, TimeSpan.FromSeconds(15), "sim-0 Ready again without taints");
        output.WriteLine($"sim-0 tainted {silent.TotalSeconds:F1} s after SIGSTOP, Ready and untainted {back.TotalSeconds:F1} s after SIGCONT");

        var pods = await env.LivePodsAsync("web");
        Assert.Equal(onSim, pods.Where(p => p.Spec.NodeName == "sim-0").Select(p => p.Metadata.Uid).Order().ToList());
        await UntilAsync(async () => (await env.LivePodsAsync("web")).All(IsReady), TimeSpan.FromSeconds(10), "the pods of sim-0 ready again");
        var events = (await env.Kubectl.RunAsync("get", "events", "--field-selector", "reason=TaintManagerEviction", "-o", "custom-columns=MESSAGE:.message", "--no-headers")).Succeeded().Output;
        Assert.Contains("Cancelling deletion of Pod default/web-", events, StringComparison.Ordinal);
        Assert.DoesNotContain("Marking for deletion", events, StringComparison.Ordinal);
    }
}
