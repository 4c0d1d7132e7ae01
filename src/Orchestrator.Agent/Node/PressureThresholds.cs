namespace Orchestrator.Agent.Node;

/// <summary>When the node reports MemoryPressure, DiskPressure or PIDPressure: the kubelet's hard eviction thresholds.</summary>
public sealed record PressureThresholds
{
    /// <summary>memory.available below this (kubelet: 100Mi) is memory pressure.</summary>
    public long MemoryAvailableBytes { get; init; } = 100L << 20;

    /// <summary>Free space of the data directory's filesystem below this share (kubelet: nodefs.available 10%) is disk pressure.</summary>
    public double DiskAvailablePercent { get; init; } = 10;

    /// <summary>Free process ids (pid_max minus threads) below this share is PID pressure.</summary>
    public double PidsAvailablePercent { get; init; } = 10;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MemoryAvailableBytes < 0)
        {
            errors.Add($"the memory pressure threshold must not be negative, got {MemoryAvailableBytes}");
        }
        if (DiskAvailablePercent is < 0 or > 100 || PidsAvailablePercent is < 0 or > 100)
        {
            errors.Add("the disk and PID pressure thresholds are percentages, between 0 and 100");
        }
        return errors;
    }
}
