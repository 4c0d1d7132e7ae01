using System.Text.Json.Nodes;

namespace Orchestrator.Admission;

/// <summary>qos.GetPodQOS: Guaranteed, Burstable or BestEffort from cpu and memory requests and limits.</summary>
internal static class QosClass
{
    private static readonly string[] ComputeResources = ["cpu", "memory"];

    public static string Compute(JsonObject spec)
    {
        Dictionary<string, decimal> requests = [];
        Dictionary<string, decimal> limits = [];
        var guaranteed = true;
        foreach (var container in PodDefaults.AllContainers(spec))
        {
            var resources = Json.Obj(container, "resources");
            Sum(Json.Obj(resources, "requests"), requests);
            var found = Sum(Json.Obj(resources, "limits"), limits);
            if (!ComputeResources.All(found.Contains))
            {
                guaranteed = false;
            }
        }
        if (requests.Count == 0 && limits.Count == 0)
        {
            return "BestEffort";
        }
        if (guaranteed && requests.All(r => limits.TryGetValue(r.Key, out var l) && l == r.Value) && requests.Count == limits.Count)
        {
            return "Guaranteed";
        }
        return "Burstable";
    }

    /// <summary>Adds each positive cpu/memory quantity into the totals; returns the names that had one.</summary>
    private static HashSet<string> Sum(JsonObject? list, Dictionary<string, decimal> totals)
    {
        HashSet<string> found = [];
        foreach (var (name, node) in list ?? [])
        {
            if (!ComputeResources.Contains(name) || Quantities.Parse(node) is not { } q || q.ToDecimal() <= 0)
            {
                continue;
            }
            found.Add(name);
            totals[name] = totals.GetValueOrDefault(name) + q.ToDecimal();
        }
        return found;
    }
}
