using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Tables.Formatting;

/// <summary>Tolerant reads from wire JSON: a missing or mistyped field reads as Go's zero value.</summary>
internal static class JsonFields
{
    public static JsonNode? At(this JsonNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(key, out node))
            {
                return null;
            }
        }

        return node;
    }

    public static string Str(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";

    public static long Long(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && long.TryParse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : 0;

    public static long? OptionalLong(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? node.Long(path) : null;

    public static bool Bool(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    public static bool Has(this JsonNode? node, params string[] path) => node.At(path) is not null;

    public static IEnumerable<JsonObject> Objects(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonArray a ? a.OfType<JsonObject>() : [];

    public static IEnumerable<string> Strings(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonArray a ? a.Select(n => n.Str()).Where(s => s.Length > 0) : [];

    public static int Count(this JsonNode? node, params string[] path) => node.At(path) switch
    {
        JsonObject o => o.Count,
        JsonArray a => a.Count,
        _ => 0,
    };

    /// <summary>An RFC 3339 Time or MicroTime; null (Go's zero time) when missing or unparsable.</summary>
    public static DateTimeOffset? Time(this JsonNode? node, params string[] path)
    {
        var s = node.Str(path);
        return s.Length > 0 && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : null;
    }

    /// <summary>An IntOrString the way Go's <c>IntOrString.String()</c> prints it; null when missing.</summary>
    public static string? IntOrString(this JsonNode? node, params string[] path) => node.At(path) switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => node.Long(path).ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => null,
    };
}
