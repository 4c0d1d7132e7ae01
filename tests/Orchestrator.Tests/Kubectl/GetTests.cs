using System.Text.Json.Nodes;
using Orchestrator.Tests.Testing;

namespace Orchestrator.Tests.Kubectl;

/// <summary>kubectl get in its output forms, and get -w.</summary>
public sealed class GetTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Get_prints_kubernetes_columns_and_wide_adds_the_extra_ones()
    {
        var ns = await fixture.NamespaceAsync("get");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunWithInputAsync(Manifests.Pod(ns, "solo"), "apply", "-f", "-")).Succeeded();

        var plain = (await kubectl.RunAsync("get", "pods", "-n", ns)).Succeeded().Output.Split('\n');
        var wide = (await kubectl.RunAsync("get", "pods", "-n", ns, "-o", "wide")).Succeeded().Output.Split('\n');

        Assert.Equal(["NAME", "READY", "STATUS", "RESTARTS", "AGE"], plain[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("solo", plain[1]);
        Assert.Contains("0/1", plain[1]);
        Assert.Contains("Pending", plain[1]);
        Assert.Contains("NOMINATED NODE", wide[0]);
        Assert.Contains("READINESS GATES", wide[0]);
    }

    [Fact]
    public async Task Get_renders_yaml_json_and_jsonpath_of_the_stored_object()
    {
        var ns = await fixture.NamespaceAsync("formats");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunWithInputAsync(Manifests.Pod(ns, "solo"), "apply", "-f", "-")).Succeeded();

        var json = JsonNode.Parse((await kubectl.RunAsync("get", "pod", "solo", "-n", ns, "-o", "json")).Succeeded().Output)!;
        var yaml = (await kubectl.RunAsync("get", "pod", "solo", "-n", ns, "-o", "yaml")).Succeeded().Output;
        var path = (await kubectl.RunAsync("get", "pod", "solo", "-n", ns, "-o", "jsonpath={.metadata.uid} {.spec.restartPolicy}")).Succeeded().Output;

        var uid = json["metadata"]!["uid"]!.GetValue<string>();
        Assert.Equal($"{uid} Always", path);
        Assert.Contains($"uid: {uid}", yaml);
        Assert.Contains("restartPolicy: Always", yaml);
        Assert.Equal("BestEffort", json["status"]!["qosClass"]!.GetValue<string>());
        Assert.True(long.Parse(json["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task Get_with_label_and_field_selectors_filters_on_the_server()
    {
        var ns = await fixture.NamespaceAsync("select");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunWithInputAsync(Manifests.Pod(ns, "one") + "\n---\n" + Manifests.Pod(ns, "two").Replace("app: solo", "app: other"), "apply", "-f", "-")).Succeeded();

        var byLabel = (await kubectl.RunAsync("get", "pods", "-n", ns, "-l", "app in (other)", "-o", "name")).Succeeded().Output;
        var byField = (await kubectl.RunAsync("get", "pods", "-n", ns, "--field-selector", "metadata.name!=two,status.phase=Pending", "-o", "name")).Succeeded().Output;
        var badField = await kubectl.RunAsync("get", "pods", "-n", ns, "--field-selector", "spec.color=red");

        Assert.Equal("pod/two", byLabel.Trim());
        Assert.Equal("pod/one", byField.Trim());
        Assert.Contains("field label not supported: spec.color", badField.Error);
    }

    [Fact]
    public async Task Get_watch_prints_each_change_as_it_happens()
    {
        var ns = await fixture.NamespaceAsync("watch");
        var kubectl = fixture.Kubectl;
        using var watch = kubectl.Start("get", "configmaps", "-n", ns, "-w", "--output-watch-events");
        var lines = new List<string>();
        var sawDelete = new TaskCompletionSource();
        watch.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (lines)
            {
                lines.Add(e.Data);
            }
            if (e.Data.StartsWith("DELETED", StringComparison.Ordinal))
            {
                sawDelete.TrySetResult();
            }
        };
        watch.BeginOutputReadLine();
        // The watch starts with the (empty) list; give kubectl a moment to open the stream before changing things.
        await Task.Delay(1500);

        (await kubectl.RunWithInputAsync($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: seen\n  namespace: {ns}\ndata:\n  a: b\n", "apply", "-f", "-")).Succeeded();
        (await kubectl.RunAsync("delete", "configmap", "seen", "-n", ns)).Succeeded();
        await sawDelete.Task.WaitAsync(TimeSpan.FromSeconds(20));
        watch.Kill();

        lock (lines)
        {
            Assert.Contains(lines, l => l.StartsWith("ADDED", StringComparison.Ordinal) && l.Contains("seen"));
            Assert.Contains(lines, l => l.StartsWith("DELETED", StringComparison.Ordinal) && l.Contains("seen"));
        }
    }
}
