using k8s;
using Orchestrator.Tests.Simulation;

namespace Orchestrator.Tests.Controllers;

/// <summary>The Recreate strategy, watched pod by pod, and turning controllers off with <c>up --controllers</c>.</summary>
public sealed class RecreateTests(SimulatedClusterFixture fixture) : IClassFixture<SimulatedClusterFixture>
{
    [Fact]
    public async Task Recreate_creates_no_new_pod_while_an_old_one_still_exists()
    {
        var ns = await fixture.NamespaceAsync("recreate");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunWithInputAsync(Workloads.Deployment(ns, "web", 3, strategy: "strategy: {type: Recreate}"), "apply", "-f", "-")).Succeeded();
        (await kubectl.RunAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s")).Succeeded();
        using var client = fixture.Client();
        var list = await client.CoreV1.ListNamespacedPodAsync(ns);
        var existing = list.Items.ToDictionary(p => p.Metadata.Uid, p => p.Spec.Containers[0].Image);
        var overlaps = 0;
        using var stop = new CancellationTokenSource();
        var watching = Task.Run(async () =>
        {
            try
            {
                await foreach (var (type, pod) in client.CoreV1.WatchListNamespacedPodAsync(ns, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: stop.Token))
                {
                    if (type == WatchEventType.Deleted)
                    {
                        existing.Remove(pod.Metadata.Uid);
                    }
                    else
                    {
                        existing[pod.Metadata.Uid] = pod.Spec.Containers[0].Image;
                    }
                    overlaps += existing.Values.Distinct().Count() > 1 ? 1 : 0;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or HttpRequestException)
            {
                // Stopped by the test.
            }
        });

        (await kubectl.RunAsync("set", "image", "deployment/web", "web=nginx:1.27", "-n", ns)).Succeeded();
        (await kubectl.RunAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s")).Succeeded();
        await stop.CancelAsync();
        await watching;

        Assert.Equal(0, overlaps);
        // The watch followed the whole rollout: it saw the new pods arrive.
        Assert.Equal(3, existing.Values.Count(image => image == "nginx:1.27"));
        var images = await kubectl.RunAsync("get", "pods", "-n", ns, "-o", "jsonpath={.items[*].spec.containers[0].image}");
        Assert.Equal(Enumerable.Repeat("nginx:1.27", 3), images.Succeeded().Output.Split(' '));
    }

    [Fact]
    public async Task Up_runs_only_the_controllers_its_flag_names()
    {
        await using var cluster = await Testing.ClusterProcess.StartAsync(null, "--controllers", "*,-deployment");
        var kubectl = new Testing.Kubectl(cluster);
        const string ReplicaSet = """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: rs, namespace: default}
            spec:
              replicas: 2
              selector: {matchLabels: {app: rs}}
              template:
                metadata: {labels: {app: rs}}
                spec: {containers: [{name: c, image: nginx}]}
            """;

        (await kubectl.RunWithInputAsync(Workloads.Deployment("default", "web", 2) + "\n---\n" + ReplicaSet, "apply", "-f", "-")).Succeeded();
        // The ReplicaSet controller runs: its pods appear (Pending, as this cluster has no nodes).
        (await kubectl.RunAsync("wait", "rs/rs", "--for=jsonpath={.status.replicas}=2", "--timeout=30s")).Succeeded();
        var deployment = await kubectl.RunAsync("get", "deployment", "web", "-o", "jsonpath={.status.observedGeneration}");
        var sets = await kubectl.RunAsync("get", "rs", "-o", "name");

        Assert.Equal("", deployment.Succeeded().Output);
        Assert.Equal("replicaset.apps/rs", sets.Succeeded().Output.Trim());
    }
}
