using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Core.Schema;

namespace Orchestrator.Patching;

/// <summary>Merges one map of a strategic merge patch into the matching map of the object.</summary>
internal static class StrategicMapMerger
{
    /// <summary>
    /// Merges <paramref name="patch"/> into <paramref name="original"/>, which the caller owns and which is changed
    /// in place; null stands for a map the object does not have yet. The patch is only read.
    /// </summary>
    public static JsonObject Merge(JsonObject? original, JsonObject patch, Type? type, string path)
    {
        var directive = Directives.PatchOf(patch, path);
        if (directive == Directives.Delete)
        {
            return [];
        }
        var result = directive == Directives.Replace ? [] : original ?? [];
        ApplyRetainKeys(result, patch, path);

        // Ordered lists first, so that a parallel deletion list removes items from the merged list.
        var handled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, order) in patch)
        {
            if (Directives.TargetOf(key, Directives.SetElementOrder, path) is { } field
                && MergeOrderedList(result, patch, field, order, type, path))
            {
                handled.Add(field);
            }
        }
        var deletions = new List<(string Field, JsonNode? Values)>();
        foreach (var (key, value) in patch)
        {
            if (Directives.TargetOf(key, Directives.DeleteFromPrimitiveList, path) is { } field)
            {
                deletions.Add((field, value));
            }
            else if (!Directives.IsDirective(key) && !handled.Contains(key))
            {
                MergeField(result, key, value, type, path);
            }
        }
        foreach (var (field, values) in deletions)
        {
            DeleteFromPrimitiveList(result, field, values, path);
        }
        return result;
    }

    /// <summary>The value a patch gives a field the object does not have (or has with another JSON kind); null when it is dropped.</summary>
    public static JsonNode? Fresh(JsonNode patchValue, Type? type, ListStrategy? strategy, string path) =>
        patchValue switch
        {
            JsonObject map when Directives.PatchOf(map, path) == Directives.Delete => null,
            JsonObject map => Merge(null, map, type, path),
            JsonArray list => StrategicListMerger.Merge([], list, type, strategy, path),
            _ => patchValue.DeepClone(),
        };

    private static void MergeField(JsonObject result, string key, JsonNode? patchValue, Type? type, string path)
    {
        if (patchValue is null)
        {
            result.Remove(key);
            return;
        }
        var fieldPath = Directives.Child(path, key);
        var fieldType = ModelSchema.FieldType(type, key);
        var strategy = ModelSchema.Strategy(type, key);
        result.TryGetPropertyValue(key, out var current);
        var merged = (current, patchValue) switch
        {
            (JsonObject map, JsonObject patchMap) => Merge(map, patchMap, fieldType, fieldPath),
            (JsonArray list, JsonArray patchList) => StrategicListMerger.Merge(list, patchList, fieldType, strategy, fieldPath),
            _ => Fresh(patchValue, fieldType, strategy, fieldPath),
        };
        if (merged is null)
        {
            result.Remove(key);
        }
        else if (!ReferenceEquals(merged, current))
        {
            result[key] = merged;
        }
    }

    /// <summary>
    /// Applies <c>$setElementOrder/field</c> together with the patch's list for that field.
    /// Returns false when the patch deletes the list instead, which the ordinary field merge then does.
    /// </summary>
    private static bool MergeOrderedList(JsonObject result, JsonObject patch, string field, JsonNode? orderNode, Type? type, string path)
    {
        var listPath = Directives.Child(path, field);
        if (orderNode is not JsonArray order)
        {
            throw PatchException.Malformed($"$setElementOrder/{field} at {Directives.Where(path)} must be a list");
        }
        var hasPatchList = patch.TryGetPropertyValue(field, out var patchNode);
        if (hasPatchList && patchNode is null)
        {
            return false;
        }
        if (hasPatchList && patchNode is not JsonArray)
        {
            throw PatchException.Malformed($"{listPath} must be a list, because the patch sets $setElementOrder/{field}");
        }
        result.TryGetPropertyValue(field, out var current);
        if (current is not (null or JsonArray))
        {
            throw PatchException.CannotApply($"$setElementOrder/{field} orders a list, but {listPath} is a {current.GetValueKind()}");
        }
        var originalList = (JsonArray?)current;
        var patchList = (JsonArray?)patchNode;
        if (originalList is null && patchList is null)
        {
            return true;
        }
        var strategy = ModelSchema.Strategy(type, field);
        var mergeKey = strategy?.MergeKey;
        var orderIds = OrderIdentities(order, mergeKey, listPath);
        if (patchList is not null)
        {
            ValidateOrder(patchList, orderIds, mergeKey, listPath);
        }
        var serverOrder = ElementOrder.Identities(originalList ?? [], mergeKey);
        var merged = patchList is null
            ? originalList!
            : StrategicListMerger.Merge(originalList ?? [], patchList, ModelSchema.FieldType(type, field), strategy, listPath);
        if (strategy is { Merge: true })
        {
            var items = merged.ToList();
            merged.Clear();
            merged = [.. ElementOrder.Apply(items, orderIds, serverOrder, mergeKey)];
        }
        if (!ReferenceEquals(merged, current))
        {
            result[field] = merged;
        }
        return true;
    }

    private static List<JsonNode?> OrderIdentities(JsonArray order, string? mergeKey, string listPath)
    {
        if (mergeKey is not null && order.Any(i => i is not JsonObject o || !o.ContainsKey(mergeKey)))
        {
            throw PatchException.Malformed(
                $"every item of $setElementOrder for {listPath} must be an object with the merge key \"{mergeKey}\"");
        }
        return ElementOrder.Identities(order, mergeKey);
    }

    // The patch list may omit items, but those it has must appear in $setElementOrder's order.
    private static void ValidateOrder(JsonArray patchList, List<JsonNode?> orderIds, string? mergeKey, string listPath)
    {
        if (orderIds.Count == 0)
        {
            return;
        }
        // Directive items are skipped, and items without a merge key are left for the list merge to report.
        var named = patchList.Where(i => i is not JsonObject o || !o.ContainsKey(Directives.Patch));
        var next = 0;
        foreach (var item in named)
        {
            var id = ElementOrder.IdentityOf(item, mergeKey);
            if (id is null)
            {
                continue;
            }
            while (next < orderIds.Count && !JsonNode.DeepEquals(orderIds[next], id))
            {
                next++;
            }
            if (next == orderIds.Count)
            {
                throw PatchException.Malformed(
                    $"the items of {listPath} in the patch are not in the order $setElementOrder gives, or are missing from it: {Directives.Show(id)}");
            }
            next++;
        }
    }

    private static void ApplyRetainKeys(JsonObject result, JsonObject patch, string path)
    {
        if (!patch.TryGetPropertyValue(Directives.RetainKeys, out var node))
        {
            return;
        }
        if (node is not JsonArray list || list.Any(k => k?.GetValueKind() != JsonValueKind.String))
        {
            throw PatchException.Malformed($"$retainKeys at {Directives.Where(path)} must be a list of field names");
        }
        var retain = list.Select(k => k!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            if (value is not null && !Directives.IsDirective(key) && !retain.Contains(key))
            {
                throw PatchException.Malformed(
                    $"$retainKeys at {Directives.Where(path)} does not list \"{key}\", which the patch sets");
            }
        }
        foreach (var key in result.Select(p => p.Key).Where(k => !retain.Contains(k)).ToList())
        {
            result.Remove(key);
        }
    }

    private static void DeleteFromPrimitiveList(JsonObject result, string field, JsonNode? values, string path)
    {
        if (values is not JsonArray toDelete)
        {
            throw PatchException.Malformed($"$deleteFromPrimitiveList/{field} at {Directives.Where(path)} must be a list");
        }
        if (result[field] is not JsonArray list)
        {
            return;
        }
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (toDelete.Any(v => JsonNode.DeepEquals(v, list[i])))
            {
                list.RemoveAt(i);
            }
        }
    }
}
