using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Tests.Testing;

namespace Orchestrator.Tests.Scheduling;

/// <summary>Two scheduler instances race for the same pods and nodes; the node grains keep every node within its capacity.</summary>
public sealed class RacingSchedulersTests
{
    [Fact]
    public async Task Two_schedulers_racing_for_four_small_nodes_never_overcommit_one()
    {
        await using var cluster = await ClusterProcess.StartAsync(null,
            "--schedulers", "2", "--simulated-nodes", "4", "--simulated-node-cpu", "1", "--simulated-zones", "1");
        var kubectl = new Testing.Kubectl(cluster);
        foreach (var node in new[] { "sim-0", "sim-1", "sim-2", "sim-3" })
        {
            (await kubectl.RunAsync("wait", "--for=create", $"node/{node}", "--timeout=30s")).Succeeded();
        }
        (await kubectl.RunAsync("wait", "--for=condition=Ready", "node", "--all", "--timeout=30s")).Succeeded();

        // 30 pods of 300m onto four 1-cpu nodes: three fit on each, so exactly 12 can run and 18 must wait.
        var yaml = new StringBuilder();
        for (var i = 0; i < 30; i++)
        {
            yaml.Append($"""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: racer-{i}
                spec:
                  containers:
                  - name: main
                    image: busybox
                    resources:
                      requests:
                        cpu: 300m
                ---

                """);
        }
        (await kubectl.RunWithInputAsync(yaml.ToString(), "apply", "-f", "-")).Succeeded();
        // Every pod ends with a verdict: PodScheduled True (bound) or False (Unschedulable).
        (await kubectl.RunAsync("wait", "--for=jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].type}=PodScheduled",
            "pods", "--all", "--timeout=60s")).Succeeded();
        var pods = JsonNode.Parse((await kubectl.RunAsync("get", "pods", "-o", "json")).Succeeded().Output)!["items"]!.AsArray();

        var perNode = pods.Select(p => p!["spec"]!["nodeName"]?.GetValue<string>()).Where(n => n is not null)
            .GroupBy(n => n!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(4, perNode.Count);
        Assert.All(perNode, node => Assert.True(node.Value == 3, $"{node.Key} holds {node.Value} pods of 300m on 1 cpu"));
        var waiting = pods.Where(p => p!["spec"]!["nodeName"] is null).ToList();
        Assert.Equal(18, waiting.Count);
        Assert.All(waiting, p => Assert.Contains(p!["status"]!["conditions"]!.AsArray(),
            c => c!["type"]!.GetValue<string>() == "PodScheduled" && c["reason"]!.GetValue<string>() == "Unschedulable"));
    }

    [Fact]
    public async Task Concurrent_bindings_to_one_node_beyond_its_capacity_are_refused_with_a_conflict()
    {
        // No scheduler runs: the bindings come straight from the test, as from twenty racing outside schedulers.
        await using var cluster = await ClusterProcess.StartAsync(null, "--schedulers", "0");
        using var api = new RawApi(cluster);
        await TestNodes.RegisterAsync(api, "one-cpu", cpu: "1");
        for (var i = 0; i < 20; i++)
        {
            var created = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods",
                """{"metadata":{"name":"bind-NAME"},"spec":{"containers":[{"name":"c","image":"busybox","resources":{"requests":{"cpu":"300m"}}}]}}""".Replace("NAME", $"{i}", StringComparison.Ordinal));
            Assert.Equal(201, created.Code);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => api.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/default/pods/bind-{i}/binding",
            """{"apiVersion":"v1","kind":"Binding","metadata":{"name":"bind-NAME"},"target":{"kind":"Node","name":"one-cpu"}}""".Replace("NAME", $"{i}", StringComparison.Ordinal))));

        Assert.Equal(3, results.Count(r => r.Code == 201));
        var refused = results.Where(r => r.Code != 201).ToList();
        Assert.Equal(17, refused.Count);
        Assert.All(refused, r =>
        {
            Assert.Equal(409, r.Code);
            Assert.Contains("node \"one-cpu\" has no room for pod default/bind-", r.Json["message"]!.GetValue<string>());
            Assert.Contains("Insufficient cpu", r.Json["message"]!.GetValue<string>());
        });
    }
}
