using System.Globalization;
using System.Text.Json.Nodes;

namespace Orchestrator.Api.Objects;

/// <summary>Small accessors for the metadata of wire-JSON objects.</summary>
public static class ObjectMetadata
{
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }
        var created = new JsonObject();
        obj["metadata"] = created;
        return created;
    }

    public static string? String(JsonObject obj, string field) =>
        (obj["metadata"] as JsonObject)?[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static long Revision(JsonObject obj) =>
        long.TryParse(String(obj, "resourceVersion"), NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : 0;

    public static long Generation(JsonObject obj) =>
        (obj["metadata"] as JsonObject)?["generation"] is JsonValue value && value.TryGetValue<long>(out var generation) ? generation : 0;

    public static IReadOnlyList<string> Finalizers(JsonObject obj) =>
        (obj["metadata"] as JsonObject)?["finalizers"] is JsonArray list
            ? [.. list.Select(f => f?.ToString() ?? "")]
            : [];

    /// <summary>RFC 3339 with second precision, as Kubernetes writes metav1.Time.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>generateName plus five random characters from Kubernetes' alphabet (no vowels, no look-alikes).</summary>
    public static string GenerateName(string prefix)
    {
        Span<char> suffix = stackalloc char[5];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = NameAlphabet[Random.Shared.Next(NameAlphabet.Length)];
        }
        var trimmed = prefix.Length > 58 ? prefix[..58] : prefix;
        return trimmed + new string(suffix);
    }
}
