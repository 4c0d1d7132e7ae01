using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Orchestrator.Images;

/// <summary>
/// Builds a tiny runnable image, without a registry or the internet, from Debian's statically linked busybox
/// (`apt-get install -y busybox-static`): one gzip layer with bin/busybox, its applets as symlinks, /etc/passwd and
/// /tmp, and a config whose Cmd is ["sh"]. Written as an OCI image-layout archive that
/// <see cref="OciLayoutImporter"/>, `skopeo` and `ctr import` read. In the library rather than a test helper because
/// the README's walkthrough and an air-gapped node need it as much as the tests do.
/// </summary>
public static class BusyboxImage
{
    public const string DefaultBinary = "/bin/busybox";

    public const string DefaultReference = "localhost/busybox:latest";

    private const int PtInterp = 3;

    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;

    /// <summary>The applets linked into bin/: enough for a shell, probes and the examples.</summary>
    public static IReadOnlyList<string> Applets { get; } =
    [
        "sh", "echo", "sleep", "cat", "ls", "env", "printenv", "true", "false", "test", "mkdir", "rm", "cp", "mv", "touch",
        "head", "tail", "grep", "sed", "wc", "date", "uname", "hostname", "id", "whoami", "pwd", "ps", "kill", "wget", "nc",
    ];

    /// <summary>
    /// Writes the image as an OCI layout archive at <paramref name="archivePath"/>, named <paramref name="reference"/>,
    /// and returns its manifest digest. The same binary always gives the same digests: times and owners are fixed.
    /// </summary>
    public static async Task<string> WriteLayoutAsync(
        string archivePath, string reference = DefaultReference, string busybox = DefaultBinary, CancellationToken cancellationToken = default)
    {
        var name = ImageReference.Parse(reference);
        var image = await BuildAsync(busybox, cancellationToken);
        var index = new ManifestDocument
        {
            SchemaVersion = 2,
            MediaType = MediaTypes.OciIndex,
            Manifests =
            [
                new Descriptor
                {
                    MediaType = MediaTypes.OciManifest,
                    Digest = image.ManifestDigest,
                    Size = image.Manifest.Length,
                    Platform = OciPlatform.Running,
                    // As `docker save` writes them: the full name for Docker and containerd, the tag for OCI tools.
                    Annotations = new Dictionary<string, string>
                    {
                        [Descriptor.ContainerdNameAnnotation] = name.ToString(),
                        [Descriptor.RefNameAnnotation] = name.Tag ?? "latest",
                    },
                },
            ],
        };

        await using var file = new FileStream(archivePath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using var writer = new TarWriter(file, TarEntryFormat.Ustar, leaveOpen: true);
        await AddFileAsync(writer, "oci-layout", """{"imageLayoutVersion":"1.0.0"}"""u8.ToArray(), cancellationToken);
        await AddFileAsync(writer, "index.json", JsonSerializer.SerializeToUtf8Bytes(index, OciJson.Options), cancellationToken);
        foreach (var (digest, content) in image.Blobs)
        {
            await AddFileAsync(writer, "blobs/sha256/" + Digests.Hex(digest), content, cancellationToken);
        }

        return image.ManifestDigest;
    }

    /// <summary>The image's blobs in memory (busybox is about 2 MB), for writers of layouts and test registries.</summary>
    internal static async Task<BuiltImage> BuildAsync(string busybox, CancellationToken cancellationToken)
    {
        RequireStatic(busybox);
        using var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            await writer.WriteEntryAsync(Entry(TarEntryType.Directory, "bin/", 0b111_101_101), cancellationToken);
            await using (var binary = File.OpenRead(busybox))
            {
                var entry = Entry(TarEntryType.RegularFile, "bin/busybox", 0b111_101_101);
                entry.DataStream = binary;
                await writer.WriteEntryAsync(entry, cancellationToken);
            }

            foreach (var applet in Applets)
            {
                var link = Entry(TarEntryType.SymbolicLink, "bin/" + applet, 0b111_111_111);
                link.LinkName = "busybox";
                await writer.WriteEntryAsync(link, cancellationToken);
            }

            await writer.WriteEntryAsync(Entry(TarEntryType.Directory, "etc/", 0b111_101_101), cancellationToken);
            await writer.WriteEntryAsync(Text("etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n"), cancellationToken);
            await writer.WriteEntryAsync(Text("etc/group", "root:x:0:\nnogroup:x:65534:\n"), cancellationToken);
            await writer.WriteEntryAsync(Entry(TarEntryType.Directory, "root/", 0b111_000_000), cancellationToken);
            await writer.WriteEntryAsync(Entry(TarEntryType.Directory, "tmp/", 0b111_111_111 | (int)UnixFileMode.StickyBit), cancellationToken);
        }

        var uncompressed = tar.ToArray();
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            await gzip.WriteAsync(uncompressed, cancellationToken);
        }

        var layer = compressed.ToArray();
        var config = JsonSerializer.SerializeToUtf8Bytes(
            new ConfigDocument
            {
                Architecture = OciPlatform.Running.Architecture,
                Os = OciPlatform.Running.Os,
                Config = new ConfigDocument.RunConfig
                {
                    Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                    Cmd = ["sh"],
                    WorkingDir = "/",
                },
                Rootfs = new ConfigDocument.RootFs { Type = "layers", DiffIds = [Digests.Of(uncompressed)] },
            },
            OciJson.Options);
        var manifest = JsonSerializer.SerializeToUtf8Bytes(
            new ManifestDocument
            {
                SchemaVersion = 2,
                MediaType = MediaTypes.OciManifest,
                Config = new Descriptor { MediaType = MediaTypes.OciConfig, Digest = Digests.Of(config), Size = config.Length },
                Layers = [new Descriptor { MediaType = MediaTypes.OciLayerGzip, Digest = Digests.Of(layer), Size = layer.Length }],
            },
            OciJson.Options);
        return new BuiltImage(manifest, config, layer);
    }

    // Debian's plain busybox package is dynamically linked and would not start in a root file system without libc.
    private static void RequireStatic(string busybox)
    {
        if (!File.Exists(busybox))
        {
            throw new FileNotFoundException($"{busybox} is missing: install Debian's statically linked busybox with `apt-get install -y busybox-static`", busybox);
        }

        var elf = File.ReadAllBytes(busybox);
        if (elf.Length < 64 || !elf.AsSpan(0, 4).SequenceEqual("\u007fELF"u8) || elf[4] != 2 || elf[5] != 1)
        {
            return;
        }

        var offset = (long)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(0x20));
        var size = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x36));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x38));
        for (var i = 0; i < count && offset + ((i + 1) * size) <= elf.Length; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan((int)(offset + (i * size)))) == PtInterp)
            {
                throw new InvalidOperationException(
                    $"{busybox} is dynamically linked and would not run in an image without libc: install busybox-static (`apt-get install -y busybox-static`)");
            }
        }
    }

    private static UstarTarEntry Entry(TarEntryType type, string name, int mode) => new(type, name)
    {
        Mode = (UnixFileMode)mode,
        ModificationTime = Epoch,
        Uid = 0,
        Gid = 0,
    };

    private static UstarTarEntry Text(string name, string content)
    {
        var entry = Entry(TarEntryType.RegularFile, name, 0b110_100_100);
        entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        return entry;
    }

    private static Task AddFileAsync(TarWriter writer, string name, byte[] content, CancellationToken cancellationToken)
    {
        var entry = Entry(TarEntryType.RegularFile, name, 0b110_100_100);
        entry.DataStream = new MemoryStream(content);
        return writer.WriteEntryAsync(entry, cancellationToken);
    }

    /// <summary>An image's three blobs and their digests.</summary>
    internal sealed record BuiltImage(byte[] Manifest, byte[] Config, byte[] Layer)
    {
        public string ManifestDigest => Digests.Of(Manifest);

        public IEnumerable<(string Digest, byte[] Content)> Blobs =>
            [(Digests.Of(Layer), Layer), (Digests.Of(Config), Config), (ManifestDigest, Manifest)];
    }
}
