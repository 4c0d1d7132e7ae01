using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Orchestrator.Controllers.Runtime;

/// <summary>Metadata edits on an object of any kind, as raw JSON (the garbage collector handles kinds it has no model for).</summary>
public static class ObjectJson
{
    public static void SetOwnerReferences(JsonObject obj, IList<V1OwnerReference>? references)
    {
        var metadata = (JsonObject)obj["metadata"]!;
        if (references is null || references.Count == 0)
        {
            metadata.Remove("ownerReferences");
            return;
        }
        metadata["ownerReferences"] = JsonNode.Parse(KubernetesJson.Serialize(references));
    }

    public static void RemoveFinalizer(JsonObject obj, string finalizer)
    {
        var metadata = (JsonObject)obj["metadata"]!;
        if (metadata["finalizers"] is not JsonArray finalizers)
        {
            return;
        }
        var kept = finalizers.Where(f => f?.ToString() != finalizer).Select(f => f!.DeepClone()).ToArray();
        if (kept.Length == 0)
        {
            metadata.Remove("finalizers");
            return;
        }
        metadata["finalizers"] = new JsonArray(kept);
    }
}
