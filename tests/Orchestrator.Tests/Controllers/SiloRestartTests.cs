using Orchestrator.Tests.Testing;

namespace Orchestrator.Tests.Controllers;

/// <summary>The controllers keep no state of their own: a silo killed in the middle of a rollout finishes it after a restart.</summary>
public sealed class SiloRestartTests : IAsyncLifetime
{
    private ClusterProcess? _cluster;

    private ClusterProcess Cluster => _cluster ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _cluster = await ClusterProcess.StartAsync(null, "--simulated-nodes", "3");

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_silo_killed_in_the_middle_of_a_rollout_completes_it_after_a_restart_with_no_third_replica_set()
    {
        var kubectl = new Testing.Kubectl(Cluster);
        (await kubectl.RunAsync("create", "namespace", "restart")).Succeeded();
        // One pod at a time, each held 3 s before it counts as available: six pods take at least 18 s to roll.
        const string Slow = "strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}\n  minReadySeconds: 3";
        (await kubectl.RunWithInputAsync(Workloads.Deployment("restart", "web", 6, strategy: Slow), "apply", "-f", "-")).Succeeded();
        (await kubectl.RunAsync("rollout", "status", "deployment/web", "-n", "restart", "--timeout=90s")).Succeeded();

        (await kubectl.RunAsync("set", "image", "deployment/web", "web=nginx:1.27", "-n", "restart")).Succeeded();
        var updated = "0";
        for (var i = 0; i < 300 && updated is "" or "0"; i++)
        {
            await Task.Delay(100);
            updated = (await kubectl.RunAsync("get", "deployment", "web", "-n", "restart", "-o", "jsonpath={.status.updatedReplicas}")).Succeeded().Output;
        }
        Assert.True(int.TryParse(updated, out var midway) && midway is > 0 and < 6, $"the rollout was not under way before the kill: updatedReplicas '{updated}'");

        await Cluster.KillAsync();
        await Cluster.StartAgainAsync();

        var status = await kubectl.RunAsync("rollout", "status", "deployment/web", "-n", "restart", "--timeout=120s");
        var images = await kubectl.RunAsync("get", "pods", "-n", "restart", "-l", "app=web", "-o", "jsonpath={.items[*].spec.containers[0].image}");
        var sets = await kubectl.RunAsync("get", "rs", "-n", "restart", "-o", "jsonpath={range .items[*]}{.spec.replicas}{\" \"}{end}");

        Assert.Contains("successfully rolled out", status.Succeeded().Output, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Repeat("nginx:1.27", 6), images.Succeeded().Output.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        // The new ReplicaSet found again by its template after the restart, not made a second time: old at 0, new at 6.
        Assert.Equal(["0", "6"], sets.Succeeded().Output.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order());
    }
}
