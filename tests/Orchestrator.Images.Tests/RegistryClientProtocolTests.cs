using System.Net;
using Orchestrator.Images.Tests.Support;

namespace Orchestrator.Images.Tests;

/// <summary>Token auth, retries and digest headers, against an in-memory registry that can be made to demand or misbehave.</summary>
public sealed class RegistryClientProtocolTests : IAsyncLifetime
{
    private const string Image = "registry.example/app:1";

    private readonly TempFolder _folder = new();
    private BusyboxImage.BuiltImage _image = null!;

    public async Task InitializeAsync() =>
        _image = await BusyboxImage.BuildAsync(BusyboxImage.DefaultBinary, CancellationToken.None);

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_registry_that_asks_for_a_bearer_token_gets_an_anonymous_one_once_per_repository()
    {
        var handler = Serving(new FakeRegistryHandler { RequireToken = true });

        var image = await PullAsync(handler);

        Assert.Equal(_image.ManifestDigest, image.ManifestDigest);
        Assert.Equal(
            [
                "registry.example/v2/app/manifests/1",
                "auth.example/token?service=registry.example&scope=repository%3Aapp%3Apull",
                "registry.example/v2/app/manifests/1",
                $"registry.example/v2/app/blobs/{Digests.Of(_image.Config)}",
                $"registry.example/v2/app/blobs/{Digests.Of(_image.Layer)}",
            ],
            handler.Requests);
    }

    [Fact]
    public async Task A_registry_that_is_briefly_unavailable_is_tried_again()
    {
        var handler = Serving(new FakeRegistryHandler { FailuresBeforeServing = 2 });

        var image = await PullAsync(handler);

        Assert.Equal(_image.ManifestDigest, image.ManifestDigest);
        Assert.Equal(3, handler.Requests.Count(r => r.EndsWith("/manifests/1", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_registry_that_stays_unavailable_is_reported_with_its_status()
    {
        var handler = Serving(new FakeRegistryHandler { FailuresBeforeServing = 100 });

        var error = await Assert.ThrowsAsync<RegistryException>(() => PullAsync(handler));

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "registry.example"), (error.Status, error.Registry));
        Assert.Contains("HTTP 503", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_whose_bytes_do_not_match_the_digest_the_registry_claims_is_refused()
    {
        var handler = Serving(new FakeRegistryHandler());
        var claimed = Digests.Of("something else"u8);
        handler.ExtraHeaders["Docker-Content-Digest"] = claimed;

        var error = await Assert.ThrowsAsync<DigestMismatchException>(() => PullAsync(handler));

        Assert.Equal((claimed, _image.ManifestDigest), (error.Expected, error.Actual));
    }

    [Fact]
    public async Task Registries_off_loopback_are_spoken_to_over_https_unless_called_insecure()
    {
        using var http = new HttpClient(new FakeRegistryHandler());
        var client = new RegistryClient(http, new RegistryClientOptions { InsecureRegistries = new HashSet<string> { "lab.example:5000" } });

        Assert.Equal("https://registry-1.docker.io/", client.BaseUri("docker.io").ToString());
        Assert.Equal("https://ghcr.io/", client.BaseUri("ghcr.io").ToString());
        Assert.Equal("http://lab.example:5000/", client.BaseUri("lab.example:5000").ToString());
        Assert.Equal("http://localhost:5000/", client.BaseUri("localhost:5000").ToString());
        Assert.Equal("http://127.0.0.2:5000/", client.BaseUri("127.0.0.2:5000").ToString());
        Assert.Equal("http://[::1]:5000/", client.BaseUri("[::1]:5000").ToString());
    }

    private FakeRegistryHandler Serving(FakeRegistryHandler handler)
    {
        handler.Serve("/v2/app/manifests/1", _image.Manifest, MediaTypes.OciManifest);
        handler.Serve($"/v2/app/blobs/{Digests.Of(_image.Config)}", _image.Config);
        handler.Serve($"/v2/app/blobs/{Digests.Of(_image.Layer)}", _image.Layer);
        return handler;
    }

    private async Task<LocalImage> PullAsync(FakeRegistryHandler handler)
    {
        using var http = new HttpClient(handler);
        var client = new RegistryClient(http, new RegistryClientOptions { RetryDelay = TimeSpan.FromMilliseconds(1) });
        return await client.PullAsync(ImageReference.Parse(Image), new ImageStore(_folder["store"]), CancellationToken.None);
    }
}
