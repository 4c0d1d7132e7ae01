using Orchestrator.Images.Tests.Support;

namespace Orchestrator.Images.Tests;

/// <summary>Blobs damaged on a real registry's disk: each test corrupts its own registry.</summary>
public sealed class RegistryCorruptionTests : IAsyncLifetime
{
    private const string Repository = "tools/bb";

    private readonly TempFolder _folder = new();
    private readonly HttpClient _http = new();
    private LoopbackRegistry _registry = null!;
    private BusyboxImage.BuiltImage _image = null!;
    private ImageStore _store = null!;

    public async Task InitializeAsync()
    {
        _registry = await LoopbackRegistry.StartAsync();
        _image = await BusyboxImage.BuildAsync(BusyboxImage.DefaultBinary, CancellationToken.None);
        await new RegistryPusher(_http, _registry.Address).PushImageAsync(Repository, "1", _image);
        _store = new ImageStore(_folder["store"]);
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        _http.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_layer_corrupted_on_the_registrys_disk_is_refused_and_nothing_enters_the_store()
    {
        var layer = Digests.Of(_image.Layer);
        Corrupt(_registry.BlobDataPath(layer));
        var reference = ImageReference.Parse($"{_registry.Address}/{Repository}:1");

        var error = await Assert.ThrowsAsync<DigestMismatchException>(() => new RegistryClient(_http).PullAsync(reference, _store, CancellationToken.None));

        Assert.Equal(layer, error.Expected);
        Assert.NotEqual(layer, error.Actual);
        Assert.Contains($"/v2/{Repository}/blobs/{layer}", error.Origin, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder["store/blobs/sha256"]));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder["store/tmp"]));
        Assert.Null(_store.Resolve(reference));
    }

    [Fact]
    public async Task A_manifest_corrupted_on_the_registrys_disk_is_refused_when_pulled_by_digest()
    {
        Corrupt(_registry.BlobDataPath(_image.ManifestDigest));
        var reference = ImageReference.Parse($"{_registry.Address}/{Repository}@{_image.ManifestDigest}");

        var error = await Assert.ThrowsAsync<DigestMismatchException>(() => new RegistryClient(_http).PullAsync(reference, _store, CancellationToken.None));

        Assert.Equal(_image.ManifestDigest, error.Expected);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder["store/blobs/sha256"]));
    }

    // Same length, different bytes: the registry still serves it, with the size it recorded.
    private static void Corrupt(string path)
    {
        var content = File.ReadAllBytes(path);
        content[content.Length / 2] ^= 0x20;
        File.WriteAllBytes(path, content);
    }
}
