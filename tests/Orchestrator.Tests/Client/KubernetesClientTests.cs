using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Orchestrator.Tests.Testing;

namespace Orchestrator.Tests.Client;

/// <summary>The same API through KubernetesClient's own <see cref="Kubernetes"/> client, as agents and controllers use it.</summary>
public sealed class KubernetesClientTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private Kubernetes Client() => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(fixture.Cluster.Kubeconfig));

    private static V1ConfigMap ConfigMap(string name, string value) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["team"] = value } },
        Data = new Dictionary<string, string> { ["value"] = value },
    };

    [Fact]
    public async Task Create_get_list_update_and_delete_round_trip_through_the_typed_client()
    {
        var ns = await fixture.NamespaceAsync("client");
        using var client = Client();

        var created = await client.CreateNamespacedConfigMapAsync(ConfigMap("a", "red"), ns);
        await client.CreateNamespacedConfigMapAsync(ConfigMap("b", "blue"), ns);
        var fetched = await client.ReadNamespacedConfigMapAsync("a", ns);
        var reds = await client.ListNamespacedConfigMapAsync(ns, labelSelector: "team=red");
        fetched.Data["value"] = "green";
        var updated = await client.ReplaceNamespacedConfigMapAsync(fetched, "a", ns);
        await client.DeleteNamespacedConfigMapAsync("b", ns);
        var remaining = await client.ListNamespacedConfigMapAsync(ns);

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.Equal(created.Metadata.Uid, fetched.Metadata.Uid);
        Assert.Equal(["a"], reds.Items.Select(i => i.Metadata.Name));
        Assert.Equal("green", updated.Data["value"]);
        Assert.True(long.Parse(updated.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(created.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["a"], remaining.Items.Select(i => i.Metadata.Name));
    }

    [Fact]
    public async Task A_write_with_a_stale_resource_version_is_refused_with_409_conflict()
    {
        var ns = await fixture.NamespaceAsync("conflict");
        using var client = Client();
        var original = await client.CreateNamespacedConfigMapAsync(ConfigMap("cm", "one"), ns);
        var first = await client.ReadNamespacedConfigMapAsync("cm", ns);
        var second = await client.ReadNamespacedConfigMapAsync("cm", ns);

        first.Data["value"] = "first";
        await client.ReplaceNamespacedConfigMapAsync(first, "cm", ns);
        second.Data["value"] = "second";
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.ReplaceNamespacedConfigMapAsync(second, "cm", ns));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Contains("the object has been modified", error.Response.Content);
        Assert.Equal("first", (await client.ReadNamespacedConfigMapAsync("cm", ns)).Data["value"]);
        Assert.NotNull(original);
    }

    [Fact]
    public async Task A_watch_resumed_from_a_list_sees_exactly_the_changes_after_it()
    {
        var ns = await fixture.NamespaceAsync("resume");
        using var client = Client();
        await client.CreateNamespacedConfigMapAsync(ConfigMap("before", "x"), ns);
        var list = await client.ListNamespacedConfigMapAsync(ns);
        await client.CreateNamespacedConfigMapAsync(ConfigMap("after-1", "x"), ns);
        await client.CreateNamespacedConfigMapAsync(ConfigMap("after-2", "x"), ns);

        var seen = new List<(WatchEventType, string)>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var (type, item) in client.CoreV1.WatchListNamespacedConfigMapAsync(ns, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cancel.Token))
        {
            seen.Add((type, item.Metadata.Name));
            if (seen.Count == 2)
            {
                break;
            }
        }

        Assert.Equal([(WatchEventType.Added, "after-1"), (WatchEventType.Added, "after-2")], seen);
    }

    [Fact]
    public async Task Lists_page_with_limit_and_continue_and_cover_every_item_once()
    {
        var ns = await fixture.NamespaceAsync("pages");
        using var client = Client();
        for (var i = 0; i < 7; i++)
        {
            await client.CreateNamespacedConfigMapAsync(ConfigMap($"cm-{i}", "x"), ns);
        }

        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await client.ListNamespacedConfigMapAsync(ns, limit: 3, continueParameter: token);
            names.AddRange(page.Items.Select(i => i.Metadata.Name));
            token = page.Metadata.ContinueProperty;
            pages++;
        }
        while (!string.IsNullOrEmpty(token));

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"cm-{i}"), names);
    }

    [Fact]
    public async Task Concurrent_patches_without_a_resourceVersion_all_land_as_Kubernetes_reapplies_them_on_conflict()
    {
        var ns = await fixture.NamespaceAsync("patches");
        using var client = Client();
        await client.CreateNamespacedConfigMapAsync(ConfigMap("hot", "red"), ns);

        // 24 writers patch the same object at once, each its own key: every read-modify-write but one per round loses
        // the race; none may surface as a 409 (kubectl set image, scale and label send such patches).
        var patches = Enumerable.Range(0, 24).Select(i => client.PatchNamespacedConfigMapAsync(
            new V1Patch($"{{\"data\":{{\"key{i}\":\"{i}\"}}}}", V1Patch.PatchType.MergePatch), "hot", ns));
        await Task.WhenAll(patches);

        var final = await client.ReadNamespacedConfigMapAsync("hot", ns);
        Assert.Equal(25, final.Data.Count);
        Assert.All(Enumerable.Range(0, 24), i => Assert.Equal($"{i}", final.Data[$"key{i}"]));
    }
}
