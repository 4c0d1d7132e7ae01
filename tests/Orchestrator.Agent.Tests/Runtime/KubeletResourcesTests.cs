using k8s.Models;
using Orchestrator.Agent.Runtime;

namespace Orchestrator.Agent.Tests.Runtime;

public sealed class KubeletResourcesTests
{
    public static TheoryData<string?, string?, ulong, long?> CpuCases => new()
    {
        // No request, no limit: the minimum 2 shares and no quota.
        { null, null, 2, null },
        // 100m: 100 * 1024 / 1000 = 102.4, truncated to 102.
        { "100m", null, 102, null },
        // 1m: 1.024 truncates to 1, raised to the minimum 2.
        { "1m", null, 2, null },
        // 250m request: 256 shares; 500m limit: 500 * 100000 / 1000 = 50000 us per 100000 us period.
        { "250m", "500m", 256, 50_000 },
        // Only a limit: the request defaults to it, 200 * 1024 / 1000 = 204.8 -> 204; quota 200 * 100 = 20000.
        { null, "200m", 204, 20_000 },
        // A request of 0 counts as none, so the limit gives the shares.
        { "0", "1", 1024, 100_000 },
        // 1m limit: quota 1 * 100000 / 1000 = 100, raised to the 1000 us minimum; shares 2 as above.
        { null, "1m", 2, 1_000 },
        // 0.1m rounds up to 1m, as Quantity.MilliValue() does.
        { null, "0.0001", 2, 1_000 },
        // Whole cpus: 2 -> 2048 shares and 200000 us; 1.5 -> 1536 and 150000.
        { "2", "2", 2048, 200_000 },
        { "1.5", "1.5", 1536, 150_000 },
        // 300 cpus: 307200 shares, capped at the kernel's 262144.
        { "300", null, 262_144, null },
    };

    public static TheoryData<string?, long?> MemoryCases => new()
    {
        { null, null },
        // 32 * 2^20
        { "32Mi", 33_554_432 },
        // 0.5 * 2^30
        { "0.5Gi", 536_870_912 },
        // 10^9: SI suffixes are decimal.
        { "1G", 1_000_000_000 },
        { "129e6", 129_000_000 },
        { "128974848", 128_974_848 },
        // 1.5 bytes round up to 2, as Quantity.Value() does.
        { "1500m", 2 },
    };

    [Theory]
    [MemberData(nameof(CpuCases))]
    public void Cpu_shares_and_quota_follow_the_kubelet(string? request, string? limit, ulong shares, long? quota)
    {
        var resources = KubeletResources.For(Requirements(("cpu", request, limit)));

        Assert.Equal(shares, resources.Cpu!.Shares);
        Assert.Equal(quota, resources.Cpu.Quota);
        Assert.Equal(quota is null ? null : 100_000UL, resources.Cpu.Period);
    }

    [Theory]
    [MemberData(nameof(MemoryCases))]
    public void The_memory_limit_is_the_limit_in_bytes(string? limit, long? bytes)
    {
        var resources = KubeletResources.For(Requirements(("memory", null, limit)));

        Assert.Equal(bytes, resources.Memory?.Limit);
    }

    [Fact]
    public void The_pids_limit_is_4096_unless_configured()
    {
        Assert.Equal(4096, KubeletResources.For(null).Pids!.Limit);
        Assert.Equal(100, KubeletResources.For(null, pidsLimit: 100).Pids!.Limit);
    }

    private static V1ResourceRequirements Requirements(params (string Name, string? Request, string? Limit)[] quantities) => new()
    {
        Requests = quantities.Where(q => q.Request is not null).ToDictionary(q => q.Name, q => new ResourceQuantity(q.Request)),
        Limits = quantities.Where(q => q.Limit is not null).ToDictionary(q => q.Name, q => new ResourceQuantity(q.Limit)),
    };
}
