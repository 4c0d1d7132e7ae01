using System.Formats.Tar;
using System.Text.Json;
using Orchestrator.Images.Tests.Support;

namespace Orchestrator.Images.Tests;

public sealed class OciLayoutImporterTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ImageStore _store;

    public OciLayoutImporterTests()
    {
        _store = new ImageStore(_folder["store"]);
    }

    private OciLayoutImporter Importer => new(_store);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_layout_is_imported_under_the_name_its_annotations_give()
    {
        var digest = await BusyboxImage.WriteLayoutAsync(_folder["bb.tar"], "localhost/busybox:1.35");

        var images = await Importer.ImportAsync(_folder["bb.tar"], name: null, CancellationToken.None);

        var image = Assert.Single(images);
        Assert.Equal(("localhost/busybox:1.35", digest), (image.Reference.ToString(), image.ManifestDigest));
        Assert.Equal(["sh"], image.Config.Cmd);
        Assert.Equal(digest, _store.Resolve(ImageReference.Parse("localhost/busybox:1.35")));
        Assert.NotNull(await _store.FindAsync(ImageReference.Parse("localhost/busybox:1.35"), CancellationToken.None));
    }

    [Fact]
    public async Task A_name_given_by_the_caller_wins()
    {
        await BusyboxImage.WriteLayoutAsync(_folder["bb.tar"], "localhost/busybox:1.35");

        await Importer.ImportAsync(_folder["bb.tar"], ImageReference.Parse("registry.example/tools/bb:local"), CancellationToken.None);

        Assert.NotNull(_store.Resolve(ImageReference.Parse("registry.example/tools/bb:local")));
        Assert.Null(_store.Resolve(ImageReference.Parse("localhost/busybox:1.35")));
    }

    [Fact]
    public async Task A_full_name_in_the_ref_name_annotation_is_used_when_containerds_is_absent()
    {
        await WriteLayoutAsync(_folder["bb.tar"], new Dictionary<string, string> { ["org.opencontainers.image.ref.name"] = "example.com/bb:2" });

        var image = Assert.Single(await Importer.ImportAsync(_folder["bb.tar"], name: null, CancellationToken.None));

        Assert.Equal("example.com/bb:2", image.Reference.ToString());
    }

    [Fact]
    public async Task A_layout_that_names_only_a_tag_asks_for_a_name()
    {
        await WriteLayoutAsync(_folder["bb.tar"], new Dictionary<string, string> { ["org.opencontainers.image.ref.name"] = "2" });

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Importer.ImportAsync(_folder["bb.tar"], name: null, CancellationToken.None));

        Assert.Contains("give the import a name, such as localhost/app:2", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder["store/blobs/sha256"]));
    }

    [Fact]
    public async Task A_tampered_blob_is_refused_and_nothing_enters_the_store()
    {
        var image = await BusyboxImage.BuildAsync(BusyboxImage.DefaultBinary, CancellationToken.None);
        var layerDigest = Digests.Of(image.Layer);
        var tampered = image.Layer.ToArray();
        tampered[^20] ^= 0xff;
        await WriteLayoutAsync(_folder["bb.tar"], Annotations("localhost/bb:1"), image, replace: (layerDigest, tampered));

        var error = await Assert.ThrowsAsync<DigestMismatchException>(() => Importer.ImportAsync(_folder["bb.tar"], name: null, CancellationToken.None));

        Assert.Equal((layerDigest, Digests.Of(tampered)), (error.Expected, error.Actual));
        Assert.Contains("bb.tar", error.Origin, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder["store/blobs/sha256"]));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder["store/tmp"]));
        Assert.Empty(_store.References);
    }

    [Fact]
    public async Task A_layout_missing_a_layer_is_refused()
    {
        var image = await BusyboxImage.BuildAsync(BusyboxImage.DefaultBinary, CancellationToken.None);
        await WriteLayoutAsync(_folder["bb.tar"], Annotations("localhost/bb:1"), image, replace: (Digests.Of(image.Layer), null));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Importer.ImportAsync(_folder["bb.tar"], name: null, CancellationToken.None));

        Assert.Contains($"missing blob {Digests.Of(image.Layer)}", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder["store/blobs/sha256"]));
    }

    [Fact]
    public async Task A_tar_that_is_not_a_layout_says_how_to_make_one()
    {
        await using (var writer = new TarWriter(File.Create(_folder["plain.tar"])))
        {
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "manifest.json") { DataStream = new MemoryStream("[]"u8.ToArray()) });
        }

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Importer.ImportAsync(_folder["plain.tar"], name: null, CancellationToken.None));

        Assert.Contains("not an OCI image layout", error.Message, StringComparison.Ordinal);
        Assert.Contains("docker save", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Annotations(string name) => new() { ["io.containerd.image.name"] = name };

    private static async Task WriteLayoutAsync(
        string path, Dictionary<string, string> annotations, BusyboxImage.BuiltImage? image = null, (string Digest, byte[]? Content)? replace = null)
    {
        image ??= await BusyboxImage.BuildAsync(BusyboxImage.DefaultBinary, CancellationToken.None);
        var index = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            manifests = new[] { new { mediaType = MediaTypes.OciManifest, digest = image.ManifestDigest, size = image.Manifest.Length, annotations } },
        });
        await using var writer = new TarWriter(File.Create(path));
        await writer.WriteEntryAsync(Entry("oci-layout", """{"imageLayoutVersion":"1.0.0"}"""u8.ToArray()));
        await writer.WriteEntryAsync(Entry("index.json", index));
        foreach (var (digest, content) in image.Blobs)
        {
            var written = replace is { } r && r.Digest == digest ? r.Content : content;
            if (written is not null)
            {
                await writer.WriteEntryAsync(Entry("./blobs/sha256/" + digest[7..], written));
            }
        }
    }

    private static PaxTarEntry Entry(string name, byte[] content) => new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };
}
