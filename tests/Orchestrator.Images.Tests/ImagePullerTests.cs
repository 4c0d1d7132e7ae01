using Orchestrator.Images.Tests.Support;

namespace Orchestrator.Images.Tests;

[Collection(RegistryCollection.Name)]
public sealed class ImagePullerTests : IDisposable
{
    private readonly RegistryFixture _registry;
    private readonly TempFolder _folder = new();
    private readonly ImageStore _store;
    private readonly CountingHandler _handler = new();
    private readonly HttpClient _http;
    private readonly ImagePuller _puller;

    public ImagePullerTests(RegistryFixture registry)
    {
        _registry = registry;
        _store = new ImageStore(_folder["store"]);
        _http = new HttpClient(_handler);
        _puller = new ImagePuller(_store, new RegistryClient(_http, new RegistryClientOptions { MaxRetryAttempts = 0 }));
    }

    public void Dispose()
    {
        _http.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task If_not_present_pulls_an_absent_image()
    {
        var image = await _puller.PullAsync(_registry.Image, ImagePullPolicy.IfNotPresent, CancellationToken.None);

        Assert.True(image.Pulled);
        Assert.Equal(_registry.ManifestDigest, image.ManifestDigest);
    }

    [Fact]
    public async Task If_not_present_uses_the_local_image_without_contacting_the_registry()
    {
        await using var registry = await LoopbackRegistry.StartAsync();
        var image = $"{registry.Address}/{RegistryFixture.Repository}:{RegistryFixture.Tag}";
        await new RegistryPusher(_http, registry.Address).PushImageAsync(RegistryFixture.Repository, RegistryFixture.Tag, _registry.Busybox);
        await _puller.PullAsync(image, ImagePullPolicy.IfNotPresent, CancellationToken.None);
        await registry.StopAsync();
        var before = _handler.Requests.Count;

        var local = await _puller.PullAsync(image, ImagePullPolicy.IfNotPresent, CancellationToken.None);

        Assert.False(local.Pulled);
        Assert.Equal(_registry.ManifestDigest, local.ManifestDigest);
        Assert.Equal(["sh"], local.Config.Cmd);
        Assert.Equal(before, _handler.Requests.Count);
        // Always does go to the registry, which is really down.
        var error = await Assert.ThrowsAsync<RegistryException>(() => _puller.PullAsync(image, ImagePullPolicy.Always, CancellationToken.None));
        Assert.Contains(registry.Address, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Always_asks_the_registry_for_the_manifest_even_when_the_image_is_present()
    {
        await _puller.PullAsync(_registry.Image, ImagePullPolicy.IfNotPresent, CancellationToken.None);

        var image = await _puller.PullAsync(_registry.Image, ImagePullPolicy.Always, CancellationToken.None);

        Assert.True(image.Pulled);
        Assert.Equal(0, image.DownloadedBytes);
        Assert.Equal(2, _handler.Count("manifests"));
        Assert.Equal(2, _handler.Count("blobs"));
    }

    [Fact]
    public async Task Never_fails_as_kubelet_does_when_the_image_is_absent_and_asks_nobody()
    {
        var error = await Assert.ThrowsAsync<ImageNeverPullException>(() => _puller.PullAsync("busybox:1.36", ImagePullPolicy.Never, CancellationToken.None));

        Assert.Equal("Container image \"busybox:1.36\" is not present with pull policy of Never", error.Message);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task Never_uses_an_image_that_is_present()
    {
        await BusyboxImage.WriteLayoutAsync(_folder["bb.tar"], "localhost/busybox:1");
        await new OciLayoutImporter(_store).ImportAsync(_folder["bb.tar"], name: null, CancellationToken.None);

        var image = await _puller.PullAsync("localhost/busybox:1", ImagePullPolicy.Never, CancellationToken.None);

        Assert.False(image.Pulled);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task An_invalid_name_is_refused_before_any_request()
    {
        await Assert.ThrowsAsync<InvalidImageReferenceException>(() => _puller.PullAsync("Busybox", ImagePullPolicy.Always, CancellationToken.None));

        Assert.Empty(_handler.Requests);
    }
}
