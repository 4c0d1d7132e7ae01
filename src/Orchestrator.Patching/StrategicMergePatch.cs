using System.Text.Json.Nodes;

namespace Orchestrator.Patching;

/// <summary>Kubernetes strategic merge patch, guided by the merge keys and strategies of a KubernetesClient model type.</summary>
public static class StrategicMergePatch
{
    public static JsonNode Apply(JsonNode original, JsonNode patch, Type modelType)
    {
        ArgumentNullException.ThrowIfNull(modelType);
        if (patch is not JsonObject patchMap)
        {
            throw PatchException.Malformed(
                $"a strategic merge patch must be a JSON object, not {patch?.GetValueKind().ToString().ToLowerInvariant() ?? "null"}");
        }
        if (original is not JsonObject originalMap)
        {
            throw PatchException.CannotApply(
                $"a strategic merge patch applies to a JSON object, not {original?.GetValueKind().ToString().ToLowerInvariant() ?? "null"}");
        }
        return StrategicMapMerger.Merge((JsonObject)originalMap.DeepClone(), patchMap, modelType, "");
    }
}
