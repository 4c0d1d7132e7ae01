using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Patching;

/// <summary>JSON patch (RFC 6902): a list of add, remove, replace, move, copy and test operations.</summary>
public static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonNode patch)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (patch is not JsonArray operations)
        {
            throw PatchException.Malformed($"a JSON patch must be a list of operations, not {Describe(patch)}");
        }
        JsonNode? result = document.DeepClone();
        for (var i = 0; i < operations.Count; i++)
        {
            result = ApplyOne(result, operations[i], i);
        }
        return result ?? throw PatchException.CannotApply("the JSON patch replaces the whole document with null");
    }

    private static JsonNode? ApplyOne(JsonNode? document, JsonNode? node, int index)
    {
        if (node is not JsonObject operation)
        {
            throw PatchException.Malformed($"operation {index}: must be an object, not {Describe(node)}");
        }
        var op = RequiredString(operation, "op", $"operation {index}");
        var context = $"operation {index} ({op})";
        var path = JsonPointer.Parse(RequiredString(operation, "path", context), context);
        context = $"operation {index} ({op} \"{path.Text}\")";
        switch (op)
        {
            case "add":
                return Add(document, path, RequiredValue(operation, context), context);
            case "remove":
                Remove(document, path, context);
                return document;
            case "replace":
                Remove(document, path, context);
                return Add(document, path, RequiredValue(operation, context), context);
            case "move":
                var from = JsonPointer.Parse(RequiredString(operation, "from", context), context);
                if (from.IsProperPrefixOf(path))
                {
                    throw PatchException.CannotApply($"{context}: cannot move \"{from.Text}\" into its own child");
                }
                return Add(document, path, Remove(document, from, context), context);
            case "copy":
                var source = JsonPointer.Parse(RequiredString(operation, "from", context), context);
                return Add(document, path, Get(document, source, context)?.DeepClone(), context);
            case "test":
                var expected = RequiredValue(operation, context);
                var actual = Get(document, path, context);
                if (!JsonNode.DeepEquals(actual, expected))
                {
                    throw PatchException.CannotApply(
                        $"{context}: test failed, the value is {Show(actual)} but the patch expects {Show(expected)}");
                }
                return document;
            default:
                throw PatchException.Malformed(
                    $"{context}: unknown op \"{op}\"; expected add, remove, replace, move, copy or test");
        }
    }

    private static JsonNode? Add(JsonNode? document, JsonPointer path, JsonNode? value, string context)
    {
        if (path.IsRoot)
        {
            return value;
        }
        switch (path.Parent(document, context))
        {
            case JsonObject parent:
                parent[path.Last] = value;
                break;
            case JsonArray parent:
                parent.Insert(JsonPointer.Index(path.Last, parent, allowEnd: true, context), value);
                break;
        }
        return document;
    }

    /// <summary>Detaches and returns the value at <paramref name="path"/>, which must exist.</summary>
    private static JsonNode? Remove(JsonNode? document, JsonPointer path, string context)
    {
        if (path.IsRoot)
        {
            throw PatchException.CannotApply($"{context}: cannot remove the whole document");
        }
        var value = Get(document, path, context);
        switch (path.Parent(document, context))
        {
            case JsonObject parent:
                parent.Remove(path.Last);
                break;
            case JsonArray parent:
                parent.RemoveAt(JsonPointer.Index(path.Last, parent, allowEnd: false, context));
                break;
        }
        return value;
    }

    private static JsonNode? Get(JsonNode? document, JsonPointer path, string context) =>
        path.TryResolve(document, out var value)
            ? value
            : throw PatchException.CannotApply($"{context}: path \"{path.Text}\" does not exist in the document");

    private static string RequiredString(JsonObject operation, string member, string context) =>
        operation[member] is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw PatchException.Malformed($"{context}: member \"{member}\" is required and must be a string");

    // "value": null is a real value, so presence is checked, not nullness.
    private static JsonNode? RequiredValue(JsonObject operation, string context) =>
        operation.TryGetPropertyValue("value", out var value)
            ? value?.DeepClone()
            : throw PatchException.Malformed($"{context}: member \"value\" is required");

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => $"a {node.GetValueKind().ToString().ToLowerInvariant()}",
    };

    private static string Show(JsonNode? node) => node?.ToJsonString() ?? "null";
}
