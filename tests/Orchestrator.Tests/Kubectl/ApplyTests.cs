using System.Text.Json.Nodes;
using Orchestrator.Tests.Testing;

namespace Orchestrator.Tests.Kubectl;

/// <summary>kubectl apply, client-side and server-side, against a real process.</summary>
public sealed class ApplyTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Apply_creates_every_document_of_a_multi_document_file()
    {
        var ns = await fixture.NamespaceAsync("apply");
        var kubectl = fixture.Kubectl;

        var applied = (await kubectl.RunWithInputAsync(Manifests.App(ns), "apply", "-f", "-")).Succeeded();

        Assert.Contains("deployment.apps/web created", applied.Output);
        Assert.Contains("service/web created", applied.Output);
        Assert.Contains("configmap/settings created", applied.Output);
        var names = (await kubectl.RunAsync("get", "deploy,svc,cm", "-n", ns, "-o", "name")).Succeeded().Output;
        Assert.Contains("deployment.apps/web", names);
        Assert.Contains("service/web", names);
        Assert.Contains("configmap/settings", names);
    }

    [Fact]
    public async Task Reapplying_a_changed_manifest_updates_the_object_and_bumps_its_generation()
    {
        var ns = await fixture.NamespaceAsync("reapply");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunWithInputAsync(Manifests.App(ns), "apply", "-f", "-")).Succeeded();

        var changed = (await kubectl.RunWithInputAsync(Manifests.App(ns, image: "busybox:1.37", replicas: 3, env: "{name: B, value: \"2\"}"), "apply", "-f", "-")).Succeeded();
        var unchanged = (await kubectl.RunWithInputAsync(Manifests.App(ns, image: "busybox:1.37", replicas: 3, env: "{name: B, value: \"2\"}"), "apply", "-f", "-")).Succeeded();

        Assert.Contains("deployment.apps/web configured", changed.Output);
        Assert.Contains("service/web unchanged", changed.Output);
        Assert.Contains("deployment.apps/web unchanged", unchanged.Output);
        var deployment = JsonNode.Parse((await kubectl.RunAsync("get", "deploy", "web", "-n", ns, "-o", "json")).Succeeded().Output)!;
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("busybox:1.37", container["image"]!.GetValue<string>());
        Assert.Equal(3, deployment["spec"]!["replicas"]!.GetValue<int>());
        // The three-way patch removed A (gone from the manifest) and added B: env is merged by name.
        Assert.Equal("""[{"name":"B","value":"2"}]""", container["env"]!.ToJsonString());
        Assert.Equal(2, deployment["metadata"]!["generation"]!.GetValue<int>());
        // Server defaults survive the patch.
        Assert.Equal("IfNotPresent", container["imagePullPolicy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Server_side_apply_records_its_manager_and_refuses_to_take_a_field_another_manager_owns()
    {
        var ns = await fixture.NamespaceAsync("ssa");
        var kubectl = fixture.Kubectl;
        var manifest = $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\n  namespace: {ns}\ndata:\n  mode: fast\n";
        (await kubectl.RunWithInputAsync(manifest, "apply", "--server-side", "-f", "-")).Succeeded();
        (await kubectl.RunAsync("patch", "cm", "shared", "-n", ns, "--type=merge", "-p", """{"data":{"mode":"slow"}}""")).Succeeded();

        var conflict = await kubectl.RunWithInputAsync(manifest, "apply", "--server-side", "-f", "-");
        var forced = await kubectl.RunWithInputAsync(manifest, "apply", "--server-side", "--force-conflicts", "-f", "-");

        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("conflict with \"kubectl-patch\"", conflict.Error);
        Assert.Contains(".data.mode", conflict.Error);
        forced.Succeeded();
        var cm = JsonNode.Parse((await kubectl.RunAsync("get", "cm", "shared", "-n", ns, "-o", "json", "--show-managed-fields")).Succeeded().Output)!;
        Assert.Equal("fast", cm["data"]!["mode"]!.GetValue<string>());
        var managers = cm["metadata"]!["managedFields"]!.AsArray().Select(m => m!["manager"]!.GetValue<string>()).ToList();
        Assert.Contains("kubectl", managers);
    }
}
