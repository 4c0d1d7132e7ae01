using System.Text.Json;

namespace Orchestrator.Images.Tests.Support;

/// <summary>Puts hand-made images straight into a store, the way a pull would leave them.</summary>
public static class TestImages
{
    public const string GzipLayer = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string DockerGzipLayer = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public const string TarLayer = "application/vnd.oci.image.layer.v1.tar";

    /// <summary>Stores gzip layers built from <paramref name="layers"/>, a config with their diff_ids, and a manifest; tags the reference.</summary>
    public static Task<string> AddAsync(ImageStore store, string reference, params LayerBuilder[] layers) =>
        AddAsync(store, reference, layers.Select(l => (l.ToGzip(), GzipLayer, l.ToTar())).ToArray());

    public static async Task<string> AddAsync(
        ImageStore store, string reference, (byte[] Blob, string MediaType, byte[] Uncompressed)[] layers, string? configJson = null)
    {
        var diffIds = layers.Select(l => Digests.Of(l.Uncompressed)).ToList();
        var config = System.Text.Encoding.UTF8.GetBytes(configJson ?? JsonSerializer.Serialize(new
        {
            architecture = "amd64",
            os = "linux",
            config = new { Cmd = new[] { "sh" } },
            rootfs = new { type = "layers", diff_ids = diffIds },
        }));
        foreach (var blob in layers.Select(l => l.Blob).Append(config))
        {
            await store.WriteBlobAsync(new MemoryStream(blob), Digests.Of(blob), CancellationToken.None);
        }

        var manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = MediaTypes.OciManifest,
            config = new { mediaType = MediaTypes.OciConfig, digest = Digests.Of(config), size = config.Length },
            layers = layers.Select(l => new { mediaType = l.MediaType, digest = Digests.Of(l.Blob), size = l.Blob.Length }),
        });
        var digest = Digests.Of(manifest);
        await store.WriteBlobAsync(new MemoryStream(manifest), digest, CancellationToken.None);
        store.Tag(ImageReference.Parse(reference), digest);
        return digest;
    }
}
