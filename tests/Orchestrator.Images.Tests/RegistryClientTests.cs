using System.Text.Json;
using Orchestrator.Images.Tests.Support;

namespace Orchestrator.Images.Tests;

/// <summary>Pulls from a real registry process (Debian's docker-registry) on loopback.</summary>
[Collection(RegistryCollection.Name)]
public sealed class RegistryClientTests : IDisposable
{
    private readonly RegistryFixture _registry;
    private readonly TempFolder _folder = new();
    private readonly ImageStore _store;
    private readonly CountingHandler _handler = new();
    private readonly HttpClient _http;
    private readonly RegistryClient _client;

    public RegistryClientTests(RegistryFixture registry)
    {
        _registry = registry;
        _store = new ImageStore(_folder["store"]);
        _http = new HttpClient(_handler);
        _client = new RegistryClient(_http, new RegistryClientOptions { RetryDelay = TimeSpan.FromMilliseconds(10) });
    }

    public void Dispose()
    {
        _http.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_pull_by_tag_stores_the_image_under_the_tag_and_its_digest()
    {
        var reference = ImageReference.Parse(_registry.Image);

        var image = await _client.PullAsync(reference, _store, CancellationToken.None);

        Assert.Equal(_registry.ManifestDigest, image.ManifestDigest);
        Assert.True(image.Pulled);
        Assert.Equal(_registry.Busybox.Layer.Length + _registry.Busybox.Config.Length, image.DownloadedBytes);
        Assert.Equal(["sh"], image.Config.Cmd);
        Assert.Equal(_registry.ManifestDigest, _store.Resolve(reference));
        Assert.Equal(_registry.ManifestDigest, _store.Resolve(reference.WithDigest(_registry.ManifestDigest)));
        Assert.All(_registry.Busybox.Blobs, b => Assert.True(_store.Has(b.Digest)));
    }

    [Fact]
    public async Task A_pull_by_digest_verifies_the_manifest_it_names()
    {
        var reference = ImageReference.Parse($"{_registry.Registry.Address}/{RegistryFixture.Repository}@{_registry.ManifestDigest}");

        var image = await _client.PullAsync(reference, _store, CancellationToken.None);

        Assert.Equal(_registry.ManifestDigest, image.ManifestDigest);
        Assert.Null(image.Reference.Tag);
        Assert.Equal(_registry.ManifestDigest, _store.Resolve(reference));
        Assert.Contains($"GET /v2/{RegistryFixture.Repository}/manifests/{_registry.ManifestDigest}", _handler.Requests);
    }

    [Fact]
    public async Task A_pull_by_tag_and_digest_asks_for_the_digest()
    {
        var reference = ImageReference.Parse($"{_registry.Image}@{_registry.ManifestDigest}");

        await _client.PullAsync(reference, _store, CancellationToken.None);

        Assert.Equal(_registry.ManifestDigest, _store.Resolve(reference));
        Assert.DoesNotContain(_handler.Requests, r => r.EndsWith($"/manifests/{RegistryFixture.Tag}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pulling_again_resolves_the_manifest_but_downloads_no_blob_already_present()
    {
        var reference = ImageReference.Parse(_registry.Image);
        await _client.PullAsync(reference, _store, CancellationToken.None);
        var before = _handler.Requests.Count;

        var again = await _client.PullAsync(reference, _store, CancellationToken.None);

        Assert.Equal(0, again.DownloadedBytes);
        Assert.Equal([$"GET /v2/{RegistryFixture.Repository}/manifests/{RegistryFixture.Tag}"], _handler.Requests.Skip(before));
    }

    [Theory]
    // Registry 2.8 answers MANIFEST_UNKNOWN for an unknown repository too; the code is quoted from the registry either way.
    [InlineData("tools/bb:no-such-tag")]
    [InlineData("no/such-repo:1")]
    public async Task An_image_the_registry_lacks_is_not_found_with_its_reference(string image)
    {
        var reference = ImageReference.Parse($"{_registry.Registry.Address}/{image}");

        var error = await Assert.ThrowsAsync<ImageNotFoundException>(() => _client.PullAsync(reference, _store, CancellationToken.None));

        Assert.Equal(reference.ToString(), error.Reference);
        Assert.Contains($"\"{reference}\" was not found at {_registry.Registry.Address}", error.Message, StringComparison.Ordinal);
        Assert.Contains("MANIFEST_UNKNOWN: manifest unknown", error.Message, StringComparison.Ordinal);
        Assert.Empty(_store.References);
    }

    [Fact]
    public async Task From_an_index_the_entry_for_the_running_platform_is_pulled()
    {
        var pusher = new RegistryPusher(_http, _registry.Registry.Address);
        var foreign = OciPlatform.Running.Architecture == "arm64" ? "amd64" : "arm64";
        var foreignManifest = await PushForeignImageAsync(pusher, foreign);
        var index = Index(
            (foreignManifest, new { os = "linux", architecture = foreign }),
            (_registry.Busybox.Manifest, new { os = OciPlatform.Running.Os, architecture = OciPlatform.Running.Architecture }));
        var indexDigest = await pusher.PushManifestAsync(RegistryFixture.Repository, "multi", index, MediaTypes.OciIndex);
        var reference = ImageReference.Parse($"{_registry.Registry.Address}/{RegistryFixture.Repository}:multi");

        var image = await _client.PullAsync(reference, _store, CancellationToken.None);

        Assert.Equal(_registry.ManifestDigest, image.ManifestDigest);
        Assert.Equal(_registry.ManifestDigest, _store.Resolve(reference));
        Assert.Equal(_registry.ManifestDigest, _store.Resolve(reference.WithDigest(indexDigest)));
        Assert.True(_store.Has(indexDigest));
        Assert.False(_store.Has(Digests.Of(foreignManifest)));
    }

    [Fact]
    public async Task An_index_with_no_entry_for_this_platform_lists_what_it_has()
    {
        var pusher = new RegistryPusher(_http, _registry.Registry.Address);
        var manifest = await PushForeignImageAsync(pusher, "s390x");
        await pusher.PushManifestAsync(RegistryFixture.Repository, "s390x-only", Index((manifest, new { os = "linux", architecture = "s390x" })), MediaTypes.OciIndex);
        var reference = ImageReference.Parse($"{_registry.Registry.Address}/{RegistryFixture.Repository}:s390x-only");

        var error = await Assert.ThrowsAsync<ImageNotFoundException>(() => _client.PullAsync(reference, _store, CancellationToken.None));

        Assert.Contains($"no manifest for {OciPlatform.Running}", error.Message, StringComparison.Ordinal);
        Assert.Contains("it has: linux/s390x", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_registry_is_named_in_the_error_after_the_retries()
    {
        var address = $"127.0.0.1:{LoopbackRegistry.FreePort()}";
        var client = new RegistryClient(_http, new RegistryClientOptions { MaxRetryAttempts = 2, RetryDelay = TimeSpan.FromMilliseconds(10) });

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.PullAsync(ImageReference.Parse($"{address}/a:1"), _store, CancellationToken.None));

        Assert.Equal(address, error.Registry);
        Assert.Contains($"could not reach registry {address} at http://{address}", error.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal(3, _handler.Requests.Count);
    }

    private async Task<byte[]> PushForeignImageAsync(RegistryPusher pusher, string architecture)
    {
        var config = JsonSerializer.SerializeToUtf8Bytes(new { architecture, os = "linux", rootfs = new { type = "layers", diff_ids = Array.Empty<string>() } });
        await pusher.PushBlobAsync(RegistryFixture.Repository, config);
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = MediaTypes.OciManifest,
            config = new { mediaType = MediaTypes.OciConfig, digest = Digests.Of(config), size = config.Length },
            layers = Array.Empty<object>(),
        });
        await pusher.PushManifestAsync(RegistryFixture.Repository, Digests.Of(manifest), manifest, MediaTypes.OciManifest);
        return manifest;
    }

    private static byte[] Index(params (byte[] Manifest, object Platform)[] entries) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        schemaVersion = 2,
        mediaType = MediaTypes.OciIndex,
        manifests = entries.Select(e => new { mediaType = MediaTypes.OciManifest, digest = Digests.Of(e.Manifest), size = e.Manifest.Length, platform = e.Platform }),
    });
}
