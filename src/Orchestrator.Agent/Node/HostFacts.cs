namespace Orchestrator.Agent.Node;

/// <summary>What the node reports about its machine: memory, disk and pids for the pressure conditions, and nodeInfo.</summary>
public sealed record HostFacts
{
    public long MemoryTotalBytes { get; init; }

    public long MemoryAvailableBytes { get; init; }

    /// <summary>Size of the filesystem holding the data directory.</summary>
    public long DiskTotalBytes { get; init; }

    public long DiskAvailableBytes { get; init; }

    /// <summary>Threads on the machine; each uses a process id.</summary>
    public long Threads { get; init; }

    /// <summary>/proc/sys/kernel/pid_max.</summary>
    public long PidMax { get; init; }

    public string OsImage { get; init; } = "Linux";

    public string KernelVersion { get; init; } = "";

    /// <summary>amd64, arm64..., as Go and Kubernetes name architectures.</summary>
    public string Architecture { get; init; } = "amd64";

    public string MachineId { get; init; } = "";

    public string BootId { get; init; } = "";

    public string SystemUuid { get; init; } = "";
}
