using k8s.Models;
using Orchestrator.Agent.Node;

namespace Orchestrator.Agent.Tests.Node;

public sealed class NodeStatusBuilderTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 5, 0, 0, DateTimeKind.Utc);

    // 8 GiB of memory with 4 GiB available, a 100 GiB disk with 50 free, 1,000 threads of pid_max 100,000: no pressure.
    private static readonly HostFacts Healthy = new()
    {
        MemoryTotalBytes = 8L << 30,
        MemoryAvailableBytes = 4L << 30,
        DiskTotalBytes = 100L << 30,
        DiskAvailableBytes = 50L << 30,
        Threads = 1_000,
        PidMax = 100_000,
        OsImage = "Debian GNU/Linux 12 (bookworm)",
        KernelVersion = "6.1.0-18-amd64",
        Architecture = "arm64",
        MachineId = "m",
        BootId = "b",
        SystemUuid = "u",
    };

    private static readonly AgentOptions Options = new() { NodeName = "worker-1", DataDirectory = "/var/lib/orchestrator" };

    [Fact]
    public void A_node_is_labelled_with_hostname_os_arch_zone_and_the_extra_labels()
    {
        var options = Options with { Zone = "zone-a", Labels = new Dictionary<string, string> { ["team"] = "infra", ["kubernetes.io/os"] = "windows" } };

        var labels = NodeStatusBuilder.Labels(options, Healthy);

        Assert.Equal("worker-1", labels["kubernetes.io/hostname"]);
        // The agent's own labels win over an extra label that contradicts them.
        Assert.Equal("linux", labels["kubernetes.io/os"]);
        Assert.Equal("arm64", labels["kubernetes.io/arch"]);
        Assert.Equal("zone-a", labels["topology.kubernetes.io/zone"]);
        Assert.Equal("infra", labels["team"]);
        Assert.DoesNotContain("topology.kubernetes.io/zone", NodeStatusBuilder.Labels(Options, Healthy).Keys);
    }

    [Fact]
    public void The_status_reports_capacity_addresses_and_node_info()
    {
        var status = NodeStatusBuilder.Status(Options with { Cpu = "3", InternalIP = "192.168.1.20" }, Healthy, "runc://1.1.5", null, Now);

        // Memory is MemTotal in Ki (8 GiB = 8,388,608 Ki); ephemeral-storage the data disk's size.
        Assert.Equal("3", status.Capacity["cpu"].ToString());
        Assert.Equal(8L << 30, (long)status.Capacity["memory"].ToDecimal());
        Assert.Equal(100L << 30, (long)status.Capacity["ephemeral-storage"].ToDecimal());
        Assert.Equal("110", status.Capacity["pods"].ToString());
        Assert.Equal(status.Capacity.Keys, status.Allocatable.Keys);
        Assert.Equal(["InternalIP=192.168.1.20", "Hostname=worker-1"], status.Addresses.Select(a => $"{a.Type}={a.Address}"));
        var info = status.NodeInfo;
        Assert.Equal(
            ("Debian GNU/Linux 12 (bookworm)", "6.1.0-18-amd64", "arm64", "linux", "runc://1.1.5", "v1.32.0-orchestrator"),
            (info.OsImage, info.KernelVersion, info.Architecture, info.OperatingSystem, info.ContainerRuntimeVersion, info.KubeletVersion));
    }

    [Fact]
    public void A_healthy_host_is_Ready_without_pressure()
    {
        var conditions = NodeStatusBuilder.Conditions(new PressureThresholds(), Healthy, null, Now);

        Assert.Equal(
            [
                "MemoryPressure=False KubeletHasSufficientMemory",
                "DiskPressure=False KubeletHasNoDiskPressure",
                "PIDPressure=False KubeletHasSufficientPID",
                "Ready=True KubeletReady",
            ],
            conditions.Select(c => $"{c.Type}={c.Status} {c.Reason}"));
        Assert.Equal("orchestrator agent is posting ready status", conditions[^1].Message);
    }

    public static TheoryData<HostFacts, string> Pressures => new()
    {
        // 99 MiB available is under the 100 MiB threshold.
        { Healthy with { MemoryAvailableBytes = 99L << 20 }, "MemoryPressure=True KubeletHasInsufficientMemory" },
        // 9 of 100 GiB free is 9% < 10%.
        { Healthy with { DiskAvailableBytes = 9L << 30 }, "DiskPressure=True KubeletHasDiskPressure" },
        // 91,000 threads of 100,000 leave 9% < 10%.
        { Healthy with { Threads = 91_000 }, "PIDPressure=True KubeletHasInsufficientPID" },
    };

    [Theory]
    [MemberData(nameof(Pressures))]
    public void Pressure_below_a_threshold_is_reported_with_the_kubelets_reason(HostFacts facts, string expected)
    {
        var conditions = NodeStatusBuilder.Conditions(new PressureThresholds(), facts, null, Now);

        Assert.Single(conditions, c => c.Status == "True" && c.Type != "Ready");
        Assert.Contains(expected, conditions.Select(c => $"{c.Type}={c.Status} {c.Reason}"));
    }

    [Fact]
    public void A_condition_keeps_its_transition_time_until_it_flips()
    {
        var before = NodeStatusBuilder.Conditions(new PressureThresholds(), Healthy, null, Now);

        var after = NodeStatusBuilder.Conditions(new PressureThresholds(), Healthy with { MemoryAvailableBytes = 1 }, before, Now.AddMinutes(1));

        Assert.Equal(Now.AddMinutes(1), after.Single(c => c.Type == "MemoryPressure").LastTransitionTime);
        Assert.Equal(Now, after.Single(c => c.Type == "Ready").LastTransitionTime);
        Assert.All(after, c => Assert.Equal(Now.AddMinutes(1), c.LastHeartbeatTime));
    }

    [Fact]
    public void The_node_object_carries_name_labels_and_status()
    {
        var node = NodeStatusBuilder.Node(Options, Healthy, RuntimeVersion.Process, null, Now);

        Assert.Equal(("v1", "Node", "worker-1"), (node.ApiVersion, node.Kind, node.Metadata.Name));
        Assert.Equal("process://no-isolation", node.Status.NodeInfo.ContainerRuntimeVersion);
        Assert.IsType<V1NodeStatus>(node.Status);
    }
}
