using Orchestrator.Scheduling.Model;

namespace Orchestrator.Benchmarks;

/// <summary>Nodes used against the lower bound ceil(total requests / node capacity), per resource; the bound is the max of them.</summary>
public sealed record PackingDensity(int NodesUsed, int CpuBound, int MemoryBound, int PodsBound)
{
    public int LowerBound => Math.Max(CpuBound, Math.Max(MemoryBound, PodsBound));

    public double Ratio => (double)NodesUsed / LowerBound;

    public static PackingDensity Of(Snapshot snapshot)
    {
        long cpu = 0, memory = 0, pods = 0;
        var used = 0;
        foreach (var node in snapshot.Nodes)
        {
            if (node.Pods.Length == 0)
            {
                continue;
            }
            used++;
            cpu += node.Requested.MilliCpu;
            memory += node.Requested.Memory;
            pods += node.Pods.Length;
        }
        return new PackingDensity(used,
            Ceiling(cpu, SchedulerWorkload.NodeMilliCpu), Ceiling(memory, SchedulerWorkload.NodeMemory), Ceiling(pods, SchedulerWorkload.NodePods));
    }

    private static int Ceiling(long total, long capacity) => (int)((total + capacity - 1) / capacity);
}
