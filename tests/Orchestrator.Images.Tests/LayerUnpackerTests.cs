using System.Text.Json;
using Orchestrator.Images.Tests.Support;

namespace Orchestrator.Images.Tests;

/// <summary>Unpacking layers as overlayfs would show them, and never outside the root file system.</summary>
public sealed class LayerUnpackerTests : IDisposable
{
    private const string Image = "r.example/app:1";

    private readonly TempFolder _folder = new();
    private readonly ImageStore _store;

    public LayerUnpackerTests()
    {
        _store = new ImageStore(_folder["store"]);
    }

    private string RootFs => _folder["rootfs"];

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_later_layer_replaces_files_and_a_whiteout_deletes_what_a_lower_layer_made()
    {
        await UnpackAsync(
            LayerBuilder.New().File("etc/motd", "one").File("etc/gone", "x").Directory("var/cache/").File("var/cache/a", "a"),
            LayerBuilder.New().File("etc/motd", "two").Whiteout("etc/gone").Whiteout("var/cache"));

        Assert.Equal("two", File.ReadAllText(Path.Join(RootFs, "etc/motd")));
        Assert.False(File.Exists(Path.Join(RootFs, "etc/gone")));
        Assert.False(Directory.Exists(Path.Join(RootFs, "var/cache")));
        Assert.True(Directory.Exists(Path.Join(RootFs, "var")));
        Assert.Empty(Directory.EnumerateFiles(RootFs, ".wh.*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_opaque_directory_loses_lower_content_but_keeps_its_own_layers_whatever_the_order()
    {
        await UnpackAsync(
            LayerBuilder.New().File("app/old", "1").File("app/sub/old", "1").File("app/sub/kept-dir-lower", "1").File("other/stays", "1"),
            // The marker comes after this layer's own entries: they must survive it.
            LayerBuilder.New().File("app/new", "2").File("app/sub/new", "2").Opaque("app"));

        Assert.Equal(["new", "sub"], Names("app"));
        Assert.Equal(["new"], Names("app/sub"));
        Assert.True(File.Exists(Path.Join(RootFs, "other/stays")));
    }

    [Fact]
    public async Task A_whiteout_of_a_link_to_a_host_folder_removes_the_link_and_not_the_folder()
    {
        Directory.CreateDirectory(_folder["host"]);
        File.WriteAllText(_folder["host/precious"], "keep");

        await UnpackAsync(
            LayerBuilder.New().Symlink("data", _folder["host"]).Directory("dir/").Symlink("dir/link", _folder["host"]),
            LayerBuilder.New().Whiteout("data").Whiteout("dir"));

        Assert.Equal("keep", File.ReadAllText(_folder["host/precious"]));
        Assert.False(File.Exists(Path.Join(RootFs, "data")));
    }

    [Theory]
    [InlineData("../escaped", "climbs out of the root")]
    [InlineData("a/../../escaped", "climbs out of the root")]
    [InlineData("/escaped", "absolute path")]
    public async Task An_entry_that_names_a_path_outside_the_root_is_refused_and_nothing_is_left(string name, string reason)
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => UnpackAsync(LayerBuilder.New().File("ok", "1").File(name, "x")));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("layer 1", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder["escaped"]));
        Assert.False(File.Exists("/escaped"));
        Assert.False(Directory.Exists(RootFs));
        Assert.Equal(["store"], Directory.EnumerateFileSystemEntries(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Writing_through_a_link_to_an_absolute_host_path_lands_inside_the_root()
    {
        Directory.CreateDirectory(_folder["host"]);

        await UnpackAsync(
            LayerBuilder.New().Symlink("evil", _folder["host"]),
            LayerBuilder.New().File("evil/pwned", "x"));

        Assert.False(File.Exists(_folder["host/pwned"]));
        // Resolved as a chroot would: the absolute target is taken inside the root.
        Assert.True(File.Exists(Path.Join(RootFs, _folder["host"], "pwned")));
    }

    [Fact]
    public async Task Climbing_through_a_relative_link_stops_at_the_root()
    {
        await UnpackAsync(
            // One level too many from rootfs/a/b: unclamped, it would reach the test's own folder, not the host's root.
            LayerBuilder.New().Directory("a/b/").Symlink("a/b/up", "../../.."),
            LayerBuilder.New().File("a/b/up/escaped", "x"));

        Assert.False(File.Exists(_folder["escaped"]));
        Assert.True(File.Exists(Path.Join(RootFs, "escaped")));
    }

    [Fact]
    public async Task A_file_entry_replaces_a_link_instead_of_writing_through_it()
    {
        File.WriteAllText(_folder["hostfile"], "keep");

        await UnpackAsync(
            LayerBuilder.New().Symlink("victim", _folder["hostfile"]),
            LayerBuilder.New().File("victim", "mine"));

        Assert.Equal("keep", File.ReadAllText(_folder["hostfile"]));
        Assert.Null(new FileInfo(Path.Join(RootFs, "victim")).LinkTarget);
        Assert.Equal("mine", File.ReadAllText(Path.Join(RootFs, "victim")));
    }

    [Fact]
    public async Task A_hard_link_must_point_at_a_file_inside_the_image()
    {
        await UnpackAsync(LayerBuilder.New().File("bin/tool", "#!", (UnixFileMode)0b111_101_101).HardLink("bin/alias", "bin/tool"));
        Assert.Equal("#!", File.ReadAllText(Path.Join(RootFs, "bin/alias")));
        Directory.Delete(RootFs, recursive: true);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => UnpackAsync(LayerBuilder.New().HardLink("passwd", "../../etc/passwd")));

        Assert.Contains("climbs out of the root", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(RootFs));
    }

    [Fact]
    public async Task Modes_and_owners_are_kept()
    {
        Assert.True(Environment.IsPrivilegedProcess, "ownership is only kept when unpacking as root, as these tests run");

        await UnpackAsync(LayerBuilder.New()
            .File("bin/run", "#!/bin/sh", (UnixFileMode)0b111_101_101)
            .File("home/app/secret", "s", (UnixFileMode)0b110_000_000, uid: 1000, gid: 1001)
            .Directory("readonly/", (UnixFileMode)0b101_101_101)
            .File("readonly/inside", "x"));

        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(Path.Join(RootFs, "bin/run")));
        Assert.Equal((UnixFileMode)0b110_000_000, File.GetUnixFileMode(Path.Join(RootFs, "home/app/secret")));
        Assert.Equal("1000:1001\n", await Processes.RunAsync("stat", "-c", "%u:%g", Path.Join(RootFs, "home/app/secret")));
        Assert.Equal((UnixFileMode)0b101_101_101, File.GetUnixFileMode(Path.Join(RootFs, "readonly")));
        Assert.True(File.Exists(Path.Join(RootFs, "readonly/inside")));
    }

    [Fact]
    public async Task Docker_gzip_and_uncompressed_tar_layers_unpack_too()
    {
        var docker = LayerBuilder.New().File("from-docker", "d");
        var plain = LayerBuilder.New().File("from-tar", "t");
        await TestImages.AddAsync(_store, Image, [(docker.ToGzip(), TestImages.DockerGzipLayer, docker.ToTar()), (plain.ToTar(), TestImages.TarLayer, plain.ToTar())]);

        await _store.UnpackAsync(ImageReference.Parse(Image), RootFs, CancellationToken.None);

        Assert.Equal(["from-docker", "from-tar"], Names(""));
    }

    [Fact]
    public async Task A_layer_that_does_not_match_its_diff_id_is_refused()
    {
        var layer = LayerBuilder.New().File("a", "1");
        var other = LayerBuilder.New().File("a", "2");
        await TestImages.AddAsync(_store, Image, [(layer.ToGzip(), TestImages.GzipLayer, other.ToTar())]);

        var error = await Assert.ThrowsAsync<DigestMismatchException>(() => _store.UnpackAsync(ImageReference.Parse(Image), RootFs, CancellationToken.None));

        Assert.Equal(Digests.Of(other.ToTar()), error.Expected);
        Assert.Equal(Digests.Of(layer.ToTar()), error.Actual);
        Assert.False(Directory.Exists(RootFs));
    }

    [Fact]
    public async Task The_config_says_how_to_run_the_image()
    {
        var layer = LayerBuilder.New().File("app", "x");
        var config = JsonSerializer.Serialize(new
        {
            architecture = "amd64",
            os = "linux",
            config = new
            {
                Entrypoint = new[] { "/app", "--serve" },
                Cmd = new[] { "--port", "80" },
                Env = new[] { "PATH=/bin", "MODE=prod" },
                WorkingDir = "/srv",
                User = "1000:1000",
            },
            rootfs = new { type = "layers", diff_ids = new[] { Digests.Of(layer.ToTar()) } },
        });
        await TestImages.AddAsync(_store, Image, [(layer.ToGzip(), TestImages.GzipLayer, layer.ToTar())], config);

        var image = await _store.UnpackAsync(ImageReference.Parse(Image), RootFs, CancellationToken.None);

        Assert.Equal(new[] { "/app", "--serve" }, image.Entrypoint);
        Assert.Equal(new[] { "--port", "80" }, image.Cmd);
        Assert.Equal(new[] { "PATH=/bin", "MODE=prod" }, image.Env);
        Assert.Equal(("/srv", "1000:1000", "linux", "amd64"), (image.WorkingDir, image.User, image.Os, image.Architecture));
    }

    private async Task UnpackAsync(params LayerBuilder[] layers)
    {
        await TestImages.AddAsync(_store, Image, layers);
        await _store.UnpackAsync(ImageReference.Parse(Image), RootFs, CancellationToken.None);
    }

    private string[] Names(string relative) =>
        Directory.EnumerateFileSystemEntries(Path.Join(RootFs, relative)).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray();
}
