using System.Globalization;
using System.Text.Json;

namespace Orchestrator.Benchmarks;

/// <summary>What one full pod list says after an end-to-end phase: pods without a node, nodes over their allocatable, packing.</summary>
public sealed record ClusterCheck(int Pods, int Unbound, int NodesUsed, int Overcommitted, string? FirstOvercommit, int MaxPodsOnANode, PackingDensity Density)
{
    public static async Task<ClusterCheck> RunAsync(ApiClient api)
    {
        using var list = JsonDocument.Parse(await api.GetBytesAsync(ApiClient.PodsPath));
        var perNode = new Dictionary<string, (long Cpu, long Memory, int Pods)>(StringComparer.Ordinal);
        int pods = 0, unbound = 0;
        foreach (var pod in list.RootElement.GetProperty("items").EnumerateArray())
        {
            pods++;
            var spec = pod.GetProperty("spec");
            var node = spec.TryGetProperty("nodeName", out var n) ? n.GetString() : null;
            if (string.IsNullOrEmpty(node))
            {
                unbound++;
                continue;
            }
            long cpu = 0, memory = 0;
            foreach (var container in spec.GetProperty("containers").EnumerateArray())
            {
                if (container.TryGetProperty("resources", out var r) && r.TryGetProperty("requests", out var requests))
                {
                    cpu += requests.TryGetProperty("cpu", out var c) ? Quantity(c.GetString()!, milli: true) : 0;
                    memory += requests.TryGetProperty("memory", out var m) ? Quantity(m.GetString()!, milli: false) : 0;
                }
            }
            var sum = perNode.GetValueOrDefault(node);
            perNode[node] = (sum.Cpu + cpu, sum.Memory + memory, sum.Pods + 1);
        }
        var over = perNode.Where(p => p.Value.Cpu > SchedulerWorkload.NodeMilliCpu || p.Value.Memory > SchedulerWorkload.NodeMemory || p.Value.Pods > SchedulerWorkload.NodePods).ToList();
        var first = over.Select(p => $"{p.Key}: {p.Value.Cpu}m cpu, {p.Value.Memory >> 20}Mi, {p.Value.Pods} pods").FirstOrDefault();
        var density = new PackingDensity(perNode.Count,
            Ceiling(perNode.Values.Sum(v => v.Cpu), SchedulerWorkload.NodeMilliCpu),
            Ceiling(perNode.Values.Sum(v => v.Memory), SchedulerWorkload.NodeMemory),
            Ceiling(perNode.Values.Sum(v => (long)v.Pods), SchedulerWorkload.NodePods));
        return new ClusterCheck(pods, unbound, perNode.Count, over.Count, first, perNode.Count == 0 ? 0 : perNode.Values.Max(v => v.Pods), density);
    }

    private static int Ceiling(long total, long capacity) => (int)((total + capacity - 1) / capacity);

    // Enough of resource.Quantity for what the API may echo back: plain, milli, binary and decimal suffixes.
    private static long Quantity(string text, bool milli)
    {
        (string Suffix, double Factor)[] suffixes = [("Ki", 1 << 10), ("Mi", 1 << 20), ("Gi", 1L << 30), ("Ti", 1L << 40), ("m", 1e-3), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12)];
        var (number, factor) = suffixes.Where(s => text.EndsWith(s.Suffix, StringComparison.Ordinal))
            .Select(s => (text[..^s.Suffix.Length], s.Factor)).FirstOrDefault((text, 1.0));
        var value = double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture) * factor;
        return (long)Math.Round(milli ? value * 1000 : value);
    }
}
