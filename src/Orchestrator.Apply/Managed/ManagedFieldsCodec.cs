using System.Text.Json.Nodes;

namespace Orchestrator.Apply.Managed;

/// <summary>Reads and writes <c>metadata.managedFields</c> in Kubernetes' wire form and order.</summary>
internal static class ManagedFieldsCodec
{
    public static List<ManagerEntry> Decode(JsonObject? obj)
    {
        var entries = new List<ManagerEntry>();
        if (obj?["metadata"]?["managedFields"] is not JsonArray array)
        {
            return entries;
        }
        foreach (var item in array.OfType<JsonObject>())
        {
            entries.Add(ManagerEntry.Stored(
                Text(item, "manager") ?? "",
                Text(item, "operation") ?? ManagerEntry.UpdateOperation,
                Text(item, "apiVersion"),
                Text(item, "time"),
                Text(item, "subresource"),
                item["fieldsV1"] as JsonObject));
        }
        return entries;
    }

    /// <summary>
    /// The entries sorted as the apiserver sorts them (operation, time, manager, apiVersion, subresource),
    /// empty ones dropped; null when none are left.
    /// </summary>
    public static JsonArray? Encode(IEnumerable<ManagerEntry> entries)
    {
        var sorted = entries.Where(e => !e.IsEmpty)
            .OrderBy(e => e.Operation, StringComparer.Ordinal)
            .ThenBy(e => e.Seconds())
            .ThenBy(e => e.Manager, StringComparer.Ordinal)
            .ThenBy(e => e.ApiVersion, StringComparer.Ordinal)
            .ThenBy(e => e.Subresource, StringComparer.Ordinal)
            .ToList();
        if (sorted.Count == 0)
        {
            return null;
        }
        var array = new JsonArray();
        foreach (var entry in sorted)
        {
            var json = new JsonObject { ["manager"] = entry.Manager, ["operation"] = entry.Operation };
            if (entry.ApiVersion is not null)
            {
                json["apiVersion"] = entry.ApiVersion;
            }
            if (entry.Time is not null)
            {
                json["time"] = entry.Time;
            }
            json["fieldsType"] = "FieldsV1";
            json["fieldsV1"] = entry.Raw is { } raw ? raw.DeepClone() : entry.Fields.ToFieldsV1();
            if (!string.IsNullOrEmpty(entry.Subresource))
            {
                json["subresource"] = entry.Subresource;
            }
            array.Add(json);
        }
        return array;
    }

    /// <summary>Sets (or, for null, removes) <c>metadata.managedFields</c> on <paramref name="obj"/>.</summary>
    public static void Write(JsonObject obj, JsonArray? managedFields)
    {
        if (obj["metadata"] is not JsonObject metadata)
        {
            if (managedFields is null)
            {
                return;
            }
            metadata = new JsonObject();
            obj["metadata"] = metadata;
        }
        if (managedFields is null)
        {
            metadata.Remove("managedFields");
        }
        else
        {
            metadata["managedFields"] = managedFields;
        }
    }

    /// <summary>A deep copy of <paramref name="obj"/> without <c>metadata.managedFields</c>.</summary>
    public static JsonObject Without(JsonObject? obj)
    {
        var copy = (JsonObject?)obj?.DeepClone() ?? new JsonObject();
        (copy["metadata"] as JsonObject)?.Remove("managedFields");
        return copy;
    }

    private static string? Text(JsonObject item, string name) =>
        item[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
