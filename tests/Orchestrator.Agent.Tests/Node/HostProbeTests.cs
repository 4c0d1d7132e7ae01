using Orchestrator.Agent.Node;
using Machine = System.Runtime.InteropServices.Architecture;

namespace Orchestrator.Agent.Tests.Node;

public sealed class HostProbeTests
{
    [Fact]
    public void Meminfo_counts_kB_which_are_KiB()
    {
        const string meminfo = "MemTotal:       24683620 kB\nMemFree:        23819544 kB\nMemAvailable:   24029648 kB\nBuffers:           1 kB\n";

        Assert.Equal((24683620L * 1024, 24029648L * 1024), HostProbe.ParseMeminfo(meminfo));
    }

    [Theory]
    [InlineData("NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n", "Debian GNU/Linux 12 (bookworm)")]
    [InlineData("PRETTY_NAME='Alpine Linux v3.20'\n", "Alpine Linux v3.20")]
    [InlineData("PRETTY_NAME=Arch\n", "Arch")]
    [InlineData("NAME=x\n", null)]
    public void The_os_image_is_PRETTY_NAME_unquoted(string osRelease, string? expected)
    {
        Assert.Equal(expected, HostProbe.ParseOsRelease(osRelease));
    }

    [Theory]
    [InlineData("0.00 0.01 0.05 1/234 5678\n", 234)]
    [InlineData("garbage", 0)]
    public void Threads_are_the_total_in_loadavg(string loadavg, long expected)
    {
        Assert.Equal(expected, HostProbe.ParseLoadavgThreads(loadavg));
    }

    [Theory]
    [InlineData(Machine.X64, "amd64")]
    [InlineData(Machine.Arm64, "arm64")]
    [InlineData(Machine.X86, "386")]
    public void Architectures_take_their_Go_names(Machine architecture, string expected)
    {
        Assert.Equal(expected, HostProbe.GoArchitecture(architecture));
    }

    [Fact]
    public void This_machine_can_be_read()
    {
        var facts = HostProbe.Read(Path.GetTempPath());

        Assert.True(facts.MemoryTotalBytes > 0 && facts.MemoryAvailableBytes > 0);
        Assert.True(facts.DiskTotalBytes >= facts.DiskAvailableBytes && facts.DiskAvailableBytes > 0);
        Assert.True(facts.Threads > 0 && facts.PidMax > facts.Threads);
        Assert.NotEmpty(facts.KernelVersion);
    }
}
