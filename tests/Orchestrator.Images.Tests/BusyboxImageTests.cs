using Orchestrator.Images.Tests.Support;

namespace Orchestrator.Images.Tests;

public sealed class BusyboxImageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_same_binary_always_gives_the_same_image()
    {
        Assert.True(File.Exists(BusyboxImage.DefaultBinary), "install Debian's busybox-static: apt-get install -y busybox-static");

        var first = await BusyboxImage.WriteLayoutAsync(_folder["a.tar"]);
        var second = await BusyboxImage.WriteLayoutAsync(_folder["b.tar"]);

        Assert.Equal(first, second);
        Assert.Equal(File.ReadAllBytes(_folder["a.tar"]), File.ReadAllBytes(_folder["b.tar"]));
    }

    [Fact]
    public async Task A_dynamically_linked_busybox_is_refused_since_it_would_not_start_without_libc()
    {
        // Any dynamically linked program stands in for Debian's non-static busybox package.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => BusyboxImage.WriteLayoutAsync(_folder["a.tar"], busybox: "/usr/bin/stat"));

        Assert.Contains("apt-get install -y busybox-static", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_busybox_says_which_package_to_install()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => BusyboxImage.WriteLayoutAsync(_folder["a.tar"], busybox: _folder["none"]));

        Assert.Contains("apt-get install -y busybox-static", error.Message, StringComparison.Ordinal);
    }
}
