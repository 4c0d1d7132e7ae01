using Orchestrator.Tests.Testing;

namespace Orchestrator.Tests.Admission;

/// <summary>What the server adds and refuses on the way in: names, priorities, immutable fields.</summary>
public sealed class AdmissionTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static string PodJson(string metadata, string spec = "") =>
        "{\"metadata\":{" + metadata + "},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]" + spec + "}}";

    [Fact]
    public async Task GenerateName_gets_a_unique_suffix()
    {
        var ns = await fixture.NamespaceAsync("gen");
        using var api = new RawApi(fixture.Cluster);

        var first = await api.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", PodJson("\"generateName\":\"worker-\""));
        var second = await api.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", PodJson("\"generateName\":\"worker-\""));

        Assert.Equal(201, first.Code);
        var a = first.Json["metadata"]!["name"]!.GetValue<string>();
        var b = second.Json["metadata"]!["name"]!.GetValue<string>();
        Assert.Matches("^worker-[a-z0-9]{5}$", a);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public async Task A_pod_priority_comes_from_its_priority_class()
    {
        var ns = await fixture.NamespaceAsync("prio");
        using var api = new RawApi(fixture.Cluster);

        var critical = await api.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods",
            PodJson("\"name\":\"critical\"", ",\"priorityClassName\":\"system-cluster-critical\""));
        var plain = await api.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", PodJson("\"name\":\"plain\""));
        var unknown = await api.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods",
            PodJson("\"name\":\"unknown\"", ",\"priorityClassName\":\"no-such-class\""));

        Assert.Equal(201, critical.Code);
        Assert.Equal(2000000000, critical.Json["spec"]!["priority"]!.GetValue<int>());
        Assert.Equal("PreemptLowerPriority", critical.Json["spec"]!["preemptionPolicy"]!.GetValue<string>());
        Assert.Equal(0, plain.Json["spec"]!["priority"]!.GetValue<int>());
        Assert.Equal(403, unknown.Code);
        Assert.Contains("no PriorityClass with name no-such-class was found", unknown.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_immutable_field_cannot_be_changed_by_an_update()
    {
        var ns = await fixture.NamespaceAsync("immutable");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunWithInputAsync(Kubectl.Manifests.App(ns), "apply", "-f", "-")).Succeeded();

        var selector = await kubectl.RunAsync("patch", "deploy", "web", "-n", ns, "--type=merge", "-p", """{"spec":{"selector":{"matchLabels":{"app":"other"}},"template":{"metadata":{"labels":{"app":"other"}}}}}""");
        var pod = await kubectl.RunAsync("run", "fixed", "-n", ns, "--image=busybox");
        var restart = await kubectl.RunAsync("patch", "pod", "fixed", "-n", ns, "-p", """{"spec":{"restartPolicy":"Never"}}""");

        Assert.NotEqual(0, selector.ExitCode);
        Assert.Contains("field is immutable", selector.Error);
        pod.Succeeded();
        Assert.NotEqual(0, restart.ExitCode);
        Assert.Contains("pod updates may not change fields other than", restart.Error);
    }
}
