using System.Text.Json.Nodes;
using Orchestrator.Storage;

namespace Orchestrator.Grains.Objects;

/// <summary>Extracts what lists and watches filter on: uid, labels and the selectable fields of each kind.</summary>
public static class ObjectSummarizer
{
    /// <summary>Fields beyond metadata.name and metadata.namespace that field selectors may name, per resource.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> SelectableFields = new Dictionary<string, string[]>
    {
        ["/pods"] = ["spec.nodeName", "spec.schedulerName", "status.phase", "status.podIP", "status.nominatedNodeName", "spec.restartPolicy", "spec.serviceAccountName", "spec.hostNetwork"],
        ["/nodes"] = ["spec.unschedulable"],
        ["/events"] = ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "type"],
        ["events.k8s.io/events"] = ["regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "reason", "type", "reportingController"],
        ["/namespaces"] = ["status.phase"],
        ["/secrets"] = ["type"],
        ["apps/replicasets"] = ["status.replicas"],
    };

    private static readonly Dictionary<string, string[][]> Paths = SelectableFields.ToDictionary(
        kv => kv.Key, kv => kv.Value.Select(f => f.Split('.')).ToArray());

    public static ObjectSummary Summarize(string resource, JsonObject obj)
    {
        var metadata = obj["metadata"] as JsonObject;
        var uid = metadata?["uid"]?.GetValue<string>() ?? "";
        Dictionary<string, string>? labels = null;
        if (metadata?["labels"] is JsonObject labelObject && labelObject.Count > 0)
        {
            labels = new Dictionary<string, string>(labelObject.Count, StringComparer.Ordinal);
            foreach (var (key, value) in labelObject)
            {
                labels[key] = value?.ToString() ?? "";
            }
        }
        Dictionary<string, string>? fields = null;
        if (Paths.TryGetValue(resource, out var paths))
        {
            foreach (var path in paths)
            {
                var value = Resolve(obj, path);
                if (value is not null)
                {
                    fields ??= new Dictionary<string, string>(StringComparer.Ordinal);
                    fields[string.Join('.', path)] = value;
                }
            }
        }
        return new ObjectSummary(uid, labels, fields);
    }

    public static ObjectSummary Summarize(ObjectKey key, byte[] json) =>
        Summarize(key.Resource, JsonNode.Parse(json)!.AsObject());

    private static string? Resolve(JsonObject obj, string[] path)
    {
        JsonNode? node = obj;
        foreach (var segment in path)
        {
            node = (node as JsonObject)?[segment];
            if (node is null)
            {
                return null;
            }
        }
        return node is JsonValue value
            ? value.TryGetValue<bool>(out var flag) ? (flag ? "true" : "false") : value.ToString()
            : null;
    }
}
