using Orchestrator.Tests.Testing;

namespace Orchestrator.Tests.Lifecycle;

/// <summary>How objects leave: graceful pod deletion, finalizers, propagation policies, deletecollection.</summary>
public sealed class DeletionTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_pod_bound_to_a_node_is_deleted_gracefully_and_force_deletion_removes_it()
    {
        var ns = await fixture.NamespaceAsync("graceful");
        using var api = new RawApi(fixture.Cluster);
        await api.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods",
            """{"metadata":{"name":"bound"},"spec":{"terminationGracePeriodSeconds":45,"containers":[{"name":"c","image":"busybox"}]}}""");

        var bind = await api.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods/bound/binding",
            """{"apiVersion":"v1","kind":"Binding","metadata":{"name":"bound"},"target":{"kind":"Node","name":"node-a"}}""");
        var rebind = await api.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods/bound/binding",
            """{"apiVersion":"v1","kind":"Binding","metadata":{"name":"bound"},"target":{"kind":"Node","name":"node-b"}}""");
        var graceful = await api.SendAsync(HttpMethod.Delete, $"/api/v1/namespaces/{ns}/pods/bound");
        var stillThere = await api.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods/bound");
        var forced = await api.SendAsync(HttpMethod.Delete, $"/api/v1/namespaces/{ns}/pods/bound", """{"gracePeriodSeconds":0}""");
        var gone = await api.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods/bound");

        Assert.Equal(201, bind.Code);
        Assert.Equal(409, rebind.Code);
        Assert.Contains("already assigned to node \"node-a\"", rebind.Json["message"]!.GetValue<string>());
        Assert.Equal(200, graceful.Code);
        Assert.Equal(200, stillThere.Code);
        Assert.Equal("node-a", stillThere.Json["spec"]!["nodeName"]!.GetValue<string>());
        Assert.NotNull(stillThere.Json["metadata"]!["deletionTimestamp"]);
        Assert.Equal(45, stillThere.Json["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<int>());
        Assert.Equal(200, forced.Code);
        Assert.Equal(404, gone.Code);
    }

    [Fact]
    public async Task A_delete_without_preconditions_is_not_refused_by_a_concurrent_write_but_a_stale_resource_version_is()
    {
        var ns = await fixture.NamespaceAsync("racing-delete");
        using var api = new RawApi(fixture.Cluster);
        var path = $"/api/v1/namespaces/{ns}/configmaps";
        var codes = new List<int>();
        for (var round = 0; round < 30; round++)
        {
            await api.SendAsync(HttpMethod.Post, path, $$$"""{"metadata":{"name":"cm-{{{round}}}"}}""");
            await using var churn = new Churn(fixture.Cluster, $"{path}/cm-{round}");
            await Task.Delay(5);
            codes.Add((await api.SendAsync(HttpMethod.Delete, $"{path}/cm-{round}")).Code);
        }
        await api.SendAsync(HttpMethod.Post, path, """{"metadata":{"name":"stale"}}""");
        var created = await api.SendAsync(HttpMethod.Get, path + "/stale");
        await api.SendAsync(HttpMethod.Patch, path + "/stale", """{"data":{"a":"b"}}""", contentType: "application/merge-patch+json");
        var staleRv = created.Json["metadata"]!["resourceVersion"]!.GetValue<string>();
        var stale = await api.SendAsync(HttpMethod.Delete, path + "/stale", $$$"""{"preconditions":{"resourceVersion":"{{{staleRv}}}"}}""");

        Assert.All(codes, code => Assert.Equal(200, code));
        Assert.Equal(409, stale.Code);
        Assert.Contains("Precondition failed: ResourceVersion in precondition", stale.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_put_without_a_resource_version_is_unconditional_under_concurrent_writes()
    {
        var ns = await fixture.NamespaceAsync("racing-put");
        using var api = new RawApi(fixture.Cluster);
        var path = $"/api/v1/namespaces/{ns}/configmaps";
        await api.SendAsync(HttpMethod.Post, path, """{"metadata":{"name":"cm"}}""");
        var codes = new List<int>();
        await using (var churn = new Churn(fixture.Cluster, path + "/cm"))
        {
            for (var round = 0; round < 100; round++)
            {
                codes.Add((await api.SendAsync(HttpMethod.Put, path + "/cm", "{\"metadata\":{\"name\":\"cm\",\"labels\":{\"round\":\"" + round + "\"}}}")).Code);
            }
        }
        var last = await api.SendAsync(HttpMethod.Get, path + "/cm");

        Assert.All(codes, code => Assert.Equal(200, code));
        Assert.Equal("99", last.Json["metadata"]!["labels"]!["round"]!.GetValue<string>());
    }

    /// <summary>A controller-like writer that keeps merge-patching an object until disposed or the object is gone.</summary>
    private sealed class Churn : IAsyncDisposable
    {
        private readonly RawApi _api;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public Churn(ClusterProcess cluster, string url)
        {
            _api = new RawApi(cluster);
            _loop = Task.Run(async () =>
            {
                for (var i = 0; !_stop.IsCancellationRequested; i++)
                {
                    var r = await _api.SendAsync(HttpMethod.Patch, url, $$$"""{"data":{"n":"{{{i}}}"}}""", contentType: "application/merge-patch+json");
                    if (r.Code == 404)
                    {
                        return;
                    }
                }
            });
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _api.Dispose();
            _stop.Dispose();
        }
    }

    [Fact]
    public async Task A_finalizer_holds_a_deleted_object_until_it_is_removed()
    {
        var ns = await fixture.NamespaceAsync("finalizer");
        using var api = new RawApi(fixture.Cluster);
        var path = $"/api/v1/namespaces/{ns}/configmaps";
        await api.SendAsync(HttpMethod.Post, path, """{"metadata":{"name":"held","finalizers":["example.com/hold"]}}""");

        var deleted = await api.SendAsync(HttpMethod.Delete, path + "/held");
        var held = await api.SendAsync(HttpMethod.Get, path + "/held");
        var released = await api.SendAsync(HttpMethod.Patch, path + "/held", """{"metadata":{"finalizers":null}}""", contentType: "application/merge-patch+json");
        var gone = await api.SendAsync(HttpMethod.Get, path + "/held");

        Assert.Equal(200, deleted.Code);
        Assert.Equal(200, held.Code);
        Assert.NotNull(held.Json["metadata"]!["deletionTimestamp"]);
        Assert.Equal(200, released.Code);
        Assert.Equal(404, gone.Code);
    }

    [Fact]
    public async Task Orphan_and_foreground_deletions_finish_once_the_garbage_collector_finds_no_dependents()
    {
        var ns = await fixture.NamespaceAsync("propagation");
        using var api = new RawApi(fixture.Cluster);
        var path = $"/api/v1/namespaces/{ns}/configmaps";
        foreach (var name in new[] { "orphaned", "foreground", "background", "kept" })
        {
            await api.SendAsync(HttpMethod.Post, path, "{\"metadata\":{\"name\":\"" + name + "\"}}");
        }

        var orphaned = await api.SendAsync(HttpMethod.Delete, path + "/orphaned", """{"propagationPolicy":"Orphan"}""");
        var foreground = await api.SendAsync(HttpMethod.Delete, path + "/foreground", """{"propagationPolicy":"Foreground"}""");
        await api.SendAsync(HttpMethod.Delete, path + "/background", """{"propagationPolicy":"Background"}""");
        var bad = await api.SendAsync(HttpMethod.Delete, path + "/kept", """{"propagationPolicy":"Sideways"}""");

        // The API server answers with the policy recorded as a finalizer; the garbage collector then removes it.
        Assert.Equal("orphan", orphaned.Json["metadata"]!["finalizers"]![0]!.GetValue<string>());
        Assert.Equal("foregroundDeletion", foreground.Json["metadata"]!["finalizers"]![0]!.GetValue<string>());
        Assert.Equal(404, (await api.SendAsync(HttpMethod.Get, path + "/background")).Code);
        Assert.Equal(400, bad.Code);
        (await fixture.Kubectl.RunAsync("wait", "--for=delete", "configmap/orphaned", "configmap/foreground", "-n", ns, "--timeout=30s")).Succeeded();
    }

    [Fact]
    public async Task Deletecollection_deletes_only_what_the_selector_matches()
    {
        var ns = await fixture.NamespaceAsync("collection");
        using var api = new RawApi(fixture.Cluster);
        var path = $"/api/v1/namespaces/{ns}/configmaps";
        foreach (var (name, tier) in new[] { ("a", "cache"), ("b", "cache"), ("c", "db") })
        {
            await api.SendAsync(HttpMethod.Post, path, "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"tier\":\"" + tier + "\"}}}");
        }

        var deleted = await api.SendAsync(HttpMethod.Delete, path + "?labelSelector=tier%3Dcache");
        var left = await api.SendAsync(HttpMethod.Get, path);

        Assert.Equal(200, deleted.Code);
        Assert.Equal(["c"], left.Json["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
    }
}
