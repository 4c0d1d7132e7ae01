using Xunit.Abstractions;
using static Orchestrator.Tests.NodeLifecycle.NodeLifecycleCluster;

namespace Orchestrator.Tests.NodeLifecycle;

/// <summary><c>kubectl drain</c> against a PodDisruptionBudget, as on Kubernetes: it evicts what it may and retries the rest.</summary>
[Collection(NodeLifecycleCluster.Collection)]
public sealed class DrainTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Drain_with_a_budget_of_one_disruption_completes_and_never_leaves_fewer_ready_pods_than_the_budget_needs()
    {
        await using var env = await StartAsync();
        await env.SimulateAsync("b-", 3);
        (await env.Kubectl.RunAsync("create", "deployment", "web", "--image=nginx", "--replicas=6")).Succeeded();
        (await env.Kubectl.RunAsync("rollout", "status", "deployment/web", "--timeout=60s")).Succeeded();
        (await env.Kubectl.RunAsync("create", "pdb", "web", "--selector=app=web", "--max-unavailable=1")).Succeeded();
        await UntilAsync(async () => (await env.Kubectl.RunAsync("get", "pdb", "web", "--no-headers")).Output.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, "N/A", "1", "1", ..],
            TimeSpan.FromSeconds(10), "kubectl get pdb showing 1 allowed disruption");
        var header = (await env.Kubectl.RunAsync("get", "pdb")).Succeeded().Output;
        Assert.Contains("ALLOWED DISRUPTIONS", header, StringComparison.Ordinal);
        var onNode = (await env.LivePodsAsync("web")).Count(p => p.Spec.NodeName == "b-0");

        // Watch the ready pods (not being deleted) while drain runs: maxUnavailable 1 of 6 means never fewer than 5.
        using var stop = new CancellationTokenSource();
        var fewest = 6;
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                fewest = Math.Min(fewest, (await env.LivePodsAsync("web")).Count(IsReady));
                await Task.Delay(100);
            }
        });
        var drain = (await env.Kubectl.RunAsync("drain", "b-0", "--timeout=90s")).Succeeded();
        await stop.CancelAsync();
        await watcher;
        output.WriteLine($"{onNode} pods on b-0; fewest ready pods seen during drain: {fewest}\n{drain.Output}\n{drain.Error}");

        Assert.Contains("node/b-0 drained", drain.Output, StringComparison.Ordinal);
        Assert.True(fewest >= 5, $"the budget was violated: {fewest} ready pods");
        if (onNode > 1)
        {
            Assert.Contains("Cannot evict pod as it would violate the pod's disruption budget.", drain.Error + drain.Output, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(await env.LivePodsAsync("web"), p => p.Spec.NodeName == "b-0");
        await UntilAsync(async () => (await env.LivePodsAsync("web")).Count(IsReady) == 6, TimeSpan.FromSeconds(20), "6 ready pods again");
    }
}
