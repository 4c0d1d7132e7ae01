using System.Text.Json.Nodes;

namespace Orchestrator.Patching;

/// <summary>JSON merge patch (RFC 7386): objects merge key by key, null removes a key, anything else replaces.</summary>
public static class JsonMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return Merge(target?.DeepClone(), patch);
    }

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }
        var result = target as JsonObject ?? [];
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
                continue;
            }
            result.TryGetPropertyValue(key, out var current);
            var merged = Merge(current, value);
            // An object merged in place is already attached here; re-assigning it would throw.
            if (!ReferenceEquals(merged, current))
            {
                result[key] = merged;
            }
        }
        return result;
    }
}
