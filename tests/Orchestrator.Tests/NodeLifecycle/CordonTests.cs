using static Orchestrator.Tests.NodeLifecycle.NodeLifecycleCluster;

namespace Orchestrator.Tests.NodeLifecycle;

/// <summary>kubectl cordon and uncordon, as kube's node lifecycle controller answers them (TaintNodesByCondition).</summary>
[Collection(NodeLifecycleCluster.Collection)]
public sealed class CordonTests
{
    private const string Unschedulable = "node.kubernetes.io/unschedulable";

    [Fact]
    public async Task Cordon_adds_the_unschedulable_NoSchedule_taint_and_uncordon_removes_it()
    {
        await using var env = await StartAsync();
        await env.SimulateAsync("sim-", 2);

        (await env.Kubectl.RunAsync("cordon", "sim-0")).Succeeded();
        await UntilAsync(async () => (await env.NodesAsync()).Single(n => n.Metadata.Name == "sim-0") is var node && HasTaint(node, Unschedulable, "NoSchedule"),
            TimeSpan.FromSeconds(10), "sim-0 tainted unschedulable");
        var taints = (await env.Kubectl.RunAsync("get", "node", "sim-0", "-o", "jsonpath={.spec.taints[*].key}")).Succeeded().Output;
        Assert.Contains(Unschedulable, taints, StringComparison.Ordinal);
        Assert.DoesNotContain(Unschedulable, (await env.Kubectl.RunAsync("get", "node", "sim-1", "-o", "jsonpath={.spec.taints[*].key}")).Succeeded().Output, StringComparison.Ordinal);

        (await env.Kubectl.RunAsync("uncordon", "sim-0")).Succeeded();
        await UntilAsync(async () => (await env.NodesAsync()).Single(n => n.Metadata.Name == "sim-0") is var node && !HasTaint(node, Unschedulable, "NoSchedule"),
            TimeSpan.FromSeconds(10), "sim-0 no longer tainted unschedulable");
    }
}
