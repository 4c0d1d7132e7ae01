using System.Text.Json.Nodes;
using Orchestrator.Apply.Schema;

namespace Orchestrator.Apply.Fields;

/// <summary>Merges an applied configuration into a live object and prunes what an applier gave up, as structured-merge-diff does.</summary>
internal static class ObjectMerger
{
    /// <summary>The live object with the configuration merged in: granular nodes merge, everything else is replaced.</summary>
    public static JsonNode? Merge(JsonNode? live, JsonNode? config, SchemaNode schema)
    {
        if (live is null)
        {
            return WithoutNulls(config?.DeepClone());
        }
        if (schema.IsGranularObject && live is JsonObject liveObject && config is JsonObject configObject)
        {
            var result = (JsonObject)liveObject.DeepClone();
            foreach (var (name, value) in configObject)
            {
                var merged = Merge(result[name], value, ModelSchema.Child(schema, name));
                if (merged is null)
                {
                    // A null in the configuration clears the field, as it would once decoded into a typed object.
                    result.Remove(name);
                }
                else
                {
                    result[name] = merged;
                }
            }
            return result;
        }
        if (schema.IsGranularList && live is JsonArray liveArray && config is JsonArray configArray)
        {
            return MergeList(liveArray, configArray, schema);
        }
        return WithoutNulls(config?.DeepClone());
    }

    /// <summary>
    /// Removes from <paramref name="merged"/> the fields the applier owned last time (<paramref name="lastApplied"/>) that
    /// nobody (the applier's new set included) owns now (<paramref name="owned"/>). Keys of a kept list element stay.
    /// </summary>
    public static void Prune(JsonNode merged, FieldSet lastApplied, FieldSet owned, SchemaNode schema) =>
        Prune(merged, lastApplied, owned, schema, []);

    private static void Prune(JsonNode node, FieldSet last, FieldSet owned, SchemaNode schema, IReadOnlyList<PathElement> path)
    {
        var children = FieldSets.Children(node, schema);
        var doomed = new List<PathElement>();
        foreach (var (pe, value, childSchema) in children)
        {
            IReadOnlyList<PathElement> childPath = [.. path, pe];
            if (!last.HasAtOrUnder(childPath) || IsKeyOf(pe, schema, path, node))
            {
                continue;
            }
            // A struct field or map entry counts as owned last time when something under it was.
            var wasOwned = last.Contains(childPath) || pe.Kind == PathElementKind.Field;
            if (wasOwned && !owned.HasAtOrUnder(childPath))
            {
                doomed.Add(pe);
            }
            else if (value is not null && FieldSets.IsGranular(value, childSchema))
            {
                Prune(value, last, owned, childSchema, childPath);
            }
        }
        Remove(node, schema, doomed);
    }

    // Key fields of an element that stays (another manager still owns part of it) must stay too.
    private static bool IsKeyOf(PathElement pe, SchemaNode schema, IReadOnlyList<PathElement> path, JsonNode node) =>
        pe.Kind == PathElementKind.Field && path.Count > 0 && path[^1].Kind == PathElementKind.Key
        && path[^1].Key!.Any(k => k.Key == pe.Field) && schema.IsGranularObject && node is JsonObject;

    private static void Remove(JsonNode node, SchemaNode schema, List<PathElement> doomed)
    {
        if (doomed.Count == 0)
        {
            return;
        }
        if (node is JsonObject obj)
        {
            foreach (var pe in doomed)
            {
                obj.Remove(pe.Field!);
            }
        }
        else if (node is JsonArray array)
        {
            var gone = doomed.ToHashSet();
            for (var i = array.Count - 1; i >= 0; i--)
            {
                if (gone.Contains(ModelSchema.ItemElement(schema, array[i], i)))
                {
                    array.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>
    /// Merges two granular lists keeping the relative order of both: live-only elements stay where they were,
    /// shared and new elements follow the configuration's order.
    /// </summary>
    private static JsonArray MergeList(JsonArray live, JsonArray config, SchemaNode schema)
    {
        var element = schema.Element ?? SchemaNode.Leaf;
        var livePEs = live.Select((item, i) => ModelSchema.ItemElement(schema, item, i)).ToList();
        var configPEs = config.Select((item, i) => ModelSchema.ItemElement(schema, item, i)).ToList();
        var liveByPE = new Dictionary<PathElement, JsonNode?>();
        for (var i = 0; i < live.Count; i++)
        {
            liveByPE.TryAdd(livePEs[i], live[i]);
        }
        var configByPE = new Dictionary<PathElement, JsonNode?>();
        for (var i = 0; i < config.Count; i++)
        {
            configByPE.TryAdd(configPEs[i], config[i]);
        }
        var shared = new Queue<PathElement>(configPEs.Where(liveByPE.ContainsKey));
        var nextShared = shared.Count > 0 ? shared.Dequeue() : null;
        var done = new HashSet<PathElement>();
        var result = new JsonArray();

        void Emit(PathElement pe)
        {
            done.Add(pe);
            var merged = Merge(liveByPE.GetValueOrDefault(pe), configByPE[pe], element);
            if (merged is not null)
            {
                result.Add(merged);
            }
            if (nextShared is not null && nextShared.Equals(pe))
            {
                nextShared = shared.Count > 0 ? shared.Dequeue() : null;
            }
        }

        for (int l = 0, c = 0; l < livePEs.Count || c < configPEs.Count;)
        {
            if (l < livePEs.Count && c < configPEs.Count)
            {
                if (livePEs[l].Equals(configPEs[c]))
                {
                    Emit(configPEs[c]);
                    l++;
                    c++;
                    continue;
                }
                if (configByPE.ContainsKey(livePEs[l]) && nextShared is not null && !nextShared.Equals(livePEs[l]))
                {
                    l++;
                    continue;
                }
            }
            if (l < livePEs.Count)
            {
                if (!configByPE.ContainsKey(livePEs[l]))
                {
                    if (done.Add(livePEs[l]))
                    {
                        result.Add(live[l]?.DeepClone());
                    }
                    l++;
                    continue;
                }
                if (done.Contains(livePEs[l]))
                {
                    l++;
                    continue;
                }
            }
            if (c < configPEs.Count)
            {
                if (!done.Contains(configPEs[c]))
                {
                    Emit(configPEs[c]);
                }
                c++;
            }
        }
        return result;
    }

    private static JsonNode? WithoutNulls(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var name in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
            {
                obj.Remove(name);
            }
            foreach (var (_, value) in obj)
            {
                WithoutNulls(value);
            }
        }
        return node;
    }
}
