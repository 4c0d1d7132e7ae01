using Orchestrator.Tests.Simulation;

namespace Orchestrator.Tests.Controllers;

/// <summary>Deployments driven by the real kubectl against <c>up --simulated-nodes 3</c>: rollouts, history, undo, scale, restart, pause.</summary>
public sealed class DeploymentTests(SimulatedClusterFixture fixture) : IClassFixture<SimulatedClusterFixture>
{
    private Testing.Kubectl Kubectl => fixture.Kubectl;

    [Fact]
    public async Task An_applied_deployment_runs_its_replicas_and_rollout_status_succeeds()
    {
        var ns = await fixture.NamespaceAsync("deploy");

        (await Kubectl.RunWithInputAsync(Workloads.Deployment(ns, "web", 5), "apply", "-f", "-")).Succeeded();
        var status = await Kubectl.RunAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s");
        var pods = await Kubectl.RunAsync("get", "pods", "-n", ns, "-l", "app=web", "-o",
            "jsonpath={range .items[*]}{.status.phase} {.metadata.ownerReferences[0].kind} {.metadata.labels.pod-template-hash}{\"\\n\"}{end}");
        var rs = await Kubectl.RunAsync("get", "rs", "-n", ns, "-o", "jsonpath={.items[*].metadata.name} {.items[*].metadata.annotations.deployment\\.kubernetes\\.io/revision}");

        Assert.Contains("deployment \"web\" successfully rolled out", status.Succeeded().Output, StringComparison.Ordinal);
        var rows = pods.Succeeded().Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, rows.Length);
        var hash = rows[0].Split(' ')[2];
        Assert.All(rows, r => Assert.Equal($"Running ReplicaSet {hash}", r));
        Assert.Equal($"web-{hash} 1", rs.Succeeded().Output);
        // Admitted like a pod from kubectl: generateName, uid, creationTimestamp, defaults, and a managed-fields entry of the
        // controller (the node's status writes add their own, in whichever order they came).
        var admitted = await Kubectl.RunAsync("get", "pods", "-n", ns, "-l", "app=web", "-o",
            "jsonpath={.items[0].metadata.generateName} {.items[0].spec.schedulerName} {.items[0].spec.containers[0].terminationMessagePath} {.items[0].metadata.managedFields[?(@.manager==\"replicaset-controller\")].operation}");
        Assert.Equal($"web-{hash}- default-scheduler /dev/termination-log Update", admitted.Succeeded().Output);
        Assert.Matches("^[0-9a-f-]{36} 20", (await Kubectl.RunAsync("get", "pods", "-n", ns, "-l", "app=web", "-o",
            "jsonpath={.items[0].metadata.uid} {.items[0].metadata.creationTimestamp}")).Succeeded().Output);
    }

    [Fact]
    public async Task A_new_image_rolls_out_without_ever_dropping_below_replicas_minus_max_unavailable_and_undo_goes_back()
    {
        var ns = await fixture.NamespaceAsync("roll");
        const string Strategy = "strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 1}}";
        (await Kubectl.RunWithInputAsync(Workloads.Deployment(ns, "web", 4, strategy: Strategy), "apply", "-f", "-")).Succeeded();
        (await Kubectl.RunAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s")).Succeeded();

        using var client = fixture.Client();
        var watch = AvailabilityWatch.StartAsync(client, ns, "app=web");
        await watch.Started;
        (await Kubectl.RunAsync("set", "image", "deployment/web", "web=nginx:1.27", "-n", ns)).Succeeded();
        var rolled = await Kubectl.RunAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s");
        var lowest = await watch.StopAsync();
        var images = await Kubectl.RunAsync("get", "pods", "-n", ns, "-l", "app=web", "-o", "jsonpath={.items[*].spec.containers[0].image}");
        var history = await Kubectl.RunAsync("rollout", "history", "deployment/web", "-n", ns);

        rolled.Succeeded();
        Assert.True(lowest >= 3, $"only {lowest} pods were available at one point; maxUnavailable 1 of 4 allows 3");
        Assert.True(watch.PodsSeen >= 8, $"the watch saw only {watch.PodsSeen} pods: 4 old and 4 new ones should have passed");
        Assert.Equal(Enumerable.Repeat("nginx:1.27", 4), images.Succeeded().Output.Split(' '));
        Assert.Equal(["1", "2"], Revisions(history.Succeeded().Output));

        (await Kubectl.RunAsync("rollout", "undo", "deployment/web", "-n", ns)).Succeeded();
        (await Kubectl.RunAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s")).Succeeded();
        var undone = await Kubectl.RunAsync("get", "deployment", "web", "-n", ns, "-o",
            "jsonpath={.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}");
        var afterUndo = await Kubectl.RunAsync("rollout", "history", "deployment/web", "-n", ns);

        Assert.Equal("nginx:1.26 3", undone.Succeeded().Output);
        Assert.Equal(["2", "3"], Revisions(afterUndo.Succeeded().Output));
    }

    [Fact]
    public async Task Scale_restart_pause_and_resume_behave_as_on_kubernetes()
    {
        var ns = await fixture.NamespaceAsync("scale");
        (await Kubectl.RunWithInputAsync(Workloads.Deployment(ns, "web", 2), "apply", "-f", "-")).Succeeded();
        (await Kubectl.RunAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s")).Succeeded();

        (await Kubectl.RunAsync("scale", "deployment/web", "--replicas=6", "-n", ns)).Succeeded();
        (await Kubectl.RunAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s")).Succeeded();
        Assert.Equal("6 6", (await Kubectl.RunAsync("get", "deployment", "web", "-n", ns, "-o", "jsonpath={.status.replicas} {.status.availableReplicas}")).Succeeded().Output);

        (await Kubectl.RunAsync("rollout", "restart", "deployment/web", "-n", ns)).Succeeded();
        (await Kubectl.RunAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s")).Succeeded();
        Assert.Equal(["1", "2"], Revisions((await Kubectl.RunAsync("rollout", "history", "deployment/web", "-n", ns)).Succeeded().Output));

        (await Kubectl.RunAsync("rollout", "pause", "deployment/web", "-n", ns)).Succeeded();
        (await Kubectl.RunAsync("set", "image", "deployment/web", "web=nginx:1.28", "-n", ns)).Succeeded();
        (await Kubectl.RunAsync("wait", "deployment/web", "-n", ns, "--for=jsonpath={.status.conditions[?(@.type==\"Progressing\")].reason}=DeploymentPaused", "--timeout=30s")).Succeeded();
        var whilePaused = await Kubectl.RunAsync("get", "rs", "-n", ns, "--no-headers");
        Assert.Equal(2, whilePaused.Succeeded().Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        (await Kubectl.RunAsync("rollout", "resume", "deployment/web", "-n", ns)).Succeeded();
        (await Kubectl.RunAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s")).Succeeded();
        var images = await Kubectl.RunAsync("get", "pods", "-n", ns, "-l", "app=web", "--field-selector=status.phase=Running", "-o", "jsonpath={.items[*].spec.containers[0].image}");
        Assert.Equal(Enumerable.Repeat("nginx:1.28", 6), images.Succeeded().Output.Split(' '));
    }

    [Fact]
    public async Task A_rollout_that_cannot_progress_fails_rollout_status_after_its_deadline()
    {
        var ns = await fixture.NamespaceAsync("stuck");
        // No node carries this label: the new pods stay Pending and the rollout stops making progress.
        var deployment = Workloads.Deployment(ns, "web", 2, podSpec: "nodeSelector: {disk: none}", progressDeadlineSeconds: 3);

        (await Kubectl.RunWithInputAsync(deployment, "apply", "-f", "-")).Succeeded();
        var status = await Kubectl.RunAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s");

        Assert.NotEqual(0, status.ExitCode);
        Assert.Contains("exceeded its progress deadline", status.Error, StringComparison.Ordinal);
        var reason = await Kubectl.RunAsync("get", "deployment", "web", "-n", ns, "-o", "jsonpath={.status.conditions[?(@.type==\"Progressing\")].reason}");
        Assert.Equal("ProgressDeadlineExceeded", reason.Succeeded().Output);
    }

    private static string[] Revisions(string history) =>
        [.. history.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0])];
}
