using System.IO.Compression;

namespace Orchestrator.Images;

/// <summary>
/// A content-addressed image store in one folder: blobs/sha256/&lt;hex&gt;, each verified against its digest before
/// it is given its name, and index.json mapping image references to manifest digests. One agent process owns a store;
/// writers inside it may run concurrently.
/// </summary>
public sealed class ImageStore
{
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    private readonly string _blobFolder;
    private readonly ReferenceIndex _index;

    public ImageStore(string root, TimeProvider? time = null)
    {
        Root = Path.GetFullPath(root);
        _blobFolder = Path.Join(Root, "blobs", "sha256");
        TemporaryFolder = Path.Join(Root, "tmp");
        Directory.CreateDirectory(_blobFolder);
        Directory.CreateDirectory(TemporaryFolder);
        SweepAbandoned((time ?? TimeProvider.System).GetUtcNow().UtcDateTime);
        _index = new ReferenceIndex(Path.Join(Root, "index.json"), TemporaryFolder);
    }

    /// <summary>The store's folder, as a full path.</summary>
    public string Root { get; }

    /// <summary>Every reference the store knows, canonical form -> manifest digest.</summary>
    public IReadOnlyDictionary<string, string> References => _index.ReadAll();

    // Beside the blobs, so that committing a blob is a rename within one file system.
    internal string TemporaryFolder { get; }

    public bool Has(string digest) => File.Exists(BlobPath(digest));

    public string BlobPath(string digest) =>
        Digests.IsValid(digest)
            ? Path.Join(_blobFolder, Digests.Hex(digest))
            : throw new ArgumentException($"\"{digest}\" is not a sha256 digest (sha256: and 64 lowercase hex digits)", nameof(digest));

    public Stream OpenBlob(string digest) =>
        Has(digest)
            ? new FileStream(BlobPath(digest), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true)
            : throw new FileNotFoundException($"blob {digest} is not in the store at {Root}", BlobPath(digest));

    public async Task<byte[]> ReadBlobAsync(string digest, CancellationToken cancellationToken)
    {
        await using var blob = OpenBlob(digest);
        var content = new byte[blob.Length];
        await blob.ReadExactlyAsync(content, cancellationToken);
        return content;
    }

    /// <summary>Stores <paramref name="content"/> under <paramref name="digest"/>; throws <see cref="DigestMismatchException"/>, storing nothing, if it does not hash to it.</summary>
    public async Task<string> WriteBlobAsync(Stream content, string digest, CancellationToken cancellationToken)
    {
        using var batch = BeginBatch();
        await batch.AddAsync(content, digest, size: null, $"blob {digest}", cancellationToken);
        batch.Commit();
        return BlobPath(digest);
    }

    /// <summary>The manifest digest a reference points at, or null when the store has never had it.</summary>
    public string? Resolve(ImageReference reference) => _index.Get(reference.ToString());

    /// <summary>Points <paramref name="reference"/> at a manifest already in the store.</summary>
    public void Tag(ImageReference reference, string manifestDigest) => Tag([reference], manifestDigest);

    /// <summary>Forgets a reference; its blobs stay until a garbage collection (not written yet) removes them.</summary>
    public bool Untag(ImageReference reference) => _index.Remove(reference.ToString());

    /// <summary>The image under <paramref name="reference"/> if its manifest, config and every layer are present; null otherwise.</summary>
    public async Task<LocalImage?> FindAsync(ImageReference reference, CancellationToken cancellationToken)
    {
        if (Resolve(reference) is not { } digest || !Has(digest))
        {
            return null;
        }

        var manifest = ManifestDocument.Parse(await ReadBlobAsync(digest, cancellationToken), $"manifest {digest}");
        if (manifest.Config is not { } config || !Has(config.Digest) || manifest.Layers!.Any(l => !Has(l.Digest)))
        {
            return null;
        }

        var document = ConfigDocument.Parse(await ReadBlobAsync(config.Digest, cancellationToken), $"config {config.Digest}");
        return new LocalImage(reference, digest, document.ToImageConfig());
    }

    /// <summary>
    /// Extracts the image's layers, in order, into <paramref name="targetDirectory"/>, which must not exist or be
    /// empty, and returns its config. The root file system is built beside the target and renamed into place, so
    /// the target holds a whole image or nothing.
    /// </summary>
    public async Task<ImageConfig> UnpackAsync(ImageReference reference, string targetDirectory, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("root file systems are unpacked on Linux only");
        }

        var image = await FindAsync(reference, cancellationToken)
            ?? throw new ImageNotFoundException(reference.ToString(), $"image \"{reference}\" is not in the store at {Root}; pull or import it first");
        var manifest = ManifestDocument.Parse(await ReadBlobAsync(image.ManifestDigest, cancellationToken), $"manifest {image.ManifestDigest}");
        var config = ConfigDocument.Parse(await ReadBlobAsync(manifest.Config!.Digest, cancellationToken), $"config {manifest.Config.Digest}");
        var layers = manifest.Layers!;
        var diffIds = config.Rootfs?.DiffIds;
        if (diffIds is not null && diffIds.Count != layers.Count)
        {
            throw new InvalidDataException($"image \"{reference}\" has {layers.Count} layers but its config lists {diffIds.Count} diff_ids");
        }

        var target = Path.GetFullPath(targetDirectory);
        if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
        {
            throw new IOException($"cannot unpack \"{reference}\" into {target}: it exists and is not an empty folder");
        }

        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Join(parent, $".{Path.GetFileName(target)}.unpacking-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var unpacker = new LayerUnpacker(staging);
            for (var i = 0; i < layers.Count; i++)
            {
                var layer = layers[i];
                var what = $"layer {i + 1} ({layer.Digest}) of {reference}";
                var blob = OpenBlob(layer.Digest);
                await using var tar = new HashingReadStream(
                    MediaTypes.IsGzipLayer(layer.MediaType) ? new GZipStream(blob, CompressionMode.Decompress) : blob);
                await unpacker.ApplyAsync(tar, what, cancellationToken);
                var diffId = await tar.FinishAsync(cancellationToken);
                if (diffIds is not null && diffId != diffIds[i])
                {
                    throw new DigestMismatchException(diffIds[i], diffId, $"uncompressed {what}");
                }
            }

            File.SetUnixFileMode(staging, (UnixFileMode)0b111_101_101);
            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }

            Directory.Move(staging, target);
        }
        catch
        {
            TryDeleteFolder(staging);
            throw;
        }

        return image.Config;
    }

    internal BlobBatch BeginBatch() => new(this);

    internal void Tag(IEnumerable<ImageReference> references, string manifestDigest)
    {
        if (!Has(manifestDigest))
        {
            throw new InvalidOperationException($"cannot tag: manifest {manifestDigest} is not in the store at {Root}");
        }

        _index.Set(references.Select(r => r.ToString()), manifestDigest);
    }

    private void SweepAbandoned(DateTime now)
    {
        var cutoff = now - AbandonedAfter;
        foreach (var file in new DirectoryInfo(TemporaryFolder).EnumerateFiles().Where(f => f.LastWriteTimeUtc < cutoff))
        {
            try
            {
                file.Delete();
            }
            catch (IOException)
            {
                // Another process's file, or gone already; the next sweep tries again.
            }
        }
    }

    private static void TryDeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A half-built root file system in a dot-folder is harmless; the caller sees the original error.
        }
        catch (UnauthorizedAccessException)
        {
            // As above: read-only folders a layer made can stop an unprivileged delete.
        }
    }
}
