using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;

namespace Orchestrator.Images;

/// <summary>
/// Imports an OCI image-layout archive (a tar, optionally gzipped, holding oci-layout, index.json and blobs/sha256/...)
/// into an <see cref="ImageStore"/>: what `docker save` (Docker 25+), `skopeo copy ... oci-archive:` and `ctr export`
/// write. Every blob is verified, and nothing is stored unless every image the archive names is complete.
/// </summary>
public sealed class OciLayoutImporter
{
    private const int MaxIndexBytes = 4 << 20;

    private readonly ImageStore _store;
    private readonly OciPlatform _platform;

    public OciLayoutImporter(ImageStore store, string? platform = null)
    {
        _store = store;
        _platform = platform is null ? OciPlatform.Running : OciPlatform.Parse(platform);
    }

    /// <summary>
    /// Imports the images index.json lists (for this platform, where it lists several). Each is registered under
    /// <paramref name="name"/> when given, else under its io.containerd.image.name or org.opencontainers.image.ref.name
    /// annotation.
    /// </summary>
    public async Task<IReadOnlyList<LocalImage>> ImportAsync(string archivePath, ImageReference? name, CancellationToken cancellationToken)
    {
        using var batch = _store.BeginBatch();
        var (layout, indexJson) = await ReadArchiveAsync(archivePath, batch, cancellationToken);
        if (layout is null || indexJson is null)
        {
            throw new InvalidDataException(
                $"{archivePath} is not an OCI image layout: it has no {(layout is null ? "oci-layout" : "index.json")}. "
                + "Write one with `docker save` (Docker 25 or later), `skopeo copy docker://IMAGE oci-archive:FILE` or `ctr export`");
        }

        var index = ManifestDocument.Parse(indexJson, $"{archivePath}: index.json");
        var images = new List<(ImageReference Reference, string Digest)>();
        foreach (var entry in index.Manifests ?? [])
        {
            var manifest = entry;
            if (MediaTypes.IsIndex(entry.MediaType))
            {
                var nested = ManifestDocument.Parse(await NeedAsync(batch, entry.Digest, archivePath, cancellationToken), $"{archivePath}: index {entry.Digest}");
                manifest = nested.SelectPlatform(_platform, $"{archivePath}: {entry.Digest}");
            }
            else if (entry.Platform is { } platform && !_platform.Matches(platform))
            {
                continue;
            }

            images.Add((name ?? NameOf(entry, archivePath), manifest.Digest));
        }

        if (images.Count == 0)
        {
            throw new ImageNotFoundException(archivePath, $"{archivePath} holds no image for {_platform}");
        }

        if (name is not null && images.Select(i => i.Digest).Distinct().Count() > 1)
        {
            throw new ArgumentException($"{archivePath} holds {images.Count} images, so one name cannot name them; import it without a name to use the names it gives", nameof(name));
        }

        var configs = new Dictionary<string, ImageConfig>(StringComparer.Ordinal);
        foreach (var (reference, digest) in images)
        {
            var manifest = ManifestDocument.Parse(await NeedAsync(batch, digest, archivePath, cancellationToken), $"{archivePath}: manifest {digest}");
            if (manifest.Layers!.Prepend(manifest.Config!).FirstOrDefault(b => !batch.Has(b.Digest)) is { } blob)
            {
                throw new InvalidDataException($"{archivePath} is missing blob {blob.Digest}, which image \"{reference}\" needs");
            }

            var config = await batch.ReadAsync(manifest.Config!.Digest, cancellationToken);
            configs[digest] = ConfigDocument.Parse(config, $"{archivePath}: config {manifest.Config.Digest}").ToImageConfig();
        }

        batch.Commit();
        foreach (var (reference, digest) in images)
        {
            _store.Tag(reference, digest);
        }

        return images.Select(i => new LocalImage(i.Reference, i.Digest, configs[i.Digest])).ToList();
    }

    private static async Task<(string? Layout, byte[]? Index)> ReadArchiveAsync(string archivePath, BlobBatch batch, CancellationToken cancellationToken)
    {
        string? layout = null;
        byte[]? index = null;
        await using var file = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var magic = new byte[2];
        var gzipped = await file.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, cancellationToken) == 2 && magic is [0x1f, 0x8b];
        file.Position = 0;
        await using var archive = gzipped ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : (Stream)file;
        await using var reader = new TarReader(archive, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
            {
                continue;
            }

            var path = string.Join('/', ScopedPath.Clean(entry.Name, archivePath));
            var data = entry.DataStream ?? Stream.Null;
            if (path == "oci-layout")
            {
                using var json = await JsonDocument.ParseAsync(data, cancellationToken: cancellationToken);
                layout = json.RootElement.TryGetProperty("imageLayoutVersion", out var version) ? version.GetString() : null;
                if (layout is null)
                {
                    throw new InvalidDataException($"{archivePath}: oci-layout has no imageLayoutVersion");
                }
            }
            else if (path == "index.json")
            {
                if (entry.Length > MaxIndexBytes)
                {
                    throw new InvalidDataException($"{archivePath}: index.json is larger than {MaxIndexBytes} bytes");
                }

                index = new byte[entry.Length];
                await data.ReadExactlyAsync(index, cancellationToken);
            }
            else if (path.Split('/') is ["blobs", var algorithm, var hex])
            {
                var digest = $"{algorithm}:{hex}";
                if (algorithm != "sha256" || !Digests.IsValid(digest))
                {
                    throw new NotSupportedException($"{archivePath}: blob {entry.Name} is not named by a sha256 digest, the only algorithm supported");
                }

                await batch.AddAsync(data, digest, entry.Length, $"{archivePath}: {entry.Name}", cancellationToken);
            }
        }

        return (layout, index);
    }

    private static async Task<byte[]> NeedAsync(BlobBatch batch, string digest, string archivePath, CancellationToken cancellationToken) =>
        batch.Has(digest)
            ? await batch.ReadAsync(digest, cancellationToken)
            : throw new InvalidDataException($"{archivePath} is missing blob {digest}, which its index.json lists");

    // containerd and Docker write the full name in io.containerd.image.name and only the tag in ref.name; other tools
    // write the full name in ref.name.
    private static ImageReference NameOf(Descriptor entry, string archivePath)
    {
        if (entry.Annotation(Descriptor.ContainerdNameAnnotation) is { } full)
        {
            return ImageReference.Parse(full);
        }

        var refName = entry.Annotation(Descriptor.RefNameAnnotation);
        if (refName is not null && (refName.Contains('/', StringComparison.Ordinal) || refName.Contains(':', StringComparison.Ordinal)))
        {
            return ImageReference.Parse(refName);
        }

        throw new InvalidDataException(refName is null
            ? $"{archivePath}: image {entry.Digest} has no {Descriptor.RefNameAnnotation} annotation; give the import a name"
            : $"{archivePath}: image {entry.Digest} is named only by the tag \"{refName}\"; give the import a name, such as localhost/app:{refName}");
    }
}
