using System.Text;
using Orchestrator.Images.Tests.Support;

namespace Orchestrator.Images.Tests;

public sealed class ImageStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_blob_is_stored_under_its_digest_once_it_verifies()
    {
        var store = new ImageStore(_folder["store"]);
        var content = Encoding.UTF8.GetBytes("hello");
        var digest = Digests.Of(content);

        var path = await store.WriteBlobAsync(new MemoryStream(content), digest, CancellationToken.None);

        Assert.Equal(Path.Join(_folder["store"], "blobs", "sha256", digest[7..]), path);
        Assert.True(store.Has(digest));
        Assert.Equal(content, await store.ReadBlobAsync(digest, CancellationToken.None));
    }

    [Fact]
    public async Task Content_that_does_not_match_its_digest_is_refused_and_leaves_nothing_behind()
    {
        var store = new ImageStore(_folder["store"]);
        var claimed = Digests.Of("hello"u8);

        var error = await Assert.ThrowsAsync<DigestMismatchException>(
            () => store.WriteBlobAsync(new MemoryStream("jello"u8.ToArray()), claimed, CancellationToken.None));

        Assert.Equal((claimed, Digests.Of("jello"u8)), (error.Expected, error.Actual));
        Assert.Contains(claimed, error.Message, StringComparison.Ordinal);
        Assert.Contains(Digests.Of("jello"u8), error.Message, StringComparison.Ordinal);
        Assert.False(store.Has(claimed));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder["store/blobs/sha256"]));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder["store/tmp"]));
    }

    [Fact]
    public void A_malformed_digest_is_an_argument_error_not_a_path()
    {
        var store = new ImageStore(_folder["store"]);

        Assert.Throws<ArgumentException>(() => store.Has("sha256:../../etc/passwd"));
    }

    [Fact]
    public async Task References_survive_reopening_the_store_and_the_index_is_replaced_whole()
    {
        var digest = await TestImages.AddAsync(new ImageStore(_folder["store"]), "r.example/app:1", LayerBuilder.New().File("a", "1"));
        var store = new ImageStore(_folder["store"]);
        store.Tag(ImageReference.Parse("r.example/app:stable"), digest);

        Assert.Equal(digest, store.Resolve(ImageReference.Parse("r.example/app:1")));
        Assert.Equal(digest, new ImageStore(_folder["store"]).Resolve(ImageReference.Parse("r.example/app:stable")));
        Assert.Null(store.Resolve(ImageReference.Parse("r.example/app:2")));
        Assert.Equal(["r.example/app:1", "r.example/app:stable"], store.References.Keys);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder["store/tmp"]));
        Assert.True(store.Untag(ImageReference.Parse("r.example/app:1")));
        Assert.Null(new ImageStore(_folder["store"]).Resolve(ImageReference.Parse("r.example/app:1")));
    }

    [Fact]
    public async Task Two_stores_on_one_folder_tagging_at_once_keep_every_tag()
    {
        var digest = await TestImages.AddAsync(new ImageStore(_folder["store"]), "r.example/app:0", LayerBuilder.New().File("a", "1"));
        var first = new ImageStore(_folder["store"]);
        var second = new ImageStore(_folder["store"]);

        await Task.WhenAll(Enumerable.Range(1, 40).Select(i => Task.Run(() =>
            (i % 2 == 0 ? first : second).Tag(ImageReference.Parse($"r.example/app:{i}"), digest))));

        Assert.Equal(41, new ImageStore(_folder["store"]).References.Count);
    }

    [Fact]
    public void Tagging_a_manifest_the_store_lacks_is_refused()
    {
        var store = new ImageStore(_folder["store"]);

        Assert.Throws<InvalidOperationException>(() => store.Tag(ImageReference.Parse("a"), Digests.Of("nothing"u8)));
    }

    [Fact]
    public async Task An_image_missing_a_layer_is_not_found_locally()
    {
        var store = new ImageStore(_folder["store"]);
        await TestImages.AddAsync(store, "r.example/app:1", LayerBuilder.New().File("a", "1"));
        var layer = Directory.EnumerateFiles(_folder["store/blobs/sha256"])
            .First(f => File.ReadAllBytes(f) is [0x1f, 0x8b, ..]);
        File.Delete(layer);

        Assert.Null(await store.FindAsync(ImageReference.Parse("r.example/app:1"), CancellationToken.None));
    }

    [Fact]
    public async Task Unpacking_the_busybox_image_gives_a_root_file_system_that_runs()
    {
        var store = new ImageStore(_folder["store"]);
        await BusyboxImage.WriteLayoutAsync(_folder["bb.tar"], "localhost/busybox:1");
        await new OciLayoutImporter(store).ImportAsync(_folder["bb.tar"], name: null, CancellationToken.None);

        var config = await store.UnpackAsync(ImageReference.Parse("localhost/busybox:1"), _folder["rootfs"], CancellationToken.None);

        Assert.Equal(["sh"], config.Cmd);
        Assert.Contains(config.Env, e => e.StartsWith("PATH=", StringComparison.Ordinal));
        Assert.Equal("busybox", new FileInfo(_folder["rootfs/bin/sh"]).LinkTarget);
        Assert.Equal("hi\n", await Processes.RunAsync(_folder["rootfs/bin/busybox"], "echo", "hi"));
        Assert.Equal("hi\n", await Processes.RunAsync(_folder["rootfs/bin/sh"], "-c", "echo hi"));
        Assert.True(File.GetUnixFileMode(_folder["rootfs/tmp"]).HasFlag(UnixFileMode.StickyBit));
        Assert.DoesNotContain(Directory.EnumerateDirectories(_folder.Path), d => Path.GetFileName(d).Contains("unpacking", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unpacking_into_a_folder_that_has_files_is_refused()
    {
        var store = new ImageStore(_folder["store"]);
        await TestImages.AddAsync(store, "r.example/app:1", LayerBuilder.New().File("a", "1"));
        Directory.CreateDirectory(_folder["rootfs"]);
        File.WriteAllText(_folder["rootfs/keep"], "mine");

        await Assert.ThrowsAsync<IOException>(() => store.UnpackAsync(ImageReference.Parse("r.example/app:1"), _folder["rootfs"], CancellationToken.None));

        Assert.Equal("mine", File.ReadAllText(_folder["rootfs/keep"]));
    }

    [Fact]
    public async Task Unpacking_an_image_the_store_lacks_says_to_pull_it()
    {
        var store = new ImageStore(_folder["store"]);

        var error = await Assert.ThrowsAsync<ImageNotFoundException>(
            () => store.UnpackAsync(ImageReference.Parse("r.example/app:1"), _folder["rootfs"], CancellationToken.None));

        Assert.Contains("pull or import it first", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder["rootfs"]));
    }
}
