using k8s.Models;

namespace Orchestrator.Agent.Runtime;

/// <summary>Cgroup limits from a container's requests and limits, computed as the kubelet computes them.</summary>
/// <remarks>Mirrors MilliCPUToShares and MilliCPUToQuota in pkg/kubelet/cm and the kubelet's memory limit.</remarks>
public static class KubeletResources
{
    public const ulong MinShares = 2;
    public const ulong MaxShares = 262_144;
    public const ulong SharesPerCpu = 1024;
    public const long QuotaPeriod = 100_000;
    public const long MinQuota = 1000;
    public const long DefaultPidsLimit = 4096;

    private const long MilliPerCpu = 1000;

    public static ulong MilliCpuToShares(long milliCpu)
    {
        if (milliCpu <= 0)
        {
            return MinShares;
        }
        var shares = (ulong)milliCpu * SharesPerCpu / MilliPerCpu;
        return Math.Clamp(shares, MinShares, MaxShares);
    }

    /// <summary>The CFS quota for a cpu limit; 0 means no limit.</summary>
    public static long MilliCpuToQuota(long milliCpu, long period)
    {
        if (milliCpu <= 0)
        {
            return 0;
        }
        return Math.Max(milliCpu * period / MilliPerCpu, MinQuota);
    }

    // Quantity.MilliValue() and Value() in apimachinery round up, so 0.1m of cpu is 1m and 0.5 bytes are 1.
    public static long MilliCpu(ResourceQuantity quantity) => (long)Math.Ceiling(quantity.ToDecimal() * MilliPerCpu);

    public static long Bytes(ResourceQuantity quantity) => (long)Math.Ceiling(quantity.ToDecimal());

    public static OciResources For(V1ResourceRequirements? resources, long pidsLimit = DefaultPidsLimit)
    {
        var requestCpu = Find(resources?.Requests, "cpu") is { } request ? MilliCpu(request) : 0;
        var limitCpu = Find(resources?.Limits, "cpu") is { } cpuLimit ? MilliCpu(cpuLimit) : 0;
        var limitMemory = Find(resources?.Limits, "memory") is { } memoryLimit ? Bytes(memoryLimit) : 0;

        // Without a request the API server would have defaulted it to the limit; do the same here.
        var shares = MilliCpuToShares(requestCpu == 0 && limitCpu != 0 ? limitCpu : requestCpu);
        var quota = MilliCpuToQuota(limitCpu, QuotaPeriod);
        return new OciResources
        {
            // Deny every device; the runtime then allows only its defaults (null, zero, full, random, tty...).
            Devices = [new OciDeviceRule { Allow = false, Access = "rwm" }],
            Memory = limitMemory > 0 ? new OciMemory { Limit = limitMemory } : null,
            Cpu = quota > 0
                ? new OciCpu { Shares = shares, Quota = quota, Period = (ulong)QuotaPeriod }
                : new OciCpu { Shares = shares },
            Pids = new OciPids { Limit = pidsLimit },
        };
    }

    private static ResourceQuantity? Find(IDictionary<string, ResourceQuantity>? quantities, string name) =>
        quantities is not null && quantities.TryGetValue(name, out var quantity) ? quantity : null;
}
