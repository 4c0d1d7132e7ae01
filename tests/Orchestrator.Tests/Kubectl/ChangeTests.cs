using System.Text.Json.Nodes;
using Orchestrator.Tests.Testing;

namespace Orchestrator.Tests.Kubectl;

/// <summary>describe, label, annotate, patch, scale, delete: the everyday edits.</summary>
public sealed class ChangeTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Label_annotate_patch_and_scale_all_land_on_the_deployment()
    {
        var ns = await fixture.NamespaceAsync("edit");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunWithInputAsync(Manifests.App(ns), "apply", "-f", "-")).Succeeded();

        (await kubectl.RunAsync("label", "deploy", "web", "-n", ns, "tier=front")).Succeeded();
        (await kubectl.RunAsync("annotate", "deploy", "web", "-n", ns, "note=hello")).Succeeded();
        (await kubectl.RunAsync("patch", "deploy", "web", "-n", ns, "-p", """{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"busybox:patched"}]}}}}""")).Succeeded();
        (await kubectl.RunAsync("patch", "deploy", "web", "-n", ns, "--type=json", "-p", """[{"op":"add","path":"/metadata/labels/extra","value":"yes"}]""")).Succeeded();
        var scaled = (await kubectl.RunAsync("scale", "deploy", "web", "-n", ns, "--replicas=5")).Succeeded();

        Assert.Contains("deployment.apps/web scaled", scaled.Output);
        var deployment = JsonNode.Parse((await kubectl.RunAsync("get", "deploy", "web", "-n", ns, "-o", "json")).Succeeded().Output)!;
        var labels = deployment["metadata"]!["labels"]!;
        Assert.Equal("front", labels["tier"]!.GetValue<string>());
        Assert.Equal("yes", labels["extra"]!.GetValue<string>());
        Assert.Equal("hello", deployment["metadata"]!["annotations"]!["note"]!.GetValue<string>());
        Assert.Equal(5, deployment["spec"]!["replicas"]!.GetValue<int>());
        // The strategic patch merged the container by name: the image changed and the env stayed.
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single()!;
        Assert.Equal("busybox:patched", container["image"]!.GetValue<string>());
        Assert.Equal("A", container["env"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Describe_shows_the_deployment_and_the_pod_as_kubernetes_does()
    {
        var ns = await fixture.NamespaceAsync("describe");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunWithInputAsync(Manifests.App(ns) + "\n---\n" + Manifests.Pod(ns, "solo"), "apply", "-f", "-")).Succeeded();

        var deployment = (await kubectl.RunAsync("describe", "deploy", "web", "-n", ns)).Succeeded().Output;
        var pod = (await kubectl.RunAsync("describe", "pod", "solo", "-n", ns)).Succeeded().Output;

        Assert.Contains("RollingUpdateStrategy:  25% max unavailable, 25% max surge", deployment);
        Assert.Contains("busybox:1.36", deployment);
        Assert.Contains("QoS Class:", pod);
        Assert.Contains("node.kubernetes.io/unreachable:NoExecute op=Exists for 60s", pod);
    }

    [Fact]
    public async Task Delete_waits_until_the_object_is_gone()
    {
        var ns = await fixture.NamespaceAsync("delete");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunWithInputAsync(Manifests.App(ns) + "\n---\n" + Manifests.Pod(ns, "solo"), "apply", "-f", "-")).Succeeded();

        var deleted = (await kubectl.RunAsync("delete", "pod", "solo", "-n", ns, "--wait=true", "--timeout=20s")).Succeeded();
        var deletedAll = (await kubectl.RunAsync("delete", "-n", ns, "deploy/web", "svc/web", "cm/settings")).Succeeded();
        var missing = await kubectl.RunAsync("get", "pod", "solo", "-n", ns);

        Assert.Contains("pod \"solo\" deleted", deleted.Output);
        Assert.Contains("deployment.apps \"web\" deleted", deletedAll.Output);
        Assert.Contains("(NotFound): pods \"solo\" not found", missing.Error);
        Assert.Equal("", (await kubectl.RunAsync("get", "deploy,svc,cm", "-n", ns, "-o", "name")).Succeeded().Output.Trim());
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_what_is_in_it()
    {
        var ns = await fixture.NamespaceAsync("doomed");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunWithInputAsync(Manifests.App(ns), "apply", "-f", "-")).Succeeded();

        (await kubectl.RunAsync("delete", "namespace", ns, "--timeout=30s")).Succeeded();
        var gone = await kubectl.RunAsync("get", "namespace", ns);
        var recreate = await kubectl.RunWithInputAsync(Manifests.Pod(ns, "late"), "apply", "-f", "-");

        Assert.Contains($"namespaces \"{ns}\" not found", gone.Error);
        Assert.Contains($"namespaces \"{ns}\" not found", recreate.Error);
        Assert.Equal("", (await kubectl.RunAsync("get", "deploy,svc,cm", "-n", ns, "-o", "name")).Output.Trim());
    }

    [Fact]
    public async Task Imperative_create_commands_which_send_protobuf_create_the_objects()
    {
        var ns = await fixture.NamespaceAsync("create");
        var kubectl = fixture.Kubectl;

        (await kubectl.RunAsync("create", "configmap", "cfg", "-n", ns, "--from-literal=mode=fast")).Succeeded();
        (await kubectl.RunAsync("create", "secret", "generic", "creds", "-n", ns, "--from-literal=password=s3cret")).Succeeded();
        (await kubectl.RunAsync("create", "deployment", "api", "-n", ns, "--image=busybox:1.36", "--replicas=3", "--port=8080")).Succeeded();
        (await kubectl.RunAsync("create", "priorityclass", "batch-" + ns, "--value=1000")).Succeeded();

        var mode = (await kubectl.RunAsync("get", "cm", "cfg", "-n", ns, "-o", "jsonpath={.data.mode}")).Succeeded().Output;
        var password = (await kubectl.RunAsync("get", "secret", "creds", "-n", ns, "-o", "jsonpath={.data.password}")).Succeeded().Output;
        var deployment = JsonNode.Parse((await kubectl.RunAsync("get", "deploy", "api", "-n", ns, "-o", "json")).Succeeded().Output)!;
        var value = (await kubectl.RunAsync("get", "pc", "batch-" + ns, "-o", "jsonpath={.value}")).Succeeded().Output;

        Assert.Equal("fast", mode);
        Assert.Equal(Convert.ToBase64String("s3cret"u8.ToArray()), password);
        Assert.Equal(3, deployment["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(8080, deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]![0]!["containerPort"]!.GetValue<int>());
        Assert.Equal("1000", value);
    }
}
