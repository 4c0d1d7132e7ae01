using System.Diagnostics;
using k8s;
using k8s.Models;

namespace Orchestrator.Tests.Simulation;

/// <summary><c>up --simulated-nodes</c> seen from outside, with the real kubectl: nodes, heartbeats and pods that run without containers.</summary>
public sealed class SimulatedNodesTests(SimulatedClusterFixture fixture) : IClassFixture<SimulatedClusterFixture>
{
    [Fact]
    public async Task Kubectl_lists_three_ready_nodes_spread_over_three_zones()
    {
        var nodes = await fixture.Kubectl.RunAsync("get", "nodes", "-L", "topology.kubernetes.io/zone", "--no-headers");

        var rows = nodes.Succeeded().Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(["sim-0", "sim-1", "sim-2"], rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.Equal("Ready", r[1]));
        Assert.Equal(["zone-a", "zone-b", "zone-c"], rows.Select(r => r[^1]));
        var simulated = await fixture.Kubectl.RunAsync("get", "nodes", "-l", "orchestrator.dev/simulated=true,kubernetes.io/os=linux", "-o", "name");
        Assert.Equal(3, simulated.Succeeded().Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Each_node_renews_its_lease_in_kube_node_lease()
    {
        using var client = fixture.Client();
        var before = await client.CoordinationV1.ReadNamespacedLeaseAsync("sim-0", "kube-node-lease");

        // The fixture's nodes renew every second; the watch sees the next renewal or the test fails after 15 s.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        V1Lease? renewed = null;
        await foreach (var (type, lease) in client.CoordinationV1.WatchListNamespacedLeaseAsync("kube-node-lease",
            fieldSelector: "metadata.name=sim-0", resourceVersion: before.Metadata.ResourceVersion, cancellationToken: timeout.Token))
        {
            if (type == WatchEventType.Modified && lease.Spec.RenewTime > before.Spec.RenewTime)
            {
                renewed = lease;
                break;
            }
        }

        Assert.NotNull(renewed);
        Assert.Equal(("sim-0", 4), (renewed.Spec.HolderIdentity, renewed.Spec.LeaseDurationSeconds!.Value));
        Assert.Equal("Node", Assert.Single(renewed.Metadata.OwnerReferences).Kind);
    }

    [Fact]
    public async Task A_pod_bound_to_a_simulated_node_becomes_ready_with_an_address_and_is_deleted_promptly()
    {
        var ns = await fixture.NamespaceAsync("sim");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunWithInputAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: {{ns}}}
            spec:
              nodeName: sim-1
              containers:
              - {name: web, image: "nginx:1.27"}
            """, "apply", "-f", "-")).Succeeded();

        (await kubectl.RunAsync("wait", "--for=condition=Ready", "pod/web", "-n", ns, "--timeout=30s")).Succeeded();
        var pod = (await kubectl.RunAsync("get", "pod", "web", "-n", ns, "-o",
            "jsonpath={.status.phase} {.status.hostIP} {.status.podIP} {.status.containerStatuses[0].state.running.startedAt}")).Succeeded().Output.Split(' ');
        var deleting = Stopwatch.StartNew();
        var deleted = await kubectl.RunAsync("delete", "pod", "web", "-n", ns, "--timeout=20s");
        deleting.Stop();
        var gone = await kubectl.RunAsync("get", "pod", "web", "-n", ns);

        Assert.Equal(("Running", "172.16.0.2"), (pod[0], pod[1]));
        Assert.StartsWith("10.244.1.", pod[2], StringComparison.Ordinal);
        Assert.NotEmpty(pod[3]);
        deleted.Succeeded();
        // The default grace period is 30 s; the simulated kubelet finishes the deletion at once instead.
        Assert.True(deleting.Elapsed < TimeSpan.FromSeconds(10), $"kubectl delete took {deleting.Elapsed}");
        Assert.NotEqual(0, gone.ExitCode);
        Assert.Contains("NotFound", gone.Error, StringComparison.Ordinal);
    }
}
