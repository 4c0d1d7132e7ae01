using System.Text.Json.Nodes;
using Orchestrator.Core.Schema;

namespace Orchestrator.Patching;

/// <summary>Merges one list of a strategic merge patch: replaced when atomic, merged as a set or by merge key otherwise.</summary>
internal static class StrategicListMerger
{
    /// <summary>Merges <paramref name="patch"/> into <paramref name="original"/>, which the caller owns; returns a new list.</summary>
    public static JsonArray Merge(JsonArray original, JsonArray patch, Type? listType, ListStrategy? strategy, string path)
    {
        var itemType = ModelSchema.ItemType(listType);
        if (strategy is not { Merge: true })
        {
            return Replacement(patch, itemType, path);
        }
        var items = original.ToList();
        original.Clear();
        if (items.Concat(patch).Any(i => i is JsonArray))
        {
            throw PatchException.CannotApply($"{path} is a list of lists, which a strategic merge patch cannot merge");
        }
        var merged = strategy.MergeKey is { } mergeKey
            ? MergeByKey(items, patch, mergeKey, itemType, path)
            : MergeScalars(items, patch, path);
        return [.. merged];
    }

    /// <summary>An atomic list: the patch's items, without directive items and with directives stripped from the rest.</summary>
    private static JsonArray Replacement(JsonArray patch, Type? itemType, string path)
    {
        var result = new JsonArray();
        for (var i = 0; i < patch.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            switch (patch[i])
            {
                case JsonObject map when Directives.PatchOf(map, itemPath) is Directives.Delete or Directives.Replace:
                    break;
                case JsonObject map:
                    result.Add(StrategicMapMerger.Merge(null, map, itemType, itemPath));
                    break;
                case JsonArray list:
                    result.Add(Replacement(list, null, itemPath));
                    break;
                case var scalar:
                    result.Add(scalar?.DeepClone());
                    break;
            }
        }
        return result;
    }

    private static List<JsonNode?> MergeScalars(List<JsonNode?> items, JsonArray patch, string path)
    {
        var replace = false;
        var values = new List<JsonNode?>();
        foreach (var item in patch)
        {
            if (item is not JsonObject map)
            {
                values.Add(item?.DeepClone());
            }
            else if (Directives.PatchOf(map, path) == Directives.Replace && map.Count == 1)
            {
                replace = true;
            }
            else
            {
                throw PatchException.Malformed(
                    $"{path} is a list of scalars; the only object its patch may hold is {{\"$patch\":\"replace\"}}, not {map.ToJsonString()}");
            }
        }
        if (items.Any(i => i is JsonObject))
        {
            throw PatchException.CannotApply($"{path} holds objects, but its merge strategy declares no merge key");
        }
        if (replace)
        {
            return Distinct(values);
        }
        var serverOrder = ElementOrder.Identities(items, null);
        var patchOrder = ElementOrder.Identities(values, null);
        return ElementOrder.Apply(Distinct(items.Concat(values)), patchOrder, serverOrder, null);
    }

    private static List<JsonNode?> MergeByKey(List<JsonNode?> items, JsonArray patch, string mergeKey, Type? itemType, string path)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject map || !map.ContainsKey(mergeKey))
            {
                throw PatchException.CannotApply(
                    $"item {i} of {path} has no merge key \"{mergeKey}\", so the patch cannot be merged into it");
            }
        }
        var replace = false;
        var updates = new List<JsonObject>();
        for (var i = 0; i < patch.Count; i++)
        {
            var itemPath = Directives.Element(path, mergeKey, patch[i], i);
            if (patch[i] is not JsonObject map)
            {
                throw PatchException.Malformed($"{itemPath} must be an object with the merge key \"{mergeKey}\"");
            }
            var directive = Directives.PatchOf(map, itemPath);
            if (directive == Directives.Replace)
            {
                replace = true;
                continue;
            }
            if (!map.TryGetPropertyValue(mergeKey, out var key))
            {
                throw PatchException.Malformed(
                    $"item {i} of the patch for {path} has no merge key \"{mergeKey}\": {map.ToJsonString()}");
            }
            if (directive == Directives.Delete)
            {
                items.RemoveAll(item => JsonNode.DeepEquals(item![mergeKey], key));
            }
            else
            {
                updates.Add(map);
            }
        }
        if (replace)
        {
            return [.. updates.Select((map, i) => StrategicMapMerger.Merge(null, map, itemType, Directives.Element(path, mergeKey, map, i)))];
        }

        var serverOrder = ElementOrder.Identities(items, mergeKey);
        for (var i = 0; i < updates.Count; i++)
        {
            var update = updates[i];
            var itemPath = Directives.Element(path, mergeKey, update, i);
            var index = items.FindIndex(item => JsonNode.DeepEquals(item![mergeKey], update[mergeKey]));
            if (index >= 0)
            {
                items[index] = StrategicMapMerger.Merge((JsonObject)items[index]!, update, itemType, itemPath);
            }
            else
            {
                items.Add(StrategicMapMerger.Merge(null, update, itemType, itemPath));
            }
        }
        return ElementOrder.Apply(items, ElementOrder.Identities(updates, mergeKey), serverOrder, mergeKey);
    }

    private static List<JsonNode?> Distinct(IEnumerable<JsonNode?> values)
    {
        var result = new List<JsonNode?>();
        foreach (var value in values)
        {
            if (!result.Any(r => JsonNode.DeepEquals(r, value)))
            {
                result.Add(value);
            }
        }
        return result;
    }
}
