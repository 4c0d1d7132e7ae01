using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Benchmarks;

/// <summary>
/// The scheduler benchmark's cluster and pod stream: identical nodes over three zones, and a seeded mix of pod sizes
/// where 60% of the pods belong to a few ReplicaSet-like owners (same size per owner) so default spreading has work.
/// </summary>
public static class SchedulerWorkload
{
    public const long NodeMilliCpu = 32_000;
    public const long NodeMemory = 128L << 30;
    public const long NodePods = 110;
    public const int Zones = 3;
    public const int Owners = 20;

    private const int Seed = 20_240_607;

    private const string Template = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"@NAME","labels":{"app":"@APP"}},
        "spec":{"containers":[{"name":"app","image":"registry.example.com/bench/web:1.4.2",
        "resources":{"requests":{"cpu":"@CPU","memory":"@MEMORY"}}}]}}
        """;
    private static readonly long[] _milliCpu = [100, 250, 500, 1_000, 2_000];
    private static readonly long[] _memoryMi = [128, 512, 1_024, 2_048, 4_096];

    /// <summary>Requests of pod <paramref name="index"/> and its owner (-1 when it has none); the same index always gives the same pod.</summary>
    public static (long MilliCpu, long Memory, int Owner) Shape(int index)
    {
        // Seeded per index rather than one Random stream, so any prefix of the stream is the same pods in every run
        // (not HashCode.Combine: it is randomised per process).
        var random = new Random(unchecked((Seed * 31) + index));
        var owner = random.Next(10) < 6 ? random.Next(Owners) : -1;
        var pick = owner >= 0 ? new Random(Seed - 1 - owner) : random;
        return (_milliCpu[pick.Next(_milliCpu.Length)], (long)_memoryMi[pick.Next(_memoryMi.Length)] << 20, owner);
    }

    public static ImmutableArray<NodeInfo> Nodes(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new NodeInfo
        {
            Name = $"sim-{i}",
            Labels = ImmutableDictionary<string, string>.Empty
                .Add(WellKnownLabels.Hostname, $"sim-{i}")
                .Add(WellKnownLabels.Zone, $"zone-{(char)('a' + (i % Zones))}"),
            Allocatable = new Resources { MilliCpu = NodeMilliCpu, Memory = NodeMemory, Pods = NodePods },
        })];

    public static PodInfo[] Pods(int count) => [.. Enumerable.Range(0, count).Select(Pod)];

    public static PodInfo Pod(int index)
    {
        var (cpu, memory, owner) = Shape(index);
        var name = PodFactory.Name("sched", index);
        return new PodInfo
        {
            Name = name,
            Uid = "uid-" + name,
            Owner = owner >= 0 ? new OwnerReference("ReplicaSet", $"rs-{owner}") : null,
            Labels = ImmutableDictionary<string, string>.Empty.Add("app", owner >= 0 ? $"rs-{owner}" : "single"),
            Requests = new Resources { MilliCpu = cpu, Memory = memory },
        };
    }

    /// <summary>
    /// The API body of pod <paramref name="index"/>: same requests, no ownerReferences (the owners do not exist in the
    /// cluster, and SchedulingBasic schedules plain pods too), the owner kept as a label.
    /// </summary>
    public static byte[] Json(int index)
    {
        var (cpu, memory, owner) = Shape(index);
        var app = owner >= 0 ? $"rs-{owner}" : "single";
        var cpuText = cpu.ToString(CultureInfo.InvariantCulture) + "m";
        var memoryText = (memory >> 20).ToString(CultureInfo.InvariantCulture) + "Mi";
        return Encoding.UTF8.GetBytes(Template
            .Replace("@NAME", PodFactory.Name("sched", index), StringComparison.Ordinal)
            .Replace("@APP", app, StringComparison.Ordinal)
            .Replace("@CPU", cpuText, StringComparison.Ordinal)
            .Replace("@MEMORY", memoryText, StringComparison.Ordinal));
    }
}
