using System.Text.Json.Nodes;
using Orchestrator.Tests.Testing;

namespace Orchestrator.Tests.Lifecycle;

/// <summary>Watches across namespaces and their bookmarks, read as a client-go reflector reads them.</summary>
public sealed class WatchTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static List<JsonNode> Events(string body) =>
        [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!)];

    [Fact]
    public async Task A_watch_across_all_namespaces_sees_changes_in_every_namespace_in_order()
    {
        var first = await fixture.NamespaceAsync("all-a");
        var second = await fixture.NamespaceAsync("all-b");
        using var api = new RawApi(fixture.Cluster);
        var from = (await api.SendAsync(HttpMethod.Get, "/api/v1/configmaps?limit=1")).Json["metadata"]!["resourceVersion"]!.GetValue<string>();
        await api.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{first}/configmaps", """{"metadata":{"name":"one"}}""");
        await api.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{second}/configmaps", """{"metadata":{"name":"two"}}""");

        var watch = await api.SendAsync(HttpMethod.Get, $"/api/v1/configmaps?watch=true&resourceVersion={from}&timeoutSeconds=2");

        var events = Events(watch.Body).Where(e => e["type"]!.GetValue<string>() != "BOOKMARK").ToList();
        Assert.Equal([$"{first}/one", $"{second}/two"],
            events.Select(e => $"{e["object"]!["metadata"]!["namespace"]}/{e["object"]!["metadata"]!["name"]}"));
        var versions = events.Select(e => long.Parse(e["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(versions[0] < versions[1] && versions[0] > long.Parse(from, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_idle_watch_that_allows_bookmarks_gets_the_current_resource_version()
    {
        var ns = await fixture.NamespaceAsync("bookmark");
        using var api = new RawApi(fixture.Cluster);
        await api.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"x"}}""");
        var from = (await api.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps")).Json["metadata"]!["resourceVersion"]!.GetValue<string>();

        // The test cluster bookmarks idle watches every second (ORCHESTRATOR_WATCH_BOOKMARK_SECONDS=1).
        var watch = await api.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?watch=true&allowWatchBookmarks=true&resourceVersion={from}&timeoutSeconds=3");
        var plain = await api.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={from}&timeoutSeconds=2");

        var bookmark = Events(watch.Body).First(e => e["type"]!.GetValue<string>() == "BOOKMARK")["object"]!;
        Assert.Equal("ConfigMap", bookmark["kind"]!.GetValue<string>());
        Assert.True(long.Parse(bookmark["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            >= long.Parse(from, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(Events(plain.Body));
    }
}
