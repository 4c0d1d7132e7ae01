namespace Orchestrator.Tests.Scheduling;

/// <summary>The scheduler in a real process, seen the way users see it: nodeName, conditions and kubectl describe.</summary>
public sealed class SchedulerTests(SchedulerFixture fixture) : IClassFixture<SchedulerFixture>
{
    [Fact]
    public async Task A_pod_that_fits_is_bound_to_an_untainted_node_and_describe_shows_the_Scheduled_event()
    {
        var ns = await fixture.NamespaceAsync("fits");
        await ApplyPodAsync(ns, "fits", cpu: "100m");

        (await fixture.Kubectl.RunAsync("wait", "-n", ns, "--for=condition=PodScheduled", "pod/fits", "--timeout=30s")).Succeeded();
        var node = (await fixture.Kubectl.RunAsync("get", "-n", ns, "pod/fits", "-o", "jsonpath={.spec.nodeName}")).Succeeded().Output;
        var describe = (await fixture.Kubectl.RunAsync("describe", "-n", ns, "pod/fits")).Succeeded().Output;

        Assert.StartsWith("small-", node, StringComparison.Ordinal);
        Assert.Contains($"Successfully assigned {ns}/fits to {node}", describe, StringComparison.Ordinal);
        Assert.Matches(@"Normal\s+Scheduled\s+.*default-scheduler", describe);
    }

    [Fact]
    public async Task A_pod_no_node_can_hold_says_why_in_its_PodScheduled_condition_and_in_describe()
    {
        var ns = await fixture.NamespaceAsync("waits");
        await ApplyPodAsync(ns, "too-big", cpu: "2");

        (await fixture.Kubectl.RunAsync("wait", "-n", ns, "--for=jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].reason}=Unschedulable",
            "pod/too-big", "--timeout=30s")).Succeeded();
        var message = (await fixture.Kubectl.RunAsync("get", "-n", ns, "pod/too-big", "-o",
            "jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].message}")).Succeeded().Output;
        var describe = (await fixture.Kubectl.RunAsync("describe", "-n", ns, "pod/too-big")).Succeeded().Output;

        // Three 1-cpu nodes are too small, two 4-cpu nodes carry a taint the pod does not tolerate.
        Assert.StartsWith("0/5 nodes are available: ", message, StringComparison.Ordinal);
        Assert.Contains("3 Insufficient cpu", message, StringComparison.Ordinal);
        Assert.Contains("2 node(s) had untolerated taint {dedicated: gpu}", message, StringComparison.Ordinal);
        Assert.Matches(@"Warning\s+FailedScheduling\s+.*default-scheduler\s+0/5 nodes are available: ", describe);
        Assert.Equal("Pending", (await fixture.Kubectl.RunAsync("get", "-n", ns, "pod/too-big", "-o", "jsonpath={.status.phase}")).Output);
    }

    [Fact]
    public async Task A_pod_that_tolerates_the_taint_lands_on_a_tainted_node()
    {
        var ns = await fixture.NamespaceAsync("tolerates");
        await ApplyPodAsync(ns, "gpu-job", cpu: "3", tolerations: """
              tolerations:
              - key: dedicated
                operator: Equal
                value: gpu
                effect: NoSchedule
            """);

        (await fixture.Kubectl.RunAsync("wait", "-n", ns, "--for=condition=PodScheduled", "pod/gpu-job", "--timeout=30s")).Succeeded();
        var node = (await fixture.Kubectl.RunAsync("get", "-n", ns, "pod/gpu-job", "-o", "jsonpath={.spec.nodeName}")).Succeeded().Output;

        Assert.StartsWith("gpu-", node, StringComparison.Ordinal);
    }

    private async Task ApplyPodAsync(string ns, string name, string cpu, string tolerations = "")
    {
        var yaml = $"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: {name}
              namespace: {ns}
            spec:
              containers:
              - name: main
                image: busybox
                resources:
                  requests:
                    cpu: "{cpu}"
            {tolerations}
            """;
        (await fixture.Kubectl.RunWithInputAsync(yaml, "apply", "-f", "-")).Succeeded();
    }
}
