using System.Text.Json.Nodes;
using Orchestrator.Tests.Testing;

namespace Orchestrator.Tests.Scheduling;

/// <summary>Preemption end to end on a simulated node: victims terminate gracefully, the preemptor is nominated, then bound.</summary>
public sealed class PreemptionTests
{
    private const string Classes = """
        apiVersion: scheduling.k8s.io/v1
        kind: PriorityClass
        metadata:
          name: low
        value: 100
        ---
        apiVersion: scheduling.k8s.io/v1
        kind: PriorityClass
        metadata:
          name: high
        value: 1000
        ---
        apiVersion: scheduling.k8s.io/v1
        kind: PriorityClass
        metadata:
          name: high-never
        value: 1000
        preemptionPolicy: Never
        """;

    [Fact]
    public async Task A_high_priority_pod_evicts_the_fewest_low_priority_pods_and_is_bound_once_they_are_gone()
    {
        await using var cluster = await ClusterProcess.StartAsync(null, "--simulated-nodes", "1", "--simulated-node-cpu", "1", "--simulated-zones", "1");
        var kubectl = new Testing.Kubectl(cluster);
        (await kubectl.RunWithInputAsync(Classes, "apply", "-f", "-")).Succeeded();
        foreach (var name in new[] { "low-a", "low-b", "low-c" })
        {
            (await kubectl.RunWithInputAsync(Pod(name, "low", "300m"), "apply", "-f", "-")).Succeeded();
        }
        (await kubectl.RunAsync("wait", "--for=condition=Ready", "pod/low-a", "pod/low-b", "pod/low-c", "--timeout=30s")).Succeeded();

        // 900m of 1 cpu is used; 500m needs two of the three 300m pods gone (one frees only 400m).
        (await kubectl.RunWithInputAsync(Pod("urgent", "high", "500m"), "apply", "-f", "-")).Succeeded();
        (await kubectl.RunAsync("wait", "--for=condition=PodScheduled", "pod/urgent", "--timeout=60s")).Succeeded();

        var pods = JsonNode.Parse((await kubectl.RunAsync("get", "pods", "-o", "json")).Succeeded().Output)!["items"]!.AsArray();
        var names = pods.Select(p => p!["metadata"]!["name"]!.GetValue<string>()).Order().ToList();
        var preempted = (await kubectl.RunAsync("get", "events", "--field-selector", "reason=Preempted", "-o", "jsonpath={.items[*].message}")).Succeeded().Output;
        var urgentUid = (await kubectl.RunAsync("get", "pod/urgent", "-o", "jsonpath={.metadata.uid}")).Succeeded().Output;

        Assert.Single(names, n => n.StartsWith("low-", StringComparison.Ordinal));
        Assert.Contains("urgent", names);
        Assert.Equal("sim-0", pods.Single(p => p!["metadata"]!["name"]!.GetValue<string>() == "urgent")!["spec"]!["nodeName"]!.GetValue<string>());
        Assert.Equal(2, preempted.Split("Preempted by pod", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains($"Preempted by pod {urgentUid} on node sim-0", preempted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pod_with_preemptionPolicy_Never_waits_instead_of_evicting()
    {
        await using var cluster = await ClusterProcess.StartAsync(null, "--simulated-nodes", "1", "--simulated-node-cpu", "1", "--simulated-zones", "1");
        var kubectl = new Testing.Kubectl(cluster);
        (await kubectl.RunWithInputAsync(Classes, "apply", "-f", "-")).Succeeded();
        (await kubectl.RunWithInputAsync(Pod("low-a", "low", "800m"), "apply", "-f", "-")).Succeeded();
        (await kubectl.RunAsync("wait", "--for=condition=Ready", "pod/low-a", "--timeout=30s")).Succeeded();

        (await kubectl.RunWithInputAsync(Pod("polite", "high-never", "500m"), "apply", "-f", "-")).Succeeded();
        (await kubectl.RunAsync("wait", "--for=jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].reason}=Unschedulable",
            "pod/polite", "--timeout=30s")).Succeeded();
        var lowDeleting = (await kubectl.RunAsync("get", "pod/low-a", "-o", "jsonpath={.metadata.deletionTimestamp}")).Succeeded().Output;
        var message = (await kubectl.RunAsync("get", "pod/polite", "-o", "jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].message}")).Succeeded().Output;

        Assert.Equal("", lowDeleting);
        Assert.Contains("1 Insufficient cpu", message, StringComparison.Ordinal);
    }

    private static string Pod(string name, string priorityClass, string cpu) => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
        spec:
          priorityClassName: {priorityClass}
          terminationGracePeriodSeconds: 1
          containers:
          - name: main
            image: busybox
            resources:
              requests:
                cpu: "{cpu}"
        """;
}
