using System.Globalization;

namespace Orchestrator.Agent.Runtime;

/// <summary>The cgroup v1 folders of one container, found from its first process, and the counters in them.</summary>
/// <remarks>
/// Only cgroup v1 is read (this agent's machines mount cgroups in hybrid mode: v1 controllers plus an empty
/// /sys/fs/cgroup/unified). A counter reads 0 when its controller is missing or the cgroup is gone.
/// </remarks>
internal sealed class ContainerCgroup
{
    private const string Root = "/sys/fs/cgroup";

    private readonly string? _memory;
    private readonly string? _cpu;

    private ContainerCgroup(string? memory, string? cpu)
    {
        _memory = memory;
        _cpu = cpu;
    }

    /// <summary>v1 controllers plus a cgroup2 mount at /sys/fs/cgroup/unified.</summary>
    public static bool IsHybrid => File.Exists($"{Root}/unified/cgroup.controllers");

    /// <summary>The kernel's count of OOM kills in this memory cgroup (memory.oom_control, oom_kill).</summary>
    public long OomKills => Keyed(_memory, "memory.oom_control", "oom_kill");

    public static ContainerCgroup Of(int pid)
    {
        string? memory = null;
        string? cpu = null;
        // Lines read id:controllers:path, and a v1 hierarchy is mounted at /sys/fs/cgroup/<controllers>
        // (cpu,cpuacct included). The v2 line has no controllers and is skipped.
        foreach (var line in File.ReadLines($"/proc/{pid}/cgroup"))
        {
            var parts = line.Split(':', 3);
            if (parts.Length != 3 || parts[1].Length == 0)
            {
                continue;
            }
            var controllers = parts[1].Split(',');
            var folder = $"{Root}/{parts[1]}{parts[2]}";
            memory = controllers.Contains("memory") ? folder : memory;
            cpu = controllers.Contains("cpu") ? folder : cpu;
        }
        return new ContainerCgroup(memory, cpu);
    }

    public ContainerStats ReadStats() => new(
        CpuPeriods: Keyed(_cpu, "cpu.stat", "nr_periods"),
        CpuThrottledPeriods: Keyed(_cpu, "cpu.stat", "nr_throttled"),
        CpuThrottledTime: TimeSpan.FromTicks(Keyed(_cpu, "cpu.stat", "throttled_time") / 100),
        MemoryFailCount: Single(_memory, "memory.failcnt"),
        OomKills: OomKills);

    private static long Keyed(string? folder, string file, string key)
    {
        var prefix = key + " ";
        var line = Lines(folder, file).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
    }

    private static long Single(string? folder, string file) =>
        Lines(folder, file).FirstOrDefault() is { } line ? long.Parse(line, CultureInfo.InvariantCulture) : 0;

    private static IReadOnlyList<string> Lines(string? folder, string file)
    {
        if (folder is null)
        {
            return [];
        }
        try
        {
            return File.ReadAllLines(Path.Combine(folder, file));
        }
        catch (IOException)
        {
            return [];
        }
    }
}
