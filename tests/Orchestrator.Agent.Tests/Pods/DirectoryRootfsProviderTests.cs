using System.Runtime.Versioning;
using Orchestrator.Agent.Pods;

namespace Orchestrator.Agent.Tests.Pods;

[SupportedOSPlatform("linux")]
public sealed class DirectoryRootfsProviderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("images-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("busybox", new[] { "busybox" })]
    [InlineData("busybox:1.36", new[] { "busybox_1.36" })]
    [InlineData("busybox:latest", new[] { "busybox_latest", "busybox" })]
    [InlineData("docker.io/library/busybox:latest", new[] { "docker.io_library_busybox_latest", "busybox" })]
    [InlineData("docker.io/bitnami/redis:7", new[] { "docker.io_bitnami_redis_7", "bitnami_redis_7" })]
    [InlineData("registry.local:5000/team/app@sha256:ab", new[] { "registry.local_5000_team_app_sha256_ab" })]
    [InlineData("..", new[] { "_.." })]
    public void An_image_is_looked_up_under_its_sanitized_reference_then_its_short_name(string image, string[] expected)
    {
        Assert.Equal(expected, DirectoryRootfsProvider.FolderNames(image));
    }

    [Fact]
    public async Task Each_container_gets_its_own_copy_with_links_modes_and_the_image_config()
    {
        var rootfs = Directory.CreateDirectory(Path.Combine(_root, "images", "tool_1.0", "rootfs")).FullName;
        Directory.CreateDirectory(Path.Combine(rootfs, "bin"));
        await File.WriteAllTextAsync(Path.Combine(rootfs, "bin", "tool"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(rootfs, "bin", "tool"), (UnixFileMode)0b111_101_101);
        File.CreateSymbolicLink(Path.Combine(rootfs, "bin", "alias"), "tool");
        await File.WriteAllTextAsync(
            Path.Combine(_root, "images", "tool_1.0", "config.json"),
            """{"architecture":"amd64","config":{"Entrypoint":["/bin/tool"],"Cmd":["--help"],"Env":["A=1"],"WorkingDir":"/work"}}""");
        var provider = new DirectoryRootfsProvider(Path.Combine(_root, "images"));

        var first = await provider.PrepareAsync("tool:1.0", "IfNotPresent", Path.Combine(_root, "pod", "a", "rootfs"), CancellationToken.None);
        var second = await provider.PrepareAsync("tool:1.0", null, Path.Combine(_root, "pod", "b", "rootfs"), CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(first.Path, "bin", "tool"), "changed by container a");

        Assert.Equal("#!/bin/sh\n", await File.ReadAllTextAsync(Path.Combine(second.Path, "bin", "tool")));
        Assert.Equal("#!/bin/sh\n", await File.ReadAllTextAsync(Path.Combine(rootfs, "bin", "tool")));
        Assert.Equal("tool", new FileInfo(Path.Combine(second.Path, "bin", "alias")).LinkTarget);
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(Path.Combine(second.Path, "bin", "tool")));
        Assert.Equal("dir://" + Path.Combine(_root, "images", "tool_1.0"), first.ImageId);
        Assert.Equal(["/bin/tool"], first.Config!.Entrypoint);
        Assert.Equal(["--help"], first.Config.Cmd);
        Assert.Equal(["A=1"], first.Config.Env);
        Assert.Equal("/work", first.Config.WorkingDir);
    }

    [Theory]
    [InlineData("IfNotPresent", "ErrImagePull")]
    [InlineData("Never", "ErrImageNeverPull")]
    public async Task A_missing_image_names_the_folder_it_should_be_in(string policy, string reason)
    {
        var provider = new DirectoryRootfsProvider(Path.Combine(_root, "images"));

        var error = await Assert.ThrowsAsync<ImageUnavailableException>(
            () => provider.PrepareAsync("docker.io/library/alpine:latest", policy, Path.Combine(_root, "x"), CancellationToken.None));

        Assert.Equal(reason, error.Reason);
        Assert.Contains(Path.Combine(_root, "images", "docker.io_library_alpine_latest", "rootfs"), error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_root, "images", "alpine", "rootfs"), error.Message, StringComparison.Ordinal);
    }
}
