using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Admission;

/// <summary>Small readers and writers over wire JSON, so the rules read like the Go they mirror.</summary>
internal static class Json
{
    public static JsonObject? Obj(JsonObject? parent, string name) => parent?[name] as JsonObject;

    public static JsonArray? Arr(JsonObject? parent, string name) => parent?[name] as JsonArray;

    public static IEnumerable<JsonObject> Objects(JsonArray? array) =>
        array is null ? [] : array.OfType<JsonObject>();

    public static string? Str(JsonObject? parent, string name) =>
        parent?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static bool? Bool(JsonObject? parent, string name) =>
        parent?[name] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    public static long? Long(JsonObject? parent, string name) => AsLong(parent?[name]);

    public static long? AsLong(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    public static string? AsString(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>Go's zero value: absent, null and "" all count as unset when defaulting.</summary>
    public static bool IsUnset(JsonObject parent, string name) =>
        parent[name] is null || (parent[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0);

    public static void Default(JsonObject parent, string name, JsonNode value)
    {
        if (IsUnset(parent, name))
        {
            parent[name] = value;
        }
    }

    public static JsonObject Ensure(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing)
        {
            return existing;
        }
        var created = new JsonObject();
        parent[name] = created;
        return created;
    }

    /// <summary>A string-to-string map such as labels, with non-string values skipped.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> StringMap(JsonObject? map) =>
        map is null ? [] : [.. map.Where(p => AsString(p.Value) is not null).Select(p => KeyValuePair.Create(p.Key, AsString(p.Value)!))];

    public static bool DeepEquals(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);
}
