using System.Globalization;
using System.Text.Json.Nodes;

namespace Orchestrator.Grains.Nodes;

/// <summary>What binding does to a pod object: spec.nodeName, and PodScheduled=True in place of any earlier verdict.</summary>
public static class PodBinding
{
    /// <summary>Why the pod cannot be bound as it is (already bound, being deleted), or null.</summary>
    public static string? Refusal(JsonObject pod)
    {
        var name = pod["metadata"]?["name"]?.ToString();
        if (pod["spec"]?["nodeName"]?.ToString() is { Length: > 0 } bound)
        {
            return $"pod {name} is already assigned to node \"{bound}\"";
        }
        return pod["metadata"]?["deletionTimestamp"] is not null ? $"pod {name} is being deleted, cannot be assigned to a host" : null;
    }

    public static void Apply(JsonObject pod, string node, DateTimeOffset now)
    {
        ((JsonObject)pod["spec"]!)["nodeName"] = node;
        var status = pod["status"] as JsonObject ?? [];
        var conditions = status["conditions"] as JsonArray ?? [];
        foreach (var existing in conditions.Where(c => c?["type"]?.ToString() == "PodScheduled").ToList())
        {
            conditions.Remove(existing);
        }
        conditions.Add(new JsonObject
        {
            ["type"] = "PodScheduled",
            ["status"] = "True",
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        });
        status["conditions"] = conditions;
        // A nomination is spent once the pod is bound.
        status.Remove("nominatedNodeName");
        pod["status"] = status;
    }
}
