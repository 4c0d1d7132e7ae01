using k8s;
using Xunit.Abstractions;
using static Orchestrator.Tests.NodeLifecycle.NodeLifecycleCluster;

namespace Orchestrator.Tests.NodeLifecycle;

/// <summary>
/// Pods evicted from a dead node: nothing confirms their graceful deletion, so they stay Terminating (as in
/// Kubernetes) until an admin marks the node out of service, and then pod GC force-deletes them.
/// </summary>
[Collection(NodeLifecycleCluster.Collection)]
public sealed class PodGarbageCollectionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Pods_evicted_from_a_dead_node_stay_terminating_until_the_node_is_tainted_out_of_service_then_pod_gc_deletes_them()
    {
        await using var env = await StartAsync("--node-monitor-grace-seconds", "3", "--default-toleration-seconds", "1", "--node-eviction-rate", "1");
        var doomed = await env.SimulateAsync("sim-", 1);
        (await env.Kubectl.RunAsync("create", "deployment", "web", "--image=nginx", "--replicas=3")).Succeeded();
        (await env.Kubectl.RunAsync("rollout", "status", "deployment/web", "--timeout=60s")).Succeeded();
        await env.SimulateAsync("b-", 1);

        await env.KillAsync(doomed);
        await UntilAsync(async () => await TerminatingOnAsync(env, "sim-0") == 3, TimeSpan.FromSeconds(30), "the 3 pods on sim-0 terminating");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(3, await TerminatingOnAsync(env, "sim-0"));

        (await env.Kubectl.RunAsync("taint", "node", "sim-0", "node.kubernetes.io/out-of-service=nodeshutdown:NoExecute")).Succeeded();
        var gone = await UntilAsync(async () => await TerminatingOnAsync(env, "sim-0") == 0, TimeSpan.FromSeconds(30), "pod GC deleting the pods on sim-0");
        output.WriteLine($"pods on the out-of-service node gone {gone.TotalSeconds:F1} s after the taint (pod GC checks every 20 s)");
    }

    private static async Task<int> TerminatingOnAsync(NodeLifecycleCluster env, string node) =>
        (await env.Client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: "spec.nodeName=" + node)).Items.Count(p => p.Metadata.DeletionTimestamp is not null);
}
