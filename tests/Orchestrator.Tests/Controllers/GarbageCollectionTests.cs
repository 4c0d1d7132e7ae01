using Orchestrator.Tests.Simulation;

namespace Orchestrator.Tests.Controllers;

/// <summary><c>kubectl delete</c> of owners with each propagation policy, against <c>up --simulated-nodes 3</c>.</summary>
public sealed class GarbageCollectionTests(SimulatedClusterFixture fixture) : IClassFixture<SimulatedClusterFixture>
{
    private Testing.Kubectl Kubectl => fixture.Kubectl;

    [Fact]
    public async Task Deleting_a_deployment_in_the_background_removes_its_replica_set_and_pods()
    {
        var ns = await RunningAsync("bg");
        var dependents = await NamesAsync(ns);

        (await Kubectl.RunAsync("delete", "deployment", "web", "-n", ns)).Succeeded();

        (await Kubectl.RunAsync(["wait", "--for=delete", "-n", ns, "--timeout=30s", .. dependents])).Succeeded();
    }

    [Fact]
    public async Task Orphan_deletion_keeps_the_dependents_without_owner_references()
    {
        var ns = await RunningAsync("orphan");
        var rs = (await Kubectl.RunAsync("get", "rs", "-n", ns, "-o", "name")).Succeeded().Output.Trim();

        (await Kubectl.RunAsync("delete", "deployment", "web", "-n", ns, "--cascade=orphan")).Succeeded();
        (await Kubectl.RunAsync("delete", rs, "-n", ns, "--cascade=orphan")).Succeeded();

        var pods = await Kubectl.RunAsync("get", "pods", "-n", ns, "-l", "app=web", "-o",
            "jsonpath={range .items[*]}{.metadata.name}={.metadata.ownerReferences}{\"\\n\"}{end}");
        var rows = pods.Succeeded().Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, rows.Length);
        Assert.All(rows, r => Assert.EndsWith("=", r, StringComparison.Ordinal));
        Assert.NotEqual(0, (await Kubectl.RunAsync("get", rs, "-n", ns)).ExitCode);
    }

    [Fact]
    public async Task Foreground_deletion_keeps_the_owner_until_its_dependents_are_gone()
    {
        // A finalizer on every pod holds them, and so their ReplicaSet and Deployment, until the test lets go.
        var ns = await RunningAsync("fg", templateMetadata: ", finalizers: [example.com/hold]");
        var pods = (await Kubectl.RunAsync("get", "pods", "-n", ns, "-o", "name")).Succeeded().Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        (await Kubectl.RunAsync("delete", "deployment", "web", "-n", ns, "--cascade=foreground", "--wait=false")).Succeeded();
        (await Kubectl.RunAsync(["wait", "--for=jsonpath={.metadata.deletionTimestamp}", "-n", ns, "--timeout=30s", .. pods])).Succeeded();
        var held = await Kubectl.RunAsync("get", "deployment,rs", "-n", ns, "-o", "jsonpath={range .items[*]}{.kind}:{.metadata.finalizers}{\"\\n\"}{end}");

        Assert.Equal(["Deployment:[\"foregroundDeletion\"]", "ReplicaSet:[\"foregroundDeletion\"]"], held.Succeeded().Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        foreach (var pod in pods)
        {
            (await Kubectl.RunAsync("patch", pod, "-n", ns, "--type=json", "-p", "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]")).Succeeded();
        }
        (await Kubectl.RunAsync("wait", "--for=delete", "deployment/web", "-n", ns, "--timeout=30s")).Succeeded();
        Assert.Equal("", (await Kubectl.RunAsync("get", "deployment,rs,pods", "-n", ns, "-o", "name")).Succeeded().Output.Trim());
    }

    private async Task<string> RunningAsync(string prefix, string templateMetadata = "")
    {
        var ns = await fixture.NamespaceAsync(prefix);
        (await Kubectl.RunWithInputAsync(Workloads.Deployment(ns, "web", 3, templateMetadata: templateMetadata), "apply", "-f", "-")).Succeeded();
        (await Kubectl.RunAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s")).Succeeded();
        return ns;
    }

    private async Task<string[]> NamesAsync(string ns) =>
        (await Kubectl.RunAsync("get", "rs,pods", "-n", ns, "-o", "name")).Succeeded().Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
