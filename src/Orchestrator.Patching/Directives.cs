using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Patching;

/// <summary>The strategic merge patch directive keys and how to read them.</summary>
internal static class Directives
{
    public const string Patch = "$patch";
    public const string RetainKeys = "$retainKeys";
    public const string SetElementOrder = "$setElementOrder";
    public const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList";

    public const string Replace = "replace";
    public const string Delete = "delete";
    public const string Merge = "merge";

    /// <summary>The <c>$patch</c> value of a map, or null when it has none.</summary>
    public static string? PatchOf(JsonObject map, string path)
    {
        if (!map.TryGetPropertyValue(Patch, out var value))
        {
            return null;
        }
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String
            && v.GetValue<string>() is Replace or Delete or Merge)
        {
            return v.GetValue<string>();
        }
        throw PatchException.Malformed(
            $"unknown $patch directive {Show(value)} at {Where(path)}; expected \"replace\", \"delete\" or \"merge\"");
    }

    /// <summary>The list field a <c>prefix/field</c> key targets, or null when <paramref name="key"/> is not that directive.</summary>
    public static string? TargetOf(string key, string prefix, string path)
    {
        if (!key.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        if (key.Length <= prefix.Length + 1 || key[prefix.Length] != '/')
        {
            throw PatchException.Malformed(
                $"directive \"{key}\" at {Where(path)} must have the form \"{prefix}/<list field>\"");
        }
        return key[(prefix.Length + 1)..];
    }

    public static bool IsDirective(string key) =>
        key is Patch or RetainKeys
        || key.StartsWith(SetElementOrder, StringComparison.Ordinal)
        || key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal);

    public static string Child(string path, string field) => path.Length == 0 ? field : $"{path}.{field}";

    public static string Element(string path, string? mergeKey, JsonNode? item, int index) =>
        mergeKey is not null && item is JsonObject o && o.TryGetPropertyValue(mergeKey, out var key)
            ? $"{path}[{mergeKey}={Show(key)}]"
            : $"{path}[{index}]";

    public static string Where(string path) => path.Length == 0 ? "the top level" : path;

    public static string Show(JsonNode? node) => node?.ToJsonString() ?? "null";
}
